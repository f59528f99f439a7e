/**
 * The baseline: the smallest botbuilder bot on the same HTTP stack as the real one (restify + bodyParser +
 * CloudAdapter with auth off). One turn = the inbound POST + one outbound reply POST to the `serviceUrl`,
 * the same work the real bot's message turns do minus the application itself.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import restify from 'restify';

export interface EchoBot {
  readonly endpoint: string;
  close(): Promise<void>;
}

export interface EchoBotOptions {
  /** What to send instead of `echo: <text>` (bench/phases.ts sends a fixed card to price card transport). */
  readonly reply?: Partial<Activity>;
}

export async function startEchoBot(options: EchoBotOptions = {}): Promise<EchoBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = restify.createServer({ name: 'bench-echo-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, async (context) => {
      await context.sendActivity(options.reply ?? `echo: ${context.activity.text}`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = server.address().port;
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server.server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }),
  };
}

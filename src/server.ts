/**
 * HTTP: restify + the Bot Framework adapter. No business logic here.
 *   POST /api/messages   activities from Teams, the Test Tool or the Emulator
 *   GET  /healthz        liveness and database reachability
 */
import restify from 'restify';
import { z } from 'zod';
import type { Application } from '@microsoft/teams-ai';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Logger } from './log.js';

export const MAX_BODY_BYTES = 1_048_576;

/** The fields every Bot Framework activity has; anything else is not for us. */
const IncomingActivitySchema = z.object({
  type: z.string().min(1).max(64),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().url().max(2048),
  from: z.object({ id: z.string().min(1).max(256) }).passthrough(),
  recipient: z.object({ id: z.string().max(256) }).passthrough(),
  conversation: z.object({ id: z.string().min(1).max(512) }).passthrough(),
});

export interface ServerOptions {
  readonly adapter: TeamsAdapter;
  readonly app: Application;
  readonly log: Logger;
  readonly ping: () => Promise<boolean>;
}

export interface RunningServer {
  readonly server: restify.Server;
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections and waits for requests in flight. */
  close(): Promise<void>;
}

export function createServer(options: ServerOptions): restify.Server {
  const { adapter, app, log, ping } = options;
  const server = restify.createServer({ name: 'csp-partner-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    if (!IncomingActivitySchema.safeParse(req.body).success) {
      res.send(400, { error: 'The body is not a Bot Framework activity.' });
      return;
    }
    try {
      await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
    } catch (error) {
      // The adapter answers auth and parse problems itself; anything reaching here is ours.
      log.error({ err: error }, 'request failed');
      if (!res.headersSent) res.send(500, { error: 'internal error' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    const database = await ping();
    res.send(database ? 200 : 503, {
      status: database ? 'ok' : 'degraded',
      database: database ? 'up' : 'down',
    });
  });

  server.on(
    'restifyError',
    (
      req: restify.Request,
      res: restify.Response,
      error: Error & { statusCode?: number },
      next: (e?: unknown) => void,
    ) => {
      if ((error.statusCode ?? 500) >= 500) log.error({ err: error, path: req.path() }, 'http error');
      next();
    },
  );
  return server;
}

export function listen(server: restify.Server, port: number, host: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = address.port;
      resolve({
        server,
        port: actualPort,
        url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Idle keep-alive sockets would hold close() open.
            (server.server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
          }),
      });
    });
  });
}

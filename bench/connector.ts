/**
 * A stand-in for the Bot Framework connector service (the activity's `serviceUrl`), for the benchmark.
 *
 * Answers 200 `{"id":"…"}` to POST /v3/conversations/:conversationId/activities[/:replyToId], the way the
 * Teams connector acknowledges a bot's reply, and keeps each reply under the id of the activity it
 * answers (the `replyToId`) until the benchmark takes it, so a scenario can check what the user would see
 * without the connector growing for the whole run.
 */
import crypto from 'node:crypto';
import http from 'node:http';

export interface ConnectorActivity {
  readonly type?: string;
  readonly text?: string;
  readonly replyToId?: string;
  readonly attachments?: Array<{ contentType?: string; content?: unknown }>;
  readonly [key: string]: unknown;
}

export interface BenchConnector {
  readonly serviceUrl: string;
  /** Replies received so far (all of them, taken or not). */
  received(): number;
  /** Requests that were not a POST to a conversation's activities (answered 404). */
  unexpected(): number;
  /** The replies sent in answer to the activity with this id; removes them. */
  take(replyToId: string): ConnectorActivity[];
  close(): Promise<void>;
}

const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?\/?(?:\?.*)?$/;

export async function startConnector(): Promise<BenchConnector> {
  const pending = new Map<string, ConnectorActivity[]>();
  let received = 0;
  let unexpected = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = req.method === 'POST' ? ACTIVITIES_PATH.exec(req.url ?? '') : null;
      if (!match) {
        unexpected += 1;
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      let activity: ConnectorActivity = {};
      try {
        activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ConnectorActivity;
      } catch {
        // kept as an empty activity: the scenario's check will fail it
      }
      received += 1;
      const replyToId = activity.replyToId ?? (match[2] ? decodeURIComponent(match[2]) : '');
      const list = pending.get(replyToId);
      if (list) list.push(activity);
      else pending.set(replyToId, [activity]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: crypto.randomUUID() }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received: () => received,
    unexpected: () => unexpected,
    take: (replyToId) => {
      const list = pending.get(replyToId) ?? [];
      pending.delete(replyToId);
      return list;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/**
 * A local connector (the activity's `serviceUrl`) like `startLocalConnector` in ./bot.ts, that also records
 * every request it gets, answered or failed, with the instant it arrived: for tests about retries and
 * Teams' per-conversation rate limit.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { makeArrivals } from './arrivals.js';
import type { LocalConnector } from './bot.js';

export interface ConnectorRequest {
  /** POST sends an activity; PUT updates one already sent (updateActivity). */
  readonly method: string;
  readonly path: string;
  /** The status it was answered with. */
  readonly status: number;
  /** When the whole request had arrived, in milliseconds (performance.now()). */
  readonly arrivedAtMs: number;
  readonly activity: Record<string, unknown>;
}

export interface RecordingConnector extends LocalConnector {
  /** Every request, in order of arrival, the failed ones too. */
  readonly requests: ConnectorRequest[];
  /** The first request (arrived or to come, answered or failed) matching `predicate`. */
  waitForRequest(
    predicate: (request: ConnectorRequest) => boolean,
    options?: { timeoutMs?: number },
  ): Promise<ConnectorRequest>;
  /** The members a GET of the conversation's (paged) members answers with (Teams' roster). */
  setMembers(members: ReadonlyArray<{ id: string; name: string; aadObjectId: string }>): void;
  /** Like failNext, with a Retry-After header (seconds) on each failure. */
  failNextWithRetryAfter(retryAfterSeconds: number, ...statuses: number[]): void;
}

export async function startRecordingConnector(): Promise<RecordingConnector> {
  const arrivals = makeArrivals<LocalConnector['received'][number]>();
  const received = arrivals.list;
  const requestArrivals = makeArrivals<ConnectorRequest>();
  const requests = requestArrivals.list;
  const failures: Array<{ status: number; retryAfterSeconds?: number }> = [];
  let members: ReadonlyArray<{ id: string; name: string; aadObjectId: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const arrivedAtMs = performance.now();
      let activity: Record<string, unknown> = {};
      try {
        activity = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        // not JSON: recorded as empty
      }
      const failure = failures.shift();
      const path = req.url ?? '';
      if (failure) {
        requestArrivals.push({
          method: req.method ?? '',
          path,
          status: failure.status,
          arrivedAtMs,
          activity,
        });
        res.writeHead(failure.status, {
          'content-type': 'application/json',
          ...(failure.retryAfterSeconds !== undefined
            ? { 'retry-after': String(failure.retryAfterSeconds) }
            : {}),
        });
        res.end('{}');
        return;
      }
      requestArrivals.push({ method: req.method ?? '', path, status: 200, arrivedAtMs, activity });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.method === 'GET' && /\/(paged)?members\b/.test(path)) {
        res.end(JSON.stringify(path.includes('pagedmembers') ? { members } : members));
        return;
      }
      arrivals.push({ path, activity });
      res.end(JSON.stringify({ id: crypto.randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    requests,
    setMembers: (list) => {
      members = list;
    },
    failNext: (...statuses) => failures.push(...statuses.map((status) => ({ status }))),
    failNextWithRetryAfter: (retryAfterSeconds, ...statuses) =>
      failures.push(...statuses.map((status) => ({ status, retryAfterSeconds }))),
    waitFor: arrivals.waitFor,
    waitForRequest: (predicate, options) => requestArrivals.waitFor(predicate, options),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

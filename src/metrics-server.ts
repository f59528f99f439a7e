/**
 * GET /metrics: on the bot's port behind a Bearer token (server.ts), or on METRICS_PORT, a second listener
 * bound to 127.0.0.1 only (here), for an agent on the same machine. Anything else on that port is 404.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsSource {
  render(): Promise<{ readonly contentType: string; readonly body: string }>;
}

/** Constant-time comparison of the Authorization header with `Bearer <token>`. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = crypto.createHash('sha256').update(header.slice(7)).digest();
  const expected = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(given, expected);
}

export interface MetricsListener {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export const METRICS_HOST = '127.0.0.1';

export function listenForMetrics(
  source: MetricsSource,
  port: number,
  token: string | undefined,
): Promise<MetricsListener> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    // Not chained: restify (loaded in the same process) replaces writeHead with one that returns nothing.
    const answer = (status: number, headers: Record<string, string>, body: string) => {
      res.writeHead(status, headers);
      res.end(body);
    };
    if (req.method !== 'GET' || path !== '/metrics') {
      answer(404, { 'content-type': 'text/plain' }, 'not found\n');
      return;
    }
    if (token && !bearerMatches(req.headers.authorization, token)) {
      answer(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }, 'unauthorized\n');
      return;
    }
    source.render().then(
      ({ contentType, body }) =>
        answer(200, { 'content-type': contentType, 'cache-control': 'no-store' }, body),
      () => answer(503, { 'content-type': 'text/plain' }, 'metrics unavailable\n'),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, METRICS_HOST, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        port: actual,
        url: `http://${METRICS_HOST}:${actual}/metrics`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}

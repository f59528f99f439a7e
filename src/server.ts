/**
 * HTTP: restify + the Bot Framework adapter. No business logic here.
 *   POST /api/messages   activities from Teams, the Test Tool or the Emulator
 *   GET  /healthz        liveness and database reachability
 *   GET  /readyz         readiness: database, migrations and (partner-center mode) a Partner Center token
 *   GET  /metrics        Prometheus metrics, only with METRICS_TOKEN (Bearer); 404 without one
 *   POST /webhooks/partner-center   Partner Center's signed webhooks (partner-center mode; 404 otherwise)
 */
import crypto from 'node:crypto';
import restify from 'restify';
import type { Logger } from './log.js';
import { deadLinkPage, downloadLandingPage } from './bot/download-page.js';
import type { ActivityReceiver } from './bot/receive-activity.js';
import type { RateLimiter } from './rate-limit.js';
import type { DownloadLinkState, DownloadOutcome } from './domain/software/download-software.js';
import type { ReadinessReport } from './readiness.js';
import type { WebhookAnswer } from './partner-center-mode/connect-partner-center.js';
import type { WebhookHeaders } from './partner-center/webhooks/verify-webhook-signature.js';
import { bearerMatches, type MetricsSource } from './metrics-server.js';

export const MAX_BODY_BYTES = 1_048_576;

export interface ServerOptions {
  /** POST /api/messages: validates, authenticates and runs an activity (src/bot/receive-activity.ts). */
  readonly receiveActivity: ActivityReceiver;
  readonly log: Logger;
  readonly ping: () => Promise<boolean>;
  /** Counts a download and gives the file location, or why not (R-KEY-3). */
  readonly download: (token: string) => Promise<DownloadOutcome>;
  /** Whether a download link works, counting nothing (R-KEY-7: its landing page, previews, HEAD). */
  readonly inspectDownload: (token: string) => Promise<DownloadLinkState>;
  /** The CSV of an activity export link, or undefined when it is gone. */
  readonly exportCsv: (exportId: string) => Promise<string | undefined>;
  /** Partner Center's "accepted by customer" event, once the shared secret was checked. */
  readonly relationshipAccepted: (requestId: string) => Promise<'accepted' | 'already-accepted' | 'unknown'>;
  /** The webhook's shared secret; undefined refuses every call. */
  readonly webhookSecret: string | undefined;
  /** GET /readyz; without it, readiness is the database ping alone. */
  readonly readiness?: () => Promise<ReadinessReport>;
  /** Partner Center's signed webhooks (partner-center mode only; absent: 404). */
  readonly partnerCenterWebhook?: (rawBody: string, headers: WebhookHeaders) => Promise<WebhookAnswer>;
  /**
   * Per client address, one bucket set per route group, checked before any other work: a flood of one
   * costs the others (and chat turns) nothing but the refusals. Absent: no limit.
   */
  readonly rateLimits?: {
    readonly downloads?: RateLimiter;
    readonly exports?: RateLimiter;
    readonly webhooks?: RateLimiter;
  };
  /** GET /metrics on this port, behind this Bearer token; absent: 404 (never public by default). */
  readonly metrics?: { readonly source: MetricsSource; readonly token: string };
}

const TOO_MANY = { error: 'too many requests' } as const;

/** True (and the 429 sent, with Retry-After) when the client at this address is over the limit. */
function refusedByLimit(
  limiter: RateLimiter | undefined,
  req: restify.Request,
  res: restify.Response,
): boolean {
  if (!limiter) return false;
  const decision = limiter(req.socket?.remoteAddress ?? 'unknown');
  if (decision.ok) return false;
  res.header('retry-after', String(decision.retryAfterSeconds));
  res.header('cache-control', 'no-store');
  res.send(429, TOO_MANY);
  return true;
}

const secretMatches = (given: string | undefined, expected: string | undefined): boolean => {
  if (!given || !expected) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
};

export interface RunningServer {
  readonly server: restify.Server;
  readonly port: number;
  readonly url: string;
  /** Stops accepting connections and waits for requests in flight. */
  close(): Promise<void>;
}

/**
 * restify's body parser, with its refusals answered by fixed bodies: a parser's message (which quotes the
 * body) is never echoed.
 */
function parseBodies(): restify.RequestHandler {
  const steps = restify.plugins.bodyParser({
    maxBodySize: MAX_BODY_BYTES,
    mapParams: false,
  }) as unknown as restify.RequestHandler[];
  return (req, res, next) => {
    const run = (index: number): void => {
      const step = steps[index];
      if (!step) {
        next();
        return;
      }
      void step(req, res, (error?: unknown) => {
        if (error instanceof Error || (error !== undefined && error !== null && error !== false)) {
          const status = (error as { statusCode?: number }).statusCode;
          if (status === 413) res.send(413, { error: 'The body is too large.' });
          else if (status === 415) res.send(415, { error: 'Unsupported content type.' });
          else res.send(400, { error: 'The body is not valid.' });
          next(false);
          return;
        }
        run(index + 1);
      });
    };
    run(0);
  };
}

export function createServer(options: ServerOptions): restify.Server {
  const { log, ping } = options;
  const server = restify.createServer({ name: 'csp-partner-bot', handleUncaughtExceptions: false });
  server.use(parseBodies());

  server.post('/api/messages', async (req, res) => {
    const answer = await options.receiveActivity(req.body, req.header('authorization') ?? '');
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.header(name, value);
    if (answer.body === undefined) res.send(answer.status);
    else res.send(answer.status, answer.body);
  });

  // Counted, expiring download links. The token is never logged. Opening the link (a GET: the person, a
  // link preview or unfurl, a scanner) shows a landing page and counts nothing; HEAD only gives the
  // status; the page's Download button (a POST) is the deliberate download that counts (R-KEY-7).
  const lookAtLink = async (req: restify.Request, res: restify.Response, withBody: boolean) => {
    if (refusedByLimit(options.rateLimits?.downloads, req, res)) return;
    const state = await options.inspectDownload(String(req.params.token ?? ''));
    res.header('cache-control', 'no-store');
    res.header('referrer-policy', 'no-referrer');
    res.header('x-robots-tag', 'noindex');
    const status = state.ok ? 200 : state.reason === 'unknown' ? 404 : 410;
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    if (!withBody) {
      res.end();
      return;
    }
    const language = req.header('accept-language');
    res.end(
      state.ok ? downloadLandingPage(language, state.downloadsLeft) : deadLinkPage(language, state.reason),
    );
  };
  server.get('/downloads/:token', async (req, res) => lookAtLink(req, res, true));
  server.head('/downloads/:token', async (req, res) => lookAtLink(req, res, false));

  server.post('/downloads/:token', async (req, res) => {
    if (refusedByLimit(options.rateLimits?.downloads, req, res)) return;
    const outcome = await options.download(String(req.params.token ?? ''));
    res.header('cache-control', 'no-store');
    res.header('referrer-policy', 'no-referrer');
    if (outcome.ok) {
      res.redirect(302, outcome.fileUrl, () => undefined);
      return;
    }
    res.writeHead(outcome.reason === 'unknown' ? 404 : 410, { 'content-type': 'text/html; charset=utf-8' });
    res.end(deadLinkPage(req.header('accept-language'), outcome.reason));
  });

  server.get('/exports/:file', async (req, res) => {
    if (refusedByLimit(options.rateLimits?.exports, req, res)) return;
    const exportId = String(req.params.file ?? '').replace(/\.csv$/, '');
    const csv = /^[A-Za-z0-9_-]{22}$/.test(exportId) ? await options.exportCsv(exportId) : undefined;
    res.header('cache-control', 'no-store');
    if (csv === undefined) {
      res.writeHead(410, { 'content-type': 'text/html; charset=utf-8' });
      res.end(deadLinkPage(req.header('accept-language'), 'export'));
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="activity.csv"',
    });
    res.end(`\ufeff${csv}`);
  });

  // Stand-in for Partner Center's reseller-relationship-accepted-by-customer webhook.
  server.post('/relationships/:id/accepted', async (req, res) => {
    if (refusedByLimit(options.rateLimits?.webhooks, req, res)) return;
    const header = req.header('authorization') ?? '';
    const given = header.startsWith('Bearer ')
      ? header.slice(7)
      : (req.header('x-webhook-secret') ?? undefined);
    if (!secretMatches(given, options.webhookSecret)) {
      res.send(401, { error: 'unauthorized' });
      return;
    }
    const outcome = await options.relationshipAccepted(String(req.params.id ?? ''));
    res.send(outcome === 'unknown' ? 404 : 200, { status: outcome });
  });

  // Partner Center's webhooks: the signature covers the bytes as sent, so the raw body is passed on, never
  // the parsed JSON re-serialised. A bad or missing signature is 401 and changes nothing.
  server.post('/webhooks/partner-center', async (req, res) => {
    if (refusedByLimit(options.rateLimits?.webhooks, req, res)) return;
    const receive = options.partnerCenterWebhook;
    if (!receive) {
      res.send(404, { error: 'not found' });
      return;
    }
    // restify keeps the bytes in rawBody when it parsed JSON; for another content type the body is left raw.
    const raw = (req as { rawBody?: unknown }).rawBody ?? (req.body as unknown);
    const rawBody = typeof raw === 'string' ? raw : Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
    try {
      const answer = await receive(rawBody, req.headers);
      res.send(answer.status, answer.body);
    } catch (error) {
      log.error({ err: error }, 'partner-center webhook failed');
      // Partner Center delivers again after a 5xx; every action is idempotent.
      if (!res.headersSent) res.send(503, { status: 'retry-later' });
    }
  });

  server.get('/readyz', async (_req, res) => {
    const report = options.readiness
      ? await options.readiness()
      : (await ping())
        ? ({ ready: true, checks: { database: 'ok' } } as const)
        : ({ ready: false, checks: { database: 'failing' }, failing: 'database' } as const);
    res.header('cache-control', 'no-store');
    res.send(report.ready ? 200 : 503, {
      status: report.ready ? 'ready' : 'not-ready',
      ...(report.failing ? { failing: report.failing } : {}),
      checks: report.checks,
    });
  });

  server.get('/metrics', async (req, res) => {
    const metrics = options.metrics;
    res.header('cache-control', 'no-store');
    if (!metrics) {
      res.send(404, { error: 'not found' });
      return;
    }
    if (!bearerMatches(req.header('authorization'), metrics.token)) {
      res.header('www-authenticate', 'Bearer');
      res.send(401, { error: 'unauthorized' });
      return;
    }
    const { contentType, body } = await metrics.source.render();
    res.writeHead(200, { 'content-type': contentType });
    res.end(body);
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
      const path = req.path().replace(/^\/(downloads|exports)\/.*/, '/$1/[redacted]');
      const status = error.statusCode ?? 500;
      if (status >= 500) log.error({ err: error, path }, 'http error');
      // restify's own answers (unknown route, wrong method…) quote the request: a fixed body instead.
      const fixed = status === 404 ? 'not found' : status === 405 ? 'method not allowed' : 'request refused';
      (error as { toJSON?: () => unknown }).toJSON = () => ({
        error: status >= 500 ? 'internal error' : fixed,
      });
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

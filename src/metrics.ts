/**
 * Prometheus metrics (prom-client), recorded at the edges: the bot's turns (src/bot/metrics.ts port), the
 * confirmations as stored (pending actions created, claimed), the reminder passes and deliveries, downloads
 * and exports as served, the database pool, and the Partner Center connector's calls. The domain knows none
 * of it. Each bot has its own registry, so tests and several bots in one process do not mix their counts.
 *
 * Served by GET /metrics on the bot's port only with METRICS_TOKEN (Authorization: Bearer …), and/or on
 * METRICS_PORT bound to 127.0.0.1 (src/metrics-server.ts). Neither set: not served at all.
 */
import client from 'prom-client';
import type { BotMetrics, TurnRecord } from './bot/metrics.js';

export type ConfirmationEvent = 'created' | 'confirmed' | 'expired';
export type ReminderEvent = 'due' | 'sent' | 'failed' | 'retried';
/** What a download link answered: the file, or why not (R-KEY-3). */
export type DownloadResult = 'served' | 'unknown' | 'expired' | 'exhausted' | 'revoked' | string;

export interface PoolUse {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
  readonly max: number;
}

export interface Metrics extends BotMetrics {
  confirmation(event: ConfirmationEvent, count?: number): void;
  reminders(event: ReminderEvent, count: number): void;
  download(result: DownloadResult): void;
  exportServed(result: 'served' | 'gone'): void;
  /** One logical Partner Center call (retries included): `outcome` 'ok', the refusal kind, or 'error'. */
  partnerCenterCall(operation: string, outcome: string, seconds: number): void;
  /** The Prometheus text exposition. */
  render(): Promise<{ readonly contentType: string; readonly body: string }>;
}

export interface MetricsOptions {
  /** The database pool, read at each scrape (PostgreSQL: pg's pool; embedded: one connection). */
  readonly pool?: () => PoolUse;
  /** Node's process metrics (CPU, memory, event loop lag); default on. */
  readonly processMetrics?: boolean;
}

const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new client.Registry();
  const registers = [registry];
  if (options.processMetrics !== false) client.collectDefaultMetrics({ register: registry });

  const turnSeconds = new client.Histogram({
    name: 'bot_turn_duration_seconds',
    help: 'Time to answer a turn, by what started it (command kind or card verb) and how it ended.',
    labelNames: ['type', 'name', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const outcomes = new client.Counter({
    name: 'bot_turn_outcomes_total',
    help: 'Turns by outcome: ok, denied (no role for it), refused (a rule, input or state), error.',
    labelNames: ['outcome'] as const,
    registers,
  });
  for (const outcome of ['ok', 'denied', 'refused', 'error']) outcomes.inc({ outcome }, 0);
  const confirmations = new client.Counter({
    name: 'bot_confirmations_total',
    help: 'Confirmations (pending actions): created by a preview, confirmed (claimed), pressed after expiry.',
    labelNames: ['event'] as const,
    registers,
  });
  for (const event of ['created', 'confirmed', 'expired']) confirmations.inc({ event }, 0);
  const reminders = new client.Counter({
    name: 'bot_reminders_total',
    help: 'Reminders: due (claimed by a pass), sent, failed (kept for a retry), retried (sent again after a failure).',
    labelNames: ['event'] as const,
    registers,
  });
  for (const event of ['due', 'sent', 'failed', 'retried']) reminders.inc({ event }, 0);
  const downloads = new client.Counter({
    name: 'bot_downloads_total',
    help: 'Download link requests: served, or why not (unknown, expired, exhausted, revoked).',
    labelNames: ['result'] as const,
    registers,
  });
  const exportsServed = new client.Counter({
    name: 'bot_exports_total',
    help: 'Activity CSV export requests: served, or gone (expired or unknown).',
    labelNames: ['result'] as const,
    registers,
  });
  const rateLimited = new client.Counter({
    name: 'bot_rate_limit_refusals_total',
    help: 'Requests or turns refused by a rate limit, by scope.',
    labelNames: ['scope'] as const,
    registers,
  });
  const partnerCenterSeconds = new client.Histogram({
    name: 'partner_center_call_duration_seconds',
    help: "Partner Center connector calls (retries included), by operation and outcome ('ok', a refusal kind or 'error').",
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const partnerCenterErrors = new client.Counter({
    name: 'partner_center_call_errors_total',
    help: 'Partner Center connector calls that did not succeed, by operation and refusal kind.',
    labelNames: ['operation', 'kind'] as const,
    registers,
  });
  const pool = options.pool;
  if (pool) {
    new client.Gauge({
      name: 'bot_db_pool_connections',
      help: 'Database connections: total open, idle, requests waiting for one, and the maximum.',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const use = pool();
        this.set({ state: 'total' }, use.total);
        this.set({ state: 'idle' }, use.idle);
        this.set({ state: 'in-use' }, Math.max(0, use.total - use.idle));
        this.set({ state: 'waiting' }, use.waiting);
        this.set({ state: 'max' }, use.max);
      },
    });
  }

  return {
    turn: (record: TurnRecord) => {
      turnSeconds.observe({ type: record.type, name: record.name, outcome: record.outcome }, record.seconds);
      outcomes.inc({ outcome: record.outcome });
    },
    confirmationExpired: () => confirmations.inc({ event: 'expired' }),
    rateLimitRefused: (scope) => rateLimited.inc({ scope }),
    confirmation: (event, count = 1) => {
      if (count > 0) confirmations.inc({ event }, count);
    },
    reminders: (event, count) => {
      if (count > 0) reminders.inc({ event }, count);
    },
    download: (result) => downloads.inc({ result }),
    exportServed: (result) => exportsServed.inc({ result }),
    partnerCenterCall: (operation, outcome, seconds) => {
      partnerCenterSeconds.observe({ operation, outcome }, seconds);
      if (outcome !== 'ok') partnerCenterErrors.inc({ operation, kind: outcome });
    },
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}

/**
 * The composition root: the only place that builds concrete adapters (database, Bot Framework, HTTP).
 * Used by main.ts, the tests and the benchmark.
 */
import { bootstrapGlobalAdmin } from './domain/staff/bootstrap-global-admin.js';
import { BotAdapter } from './bot/bot-adapter.js';
import { createActivityReceiver } from './bot/receive-activity.js';
import { createBotApp } from './bot/app.js';
import type { Config } from './config.js';
import { openDatabase, type Database, type DatabaseTarget } from './db/database.js';
import { createDeps } from './db/create-deps.js';
import { seedData } from './db/seed.js';
import { createSecrets, DEVELOPMENT_KEY } from './secrets.js';
import { download, inspectDownloadLink } from './domain/software/download-software.js';
import { acceptRelationship } from './domain/relationships/accept-relationship.js';
import { createProactiveSender } from './bot/proactive.js';
import { createLateReplies } from './bot/late-reply.js';
import { createReminderNotifier } from './bot/reminder-notifier.js';
import { startReminderScheduler, type ReminderScheduler } from './reminder-scheduler.js';
import { exportActivityCsv } from './domain/software/export-activity.js';
import type { AllDeps } from './domain/ports/deps.js';
import type { Clock } from './domain/shared/time.js';
import { at } from './domain/shared/time.js';
import { createLogger, type Logger } from './log.js';
import { createUseCases } from './use-cases.js';
import { createServer, listen, type RunningServer } from './server.js';
import { createRateLimiter } from './rate-limit.js';
import {
  certificateHostsAreLoopback,
  connectPartnerCenter,
  type ConnectOptions,
  type PartnerCenterConnection,
} from './partner-center-mode/connect-partner-center.js';
import { createReadiness, type ReadinessCheck } from './readiness.js';
import { createMigrationsCheck } from './db/check-migrations-applied.js';
import type { PartnerCenterClient } from './partner-center/client.js';
import { PARTNER_CENTER_TRANSACTION_TIMEOUT_MS } from './partner-center/settings.js';
import { createCommerceRepositories } from './partner-center/commerce/create-commerce-repositories.js';
import { withPartnerCenterCommerce } from './partner-center/commerce/with-partner-center-commerce.js';
import type { CartKeeping } from './partner-center/commerce/partner-center-orders.js';
import { createMetrics, type Metrics } from './metrics.js';
import { startAdminSocket, type AdminSocket } from './admin/admin-socket.js';
import { listenForMetrics, type MetricsListener } from './metrics-server.js';
import {
  recordReminderPass,
  withConfirmationMetrics,
  withPartnerCenterMetrics,
  withReminderMetrics,
} from './metrics-wiring.js';

export const systemClock: Clock = { now: () => at(Date.now()) };

export interface BotInstance {
  readonly db: Database;
  readonly deps: AllDeps;
  readonly http: RunningServer;
  readonly log: Logger;
  readonly reminders: ReminderScheduler;
  /** Partner-center mode only. */
  readonly partnerCenter?: PartnerCenterConnection;
  readonly metrics: Metrics;
  /** METRICS_PORT's listener on 127.0.0.1, when configured. */
  readonly metricsListener?: MetricsListener;
  /** Embedded database only: DATA_DIR/admin.sock, for npm run staff and db:backup while the bot runs. */
  readonly adminSocket?: AdminSocket;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly database?: DatabaseTarget;
  readonly clock?: Clock;
  readonly log?: Logger;
  /** Write the catalog (and demo data when the config says so). Default true. */
  readonly seed?: boolean;
  /** Overrides REPLY_NOTICE_AFTER_MS, read at each turn (tests). */
  readonly replyNoticeAfterMs?: () => number;
  /** Overrides REMINDER_INTERVAL_SECONDS (tests use 0 and run passes themselves). */
  readonly reminderIntervalMs?: number;
  /**
   * Extra Bot Framework authentication settings (tests: a local OpenID metadata URL, so tokens signed with
   * locally generated keys are validated without the internet).
   */
  readonly botAuthentication?: Readonly<Record<string, string>>;
  /** Partner-center mode: the connector's effects (tests), and whether to sync the customer index at start. */
  readonly partnerCenter?: Pick<ConnectOptions, 'effects' | 'maxAttempts'> & {
    readonly syncAtStart?: boolean;
  };
}

/**
 * 'simulated' keeps the bot's database as the record (deps unchanged); 'partner-center' puts Partner
 * Center behind the customers, subscriptions, products, orders, software and audit ports, in and out of
 * transactions.
 */
export function withCommerceBackend(
  client: PartnerCenterClient,
  clock: Clock,
  deps: AllDeps,
  keeping: CartKeeping,
): AllDeps {
  const commerce = createCommerceRepositories(client, clock);
  const withSubscriptions: AllDeps = {
    ...deps,
    ...commerce(deps),
    uow: { run: (work) => deps.uow.run((tx) => work({ ...tx, ...commerce(tx) })) },
  };
  return withPartnerCenterCommerce(withSubscriptions, client, keeping);
}

export async function prepareDatabase(
  config: Config,
  target: DatabaseTarget,
  clock: Clock,
  log: Logger,
): Promise<Database> {
  const db = await openDatabase(target, config.databaseOptions);
  if (db.upgraded) {
    const { from, to, tables, rows, keptAt } = db.upgraded;
    log.warn(
      { from, to, tables, rows, keptAt },
      `embedded database converted from PostgreSQL ${from} to ${to}; the old data directory is kept at ${keptAt}: delete it once the bot runs as it should`,
    );
  }
  if (db.migrations.applied.length > 0) log.info({ applied: db.migrations.applied }, 'migrations applied');
  return db;
}

export async function startBot(config: Config, options: StartOptions = {}): Promise<BotInstance> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const target = options.database ?? config.database;
  const db = await prepareDatabase(config, target, clock, log);
  try {
    if (options.seed !== false) {
      // No whole-table counts at start: they take seconds on a large database.
      await seedData(db.prisma, { now: clock.now().toDate(), includeDemo: config.seedDemoData });
      log.info({ demo: config.seedDemoData }, 'catalog and demo data ready');
    }
    const listening: { server?: RunningServer } = {};
    if (!config.encryptionKey)
      log.warn('KEY_ENCRYPTION_KEY is not set: using the development key (never in production)');
    const secrets = createSecrets(config.encryptionKey ?? DEVELOPMENT_KEY);
    const recordDeps = createDeps(db, clock, {
      partner: config.partner,
      secrets,
      // Until the server listens, its address is not known (PORT=0 in tests).
      publicBaseUrl: () => config.publicBaseUrl ?? listening.server?.url ?? `http://localhost:${config.port}`,
      // Partner Center calls run inside the change's transaction: it must outlast them (R-PC-17).
      ...(config.commerce.backend === 'partner-center'
        ? { transactionTimeoutMs: PARTNER_CENTER_TRANSACTION_TIMEOUT_MS }
        : {}),
    });
    // Set once the reminder scheduler runs (the webhook receiver delivers stored reminders through it).
    const scheduled: { reminders?: ReminderScheduler } = {};
    const partnerCenter =
      config.commerce.backend === 'partner-center'
        ? connectPartnerCenter({
            commerce: config.commerce,
            prisma: db.prisma,
            deps: recordDeps,
            secrets,
            log,
            deliverReminders: () => scheduled.reminders?.runOnce() ?? Promise.resolve(),
            allowHttpCertificates:
              config.env !== 'production' &&
              certificateHostsAreLoopback(config.commerce.webhook.certificateHosts),
            ...(options.partnerCenter?.effects ? { effects: options.partnerCenter.effects } : {}),
            ...(options.partnerCenter?.maxAttempts ? { maxAttempts: options.partnerCenter.maxAttempts } : {}),
          })
        : undefined;
    const metrics = createMetrics({ pool: () => db.poolUse() });
    const partnerCenterClient = partnerCenter && withPartnerCenterMetrics(partnerCenter.client, metrics);
    const deps = withConfirmationMetrics(
      partnerCenterClient
        ? withCommerceBackend(partnerCenterClient, clock, recordDeps, partnerCenter.carts)
        : recordDeps,
      metrics,
    );
    if (partnerCenter)
      log.info(
        { apiUrl: config.commerce.backend === 'partner-center' ? config.commerce.apiUrl : '' },
        'commerce backend: Partner Center',
      );
    if (config.bootstrapGlobalAdmin) {
      const { aadObjectId } = config.bootstrapGlobalAdmin;
      const added = await bootstrapGlobalAdmin(deps, config.bootstrapGlobalAdmin);
      if (added) log.info({ aadObjectId }, 'bootstrap global admin granted');
    }
    const adapter = new BotAdapter({
      MicrosoftAppId: config.auth.appId,
      MicrosoftAppPassword: config.auth.appPassword,
      MicrosoftAppType: config.auth.appType,
      MicrosoftAppTenantId: config.auth.tenantId,
      ...options.botAuthentication,
    });
    const useCases = createUseCases(deps);
    const proactive = createProactiveSender({
      adapter,
      appId: config.auth.appId,
      useCases,
      defaultLocale: config.defaultLocale,
    });
    const lateReplies = createLateReplies({
      adapter,
      appId: config.auth.appId,
      noticeAfterMs: options.replyNoticeAfterMs ?? config.replyNoticeAfterMs,
      log,
    });
    const app = createBotApp({
      useCases,
      publicBaseUrl: deps.publicBaseUrl,
      adapter,
      log,
      defaultLocale: config.defaultLocale,
      authDisabled: !config.auth.appId,
      proactive,
      lateReplies,
      showAdminNames: config.showAdminNamesToNoRole,
      metrics,
    });
    const reminders = startReminderScheduler({
      deps,
      notifier: withReminderMetrics(createReminderNotifier(proactive, clock), metrics),
      log,
      intervalMs: options.reminderIntervalMs ?? config.reminderIntervalMs,
      onReport: (report) => recordReminderPass(metrics, report),
    });
    scheduled.reminders = reminders;
    // The customer name index fills in the background: Partner Center being slow must not stop the start.
    if (partnerCenter && options.partnerCenter?.syncAtStart !== false)
      void partnerCenter.customerIndex.runOnce();
    const readinessChecks: ReadinessCheck[] = [
      { name: 'database', run: () => db.ping() },
      { name: 'migrations', run: createMigrationsCheck(db.prisma) },
    ];
    if (partnerCenter)
      readinessChecks.push({ name: 'partner-center-token', run: () => partnerCenter.client.checkToken() });
    const metricsToken = config.metrics.token;
    const readiness = createReadiness({ checks: readinessChecks, now: () => clock.now().valueOf(), log });
    /** A limiter whose refusals are counted on /metrics (by scope). */
    const counted = (scope: string, perMinute: number) => {
      const limit = createRateLimiter({ perMinute });
      return (key: string) => {
        const decision = limit(key);
        if (!decision.ok) metrics.rateLimitRefused(scope);
        return decision;
      };
    };
    const receiveActivity = createActivityReceiver({
      adapter,
      app,
      log,
      defaultLocale: config.defaultLocale,
      allowedTenantIds: config.allowedTenantIds,
      limitPerson: counted('messages', config.rateLimits.messagesPerPerson),
    });
    if (!config.allowedTenantIds)
      log.warn(
        'ALLOWED_TENANT_IDS is not set: people of every Entra tenant may use the bot (development only)',
      );
    const server = createServer({
      receiveActivity,
      log,
      ping: () => db.ping(),
      download: async (token) => {
        const outcome = await download(deps, token);
        metrics.download(outcome.ok ? 'served' : outcome.reason);
        return outcome;
      },
      inspectDownload: (token) => inspectDownloadLink(deps, token),
      exportCsv: async (exportId) => {
        const csv = await exportActivityCsv(deps, exportId);
        metrics.exportServed(csv === undefined ? 'gone' : 'served');
        return csv;
      },
      ...(metricsToken ? { metrics: { source: metrics, token: metricsToken } } : {}),
      // In partner-center mode the signed webhook replaces the shared-secret stand-in.
      webhookSecret: partnerCenter ? undefined : config.webhookSecret,
      readiness,
      rateLimits: {
        downloads: counted('downloads', config.rateLimits.downloadsPerAddress),
        exports: counted('exports', config.rateLimits.exportsPerAddress),
        webhooks: counted('webhooks', config.rateLimits.webhooksPerAddress),
      },
      ...(partnerCenter ? { partnerCenterWebhook: partnerCenter.receiveWebhook } : {}),
      relationshipAccepted: async (requestId) => {
        const accepted = await acceptRelationship(deps, requestId);
        if (accepted.kind !== 'accepted') return accepted.kind;
        // The message to the requester goes out with the reminders (stored, retried): send it now.
        await reminders.runOnce();
        return 'accepted';
      },
    });
    const http = await listen(server, config.port, config.host);
    listening.server = http;
    const metricsListener =
      config.metrics.port === undefined
        ? undefined
        : await listenForMetrics(metrics, config.metrics.port, metricsToken).catch(async (error: unknown) => {
            await http.close();
            throw error;
          });
    if (metricsListener) log.info({ url: metricsListener.url }, 'metrics listening (127.0.0.1 only)');
    const dump = db.dump;
    const adminSocket =
      target.kind === 'embedded' && dump
        ? // Without it the bot still serves; the admin commands then find the data directory locked.
          await startAdminSocket({
            dataDir: target.dataDir,
            deps,
            dump,
            log,
            appliedMigrations: async () =>
              (
                await db.prisma.$queryRaw<Array<{ migration_name: string }>>`
                  SELECT migration_name FROM "_prisma_migrations"
                  WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`
              ).map((row) => row.migration_name),
          }).catch((error: unknown) => {
            log.warn({ err: error }, 'admin socket not available: npm run staff needs the bot stopped');
            return undefined;
          })
        : undefined;
    log.info(
      { url: `${http.url}/api/messages`, database: db.kind, auth: config.auth.appId ? 'on' : 'off' },
      'bot listening',
    );
    return {
      db,
      deps,
      http,
      log,
      reminders,
      ...(partnerCenter ? { partnerCenter } : {}),
      metrics,
      ...(metricsListener ? { metricsListener } : {}),
      ...(adminSocket ? { adminSocket } : {}),
      close: async () => {
        await lateReplies.settled();
        await adminSocket?.close();
        await partnerCenter?.close();
        await reminders.stop();
        await metricsListener?.close();
        await http.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * The composition root: the only place that builds concrete adapters (database, Bot Framework, HTTP).
 * Used by main.ts, the tests and the benchmark.
 */
import { bootstrapGlobalAdmin } from './domain/staff/bootstrap-global-admin.js';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { createBotApp } from './bot/app.js';
import type { Config } from './config.js';
import { openDatabase, type Database, type DatabaseTarget } from './db/database.js';
import { createDeps } from './db/create-deps.js';
import { seedDatabase } from './db/seed.js';
import { createSecrets, DEVELOPMENT_KEY } from './secrets.js';
import { download, inspectDownloadLink } from './domain/software/download-software.js';
import { acceptRelationship } from './domain/relationships/accept-relationship.js';
import { createProactiveSender } from './bot/proactive.js';
import { createReminderNotifier } from './bot/reminder-notifier.js';
import { startReminderScheduler, type ReminderScheduler } from './reminder-scheduler.js';
import { exportActivityCsv } from './domain/software/export-activity.js';
import type { AllDeps } from './domain/ports/deps.js';
import type { Clock } from './domain/shared/time.js';
import { at } from './domain/shared/time.js';
import { createLogger, type Logger } from './log.js';
import { createUseCases } from './use-cases.js';
import { createServer, listen, type RunningServer } from './server.js';
import {
  certificateHostsAreLoopback,
  connectPartnerCenter,
  type ConnectOptions,
  type PartnerCenterConnection,
} from './partner-center-mode/connect-partner-center.js';
import { createReadiness, type ReadinessCheck } from './readiness.js';
import { createMigrationsCheck } from './db/check-migrations-applied.js';
import type { PartnerCenterClient } from './partner-center/client.js';
import { createCommerceRepositories } from './partner-center/commerce/create-commerce-repositories.js';
import { withPartnerCenterCommerce } from './partner-center/commerce/with-partner-center-commerce.js';

export const systemClock: Clock = { now: () => at(Date.now()) };

export interface BotInstance {
  readonly db: Database;
  readonly deps: AllDeps;
  readonly http: RunningServer;
  readonly log: Logger;
  readonly reminders: ReminderScheduler;
  /** Partner-center mode only. */
  readonly partnerCenter?: PartnerCenterConnection;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly database?: DatabaseTarget;
  readonly clock?: Clock;
  readonly log?: Logger;
  /** Write the catalog (and demo data when the config says so). Default true. */
  readonly seed?: boolean;
  /** Overrides REMINDER_INTERVAL_SECONDS (tests use 0 and run passes themselves). */
  readonly reminderIntervalMs?: number;
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
export function withCommerceBackend(client: PartnerCenterClient, clock: Clock, deps: AllDeps): AllDeps {
  const commerce = createCommerceRepositories(client, clock);
  const withSubscriptions: AllDeps = {
    ...deps,
    ...commerce(deps),
    uow: { run: (work) => deps.uow.run((tx) => work({ ...tx, ...commerce(tx) })) },
  };
  return withPartnerCenterCommerce(withSubscriptions, client);
}

export async function prepareDatabase(
  config: Config,
  target: DatabaseTarget,
  clock: Clock,
  log: Logger,
): Promise<Database> {
  const db = await openDatabase(target);
  if (db.migrations.applied.length > 0) log.info({ applied: db.migrations.applied }, 'migrations applied');
  return db;
}

export async function startBot(config: Config, options: StartOptions = {}): Promise<BotInstance> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const db = await prepareDatabase(config, options.database ?? config.database, clock, log);
  try {
    if (options.seed !== false) {
      const counts = await seedDatabase(db.prisma, {
        now: clock.now().toDate(),
        includeDemo: config.seedDemoData,
      });
      log.info(counts, 'catalog and demo data ready');
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
    const deps = partnerCenter ? withCommerceBackend(partnerCenter.client, clock, recordDeps) : recordDeps;
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
    const adapter = new TeamsAdapter({
      MicrosoftAppId: config.auth.appId,
      MicrosoftAppPassword: config.auth.appPassword,
      MicrosoftAppType: config.auth.appType,
      MicrosoftAppTenantId: config.auth.tenantId,
    });
    const useCases = createUseCases(deps);
    const proactive = createProactiveSender({
      adapter,
      appId: config.auth.appId,
      useCases,
      defaultLocale: config.defaultLocale,
    });
    const app = createBotApp({
      useCases,
      publicBaseUrl: deps.publicBaseUrl,
      adapter,
      log,
      defaultLocale: config.defaultLocale,
      authDisabled: !config.auth.appId,
      proactive,
    });
    const reminders = startReminderScheduler({
      deps,
      notifier: createReminderNotifier(proactive, clock),
      log,
      intervalMs: options.reminderIntervalMs ?? config.reminderIntervalMs,
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
    const readiness = createReadiness({ checks: readinessChecks, now: () => clock.now().valueOf(), log });
    const server = createServer({
      adapter,
      app,
      log,
      ping: () => db.ping(),
      download: (token) => download(deps, token),
      inspectDownload: (token) => inspectDownloadLink(deps, token),
      exportCsv: (exportId) => exportActivityCsv(deps, exportId),
      // In partner-center mode the signed webhook replaces the shared-secret stand-in.
      webhookSecret: partnerCenter ? undefined : config.webhookSecret,
      readiness,
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
      close: async () => {
        await partnerCenter?.close();
        await reminders.stop();
        await http.close();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

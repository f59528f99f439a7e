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
import { download } from './domain/software/download-software.js';
import { acceptRelationship } from './domain/relationships/accept-relationship.js';
import { createProactiveSender } from './bot/proactive.js';
import { createReminderNotifier } from './bot/reminder-notifier.js';
import { startReminderScheduler, type ReminderScheduler } from './reminder-scheduler.js';
import { exportActivityCsv } from './domain/software/export-activity.js';
import type { AllDeps } from './domain/ports/deps.js';
import type { Clock } from './domain/shared/time.js';
import { at } from './domain/shared/time.js';
import { createLogger, type Logger } from './log.js';
import { createServer, listen, type RunningServer } from './server.js';
import { createPartnerCenterClient } from './partner-center/client.js';
import type { PartnerCenterEffects } from './partner-center/settings.js';
import { withPartnerCenterCommerce } from './partner-center/commerce/with-partner-center-commerce.js';

export const systemClock: Clock = { now: () => at(Date.now()) };

export interface BotInstance {
  readonly db: Database;
  readonly deps: AllDeps;
  readonly http: RunningServer;
  readonly log: Logger;
  readonly reminders: ReminderScheduler;
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
  /** Partner-center mode: replaces the connector's effects (tests pass a sleep that does not wait). */
  readonly partnerCenterEffects?: Partial<PartnerCenterEffects>;
  /** Partner-center mode: attempts per logical call (default 4). */
  readonly partnerCenterMaxAttempts?: number;
}

/** 'simulated' keeps the bot's database as the record; 'partner-center' buys through Partner Center. */
function withCommerceBackend(config: Config, options: StartOptions, deps: AllDeps): AllDeps {
  if (config.commerce.backend !== 'partner-center') return deps;
  const { apiUrl, authorityUrl, tenantId, clientId, clientSecret, refreshToken } = config.commerce;
  const client = createPartnerCenterClient({
    settings: {
      apiUrl,
      authorityUrl,
      tenantId,
      clientId,
      clientSecret,
      refreshToken,
      ...(options.partnerCenterMaxAttempts ? { maxAttempts: options.partnerCenterMaxAttempts } : {}),
    },
    effects: {
      fetch: (input, init) => globalThis.fetch(input, init),
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...options.partnerCenterEffects,
    },
    // pc-edge stores the rotated token sealed; here it only lives in the connector's memory.
    refreshTokenStore: { save: async () => {} },
  });
  return withPartnerCenterCommerce(deps, client);
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
    const deps = withCommerceBackend(
      config,
      options,
      createDeps(db, clock, {
        partner: config.partner,
        secrets: createSecrets(config.encryptionKey ?? DEVELOPMENT_KEY),
        // Until the server listens, its address is not known (PORT=0 in tests).
        publicBaseUrl: () =>
          config.publicBaseUrl ?? listening.server?.url ?? `http://localhost:${config.port}`,
      }),
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
    const proactive = createProactiveSender({
      adapter,
      appId: config.auth.appId,
      deps,
      defaultLocale: config.defaultLocale,
    });
    const app = createBotApp({
      deps,
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
    const server = createServer({
      adapter,
      app,
      log,
      ping: () => db.ping(),
      download: (token) => download(deps, token),
      exportCsv: (exportId) => exportActivityCsv(deps, exportId),
      webhookSecret: config.webhookSecret,
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
      close: async () => {
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

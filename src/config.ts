/**
 * The only reader of the environment. One zod schema; a bad value stops the start with a clear message.
 */
import { z } from 'zod';

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

export const ConfigSchema = z
  .object({
    NODE_ENV: z.preprocess(
      emptyToUndefined,
      z.enum(['development', 'production', 'test']).default('development'),
    ),
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
    HOST: z.preprocess(emptyToUndefined, z.string().default('0.0.0.0')),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^postgres(ql)?:\/\//,
          'DATABASE_URL must be a postgresql:// URL (leave it empty for the embedded database)',
        )
        .optional(),
    ),
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
    /** PostgreSQL connections this instance may hold (a 2-core database server is busy with about 10). */
    DATABASE_POOL_SIZE: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ invalid_type_error: 'DATABASE_POOL_SIZE must be a whole number' })
        .int('DATABASE_POOL_SIZE must be a whole number')
        .min(1)
        .max(200)
        .default(10),
    ),
    /** How long a transaction may wait for a connection, in ms (Prisma's maxWait; past it: P2028). */
    DATABASE_TRANSACTION_WAIT_MS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(100).max(120_000).default(30_000),
    ),
    /** How long a transaction may run once started, in ms (Prisma's timeout). */
    DATABASE_TRANSACTION_TIMEOUT_MS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(100).max(300_000).default(20_000),
    ),
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.preprocess(
      emptyToUndefined,
      z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    ),
    MicrosoftAppTenantId: optionalString,
    DEFAULT_LOCALE: z.preprocess(emptyToUndefined, z.enum(['en', 'ko', 'zh']).default('en')),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    /** Object id of a person to make global admin at start, so a new deployment can be administered. */
    BOOTSTRAP_GLOBAL_ADMIN: z.preprocess(
      emptyToUndefined,
      z.string().uuid('BOOTSTRAP_GLOBAL_ADMIN must be an Entra object id (GUID)').optional(),
    ),
    BOOTSTRAP_GLOBAL_ADMIN_NAME: optionalString,
    /** This partner's Partner Center id (private offers made to other partners are refused, R-BUY-4). */
    PARTNER_ID: z.preprocess(emptyToUndefined, z.string().max(100).default('partner-self-001')),
    /** The partner's region; customers in another region cannot be invited (R-REL-2). */
    PARTNER_REGION: z.preprocess(emptyToUndefined, z.string().max(20).default('APAC')),
    /** 32 bytes, base64: seals product keys and download links at rest (AES-256-GCM). Required in production. */
    KEY_ENCRYPTION_KEY: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .refine(
          (value) => Buffer.from(value, 'base64').length === 32,
          'KEY_ENCRYPTION_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)',
        )
        .optional(),
    ),
    /** Where users reach the bot from outside, for download and export links. */
    PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.string().url().optional()),
    /** Shared secret of the reseller-relationship acceptance webhook (Bearer token). Empty: webhook refused. */
    RELATIONSHIP_WEBHOOK_SECRET: z.preprocess(
      emptyToUndefined,
      z.string().min(16, 'RELATIONSHIP_WEBHOOK_SECRET must be at least 16 characters').optional(),
    ),
    /** How often the reminders run, in seconds; 0 turns the in-process schedule off. */
    REMINDER_INTERVAL_SECONDS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(86_400).default(60),
    ),
    /**
     * Milliseconds a turn may take before the bot answers "working on it" and delivers the result later
     * (Teams waits about 15 s for an answer). 0: never answer early, wait for the work.
     */
    REPLY_NOTICE_AFTER_MS: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(14_000).default(8_000),
    ),
    /**
     * R-ID-1: the Entra tenants whose people may use the bot (comma-separated GUIDs; in practice the partner's
     * own). Required in production; empty in development lets every tenant in (said at start).
     */
    ALLOWED_TENANT_IDS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((value) =>
          value
            .split(',')
            .map((id) => id.trim().toLowerCase())
            .filter((id) => id.length > 0),
        )
        .refine(
          (ids) =>
            ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)),
          'ALLOWED_TENANT_IDS must be Entra tenant ids (GUIDs), comma-separated',
        )
        .optional(),
    ),
    /** Rate limits (token buckets in memory, per instance), requests a minute and burst; 0 turns one off. */
    RATE_LIMIT_MESSAGES_PER_MINUTE: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(100_000).default(120),
    ),
    RATE_LIMIT_DOWNLOADS_PER_MINUTE: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(100_000).default(30),
    ),
    RATE_LIMIT_EXPORTS_PER_MINUTE: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(100_000).default(30),
    ),
    RATE_LIMIT_WEBHOOKS_PER_MINUTE: z.preprocess(
      emptyToUndefined,
      z.coerce.number().int().min(0).max(100_000).default(300),
    ),
    /** R-ID-4: the no-role card names the global admins (default: it says "a global admin of your organisation"). */
    NO_ROLE_SHOWS_ADMINS: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
    /** Bearer token that GET /metrics on the bot's port requires; empty: /metrics is not served there. */
    METRICS_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().min(16, 'METRICS_TOKEN must be at least 16 characters (openssl rand -hex 24)').optional(),
    ),
    /** A port on 127.0.0.1 only that serves GET /metrics (for a local Prometheus agent); empty: none. */
    METRICS_PORT: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ invalid_type_error: 'METRICS_PORT must be a port number' })
        .int('METRICS_PORT must be a port number')
        .min(0)
        .max(65535)
        .optional(),
    ),
    /** Fill the database with demo customers, staff and subscriptions (default: on unless production). */
    SEED_DEMO_DATA: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
    /** Where customers, subscriptions and orders live: the bot's own database, or the partner's Partner Center. */
    COMMERCE_BACKEND: z.preprocess(
      emptyToUndefined,
      z.enum(['simulated', 'partner-center']).default('simulated'),
    ),
    PARTNER_CENTER_API_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .url('PARTNER_CENTER_API_URL must be a URL')
        .default('https://api.partnercenter.microsoft.com'),
    ),
    PARTNER_CENTER_AUTHORITY_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .url('PARTNER_CENTER_AUTHORITY_URL must be a URL')
        .default('https://login.microsoftonline.com'),
    ),
    /** The partner's Entra tenant (GUID or primary domain). */
    PARTNER_CENTER_TENANT_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(
          /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i,
          'PARTNER_CENTER_TENANT_ID must be the partner tenant id (GUID) or its primary domain',
        )
        .optional(),
    ),
    /** The Entra app registration's application (client) id. */
    PARTNER_CENTER_CLIENT_ID: z.preprocess(
      emptyToUndefined,
      z.string().uuid('PARTNER_CENTER_CLIENT_ID must be the application (client) id, a GUID').optional(),
    ),
    PARTNER_CENTER_CLIENT_SECRET: optionalString,
    /** App+User refresh token from an MFA sign-in (secure application model); rotated tokens are kept sealed. */
    PARTNER_CENTER_REFRESH_TOKEN: optionalString,
    /** PEM of the root (and intermediate) certificates a webhook signing certificate must chain to. */
    PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS: optionalString,
    /** How often the customer name index is refreshed from Partner Center, in minutes; 0 turns it off. */
    PARTNER_CENTER_SYNC_MINUTES: z.preprocess(
      emptyToUndefined,
      z.coerce
        .number({ invalid_type_error: 'PARTNER_CENTER_SYNC_MINUTES must be a whole number of minutes' })
        .int('PARTNER_CENTER_SYNC_MINUTES must be a whole number of minutes')
        .min(0)
        .max(1440)
        .default(15),
    ),
    /** Hosts a webhook's certificate URL may point to (comma-separated). */
    PARTNER_CENTER_WEBHOOK_CERT_HOSTS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .default('3psostorageacct.blob.core.windows.net')
        .transform((value) =>
          value
            .split(',')
            .map((host) => host.trim().toLowerCase())
            .filter((host) => host.length > 0),
        ),
    ),
  })
  .transform((env) => ({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL
      ? ({ kind: 'postgres', url: env.DATABASE_URL } as const)
      : ({ kind: 'embedded', dataDir: env.DATA_DIR } as const),
    databaseOptions: {
      poolSize: env.DATABASE_POOL_SIZE,
      transactions: {
        maxWait: env.DATABASE_TRANSACTION_WAIT_MS,
        timeout: env.DATABASE_TRANSACTION_TIMEOUT_MS,
      },
    },
    auth: {
      appId: env.MicrosoftAppId ?? '',
      appPassword: env.MicrosoftAppPassword ?? '',
      appType: env.MicrosoftAppType,
      tenantId: env.MicrosoftAppTenantId ?? '',
    },
    defaultLocale: env.DEFAULT_LOCALE,
    /** Undefined: every tenant (development only). */
    allowedTenantIds:
      env.ALLOWED_TENANT_IDS && env.ALLOWED_TENANT_IDS.length > 0 ? env.ALLOWED_TENANT_IDS : undefined,
    showAdminNamesToNoRole: env.NO_ROLE_SHOWS_ADMINS === 'true',
    /** Requests a minute per person (/api/messages) or per client address (the others); 0: no limit. */
    rateLimits: {
      messagesPerPerson: env.RATE_LIMIT_MESSAGES_PER_MINUTE,
      downloadsPerAddress: env.RATE_LIMIT_DOWNLOADS_PER_MINUTE,
      exportsPerAddress: env.RATE_LIMIT_EXPORTS_PER_MINUTE,
      webhooksPerAddress: env.RATE_LIMIT_WEBHOOKS_PER_MINUTE,
    },
    partner: { partnerId: env.PARTNER_ID, region: env.PARTNER_REGION },
    webhookSecret: env.RELATIONSHIP_WEBHOOK_SECRET,
    reminderIntervalMs: env.REMINDER_INTERVAL_SECONDS * 1000,
    replyNoticeAfterMs: env.REPLY_NOTICE_AFTER_MS,
    encryptionKey: env.KEY_ENCRYPTION_KEY ? Buffer.from(env.KEY_ENCRYPTION_KEY, 'base64') : undefined,
    /** Undefined: the address the bot listens on. */
    publicBaseUrl: env.PUBLIC_BASE_URL?.replace(/\/$/, ''),
    logLevel: env.LOG_LEVEL,
    /** Never public by default: the bot's port serves /metrics only with a token; METRICS_PORT is loopback. */
    metrics: { token: env.METRICS_TOKEN, port: env.METRICS_PORT },
    bootstrapGlobalAdmin: env.BOOTSTRAP_GLOBAL_ADMIN
      ? {
          aadObjectId: env.BOOTSTRAP_GLOBAL_ADMIN.toLowerCase(),
          displayName: env.BOOTSTRAP_GLOBAL_ADMIN_NAME ?? 'Bootstrap admin',
        }
      : undefined,
    seedDemoData: env.SEED_DEMO_DATA ? env.SEED_DEMO_DATA === 'true' : env.NODE_ENV !== 'production',
    commerce:
      env.COMMERCE_BACKEND === 'partner-center'
        ? ({
            backend: 'partner-center',
            apiUrl: env.PARTNER_CENTER_API_URL.replace(/\/$/, ''),
            authorityUrl: env.PARTNER_CENTER_AUTHORITY_URL.replace(/\/$/, ''),
            tenantId: env.PARTNER_CENTER_TENANT_ID ?? '',
            clientId: env.PARTNER_CENTER_CLIENT_ID ?? '',
            clientSecret: env.PARTNER_CENTER_CLIENT_SECRET ?? '',
            refreshToken: env.PARTNER_CENTER_REFRESH_TOKEN ?? '',
            /** 0: the customer index is filled at start only. */
            syncIntervalMs: env.PARTNER_CENTER_SYNC_MINUTES * 60_000,
            webhook: {
              trustedRootsPem: env.PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS,
              certificateHosts: env.PARTNER_CENTER_WEBHOOK_CERT_HOSTS,
            },
          } as const)
        : ({ backend: 'simulated' } as const),
  }))
  .superRefine((config, ctx) => {
    if (config.env === 'production' && !config.auth.appId) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'MicrosoftAppId is empty in production: the bot would accept unauthenticated requests. Set MicrosoftAppId/MicrosoftAppPassword (and MicrosoftAppTenantId for SingleTenant), or run with NODE_ENV=development for local testing.',
      });
    }
    if (config.env === 'production' && !config.allowedTenantIds) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'ALLOWED_TENANT_IDS is empty in production: people of any Entra tenant could use the bot. Set it to the partner tenant id (comma-separated for several).',
      });
    }
    if (config.env === 'production' && !config.encryptionKey) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message:
          'KEY_ENCRYPTION_KEY is empty in production: product keys and download links must be sealed with a key of your own (openssl rand -base64 32).',
      });
    }
    if (config.auth.appId && config.auth.appType !== 'UserAssignedMSI' && !config.auth.appPassword) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'MicrosoftAppPassword is required when MicrosoftAppId is set.',
      });
    }
    if (config.commerce.backend === 'partner-center') {
      const missing = (
        [
          ['PARTNER_CENTER_TENANT_ID', config.commerce.tenantId],
          ['PARTNER_CENTER_CLIENT_ID', config.commerce.clientId],
          ['PARTNER_CENTER_CLIENT_SECRET', config.commerce.clientSecret],
          ['PARTNER_CENTER_REFRESH_TOKEN', config.commerce.refreshToken],
        ] as const
      )
        .filter(([, value]) => !value)
        .map(([name]) => name);
      if (missing.length > 0) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `COMMERCE_BACKEND=partner-center needs ${missing.join(', ')} (see the README: connecting a Partner Center account).`,
        });
      }
      const roots = config.commerce.webhook.trustedRootsPem;
      if (roots !== undefined && !roots.includes('-----BEGIN CERTIFICATE-----')) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message:
            'PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS must hold PEM certificates (-----BEGIN CERTIFICATE-----).',
        });
      }
    }
    if (config.auth.appType === 'SingleTenant' && config.auth.appId && !config.auth.tenantId) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: 'MicrosoftAppTenantId is required for MicrosoftAppType=SingleTenant.',
      });
    }
  });

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  - ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

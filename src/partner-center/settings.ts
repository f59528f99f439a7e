/** What the connector needs from outside: settings, and the effects it must not own (fetch, time, ids). */

/** Default time one logical Partner Center call may take, retries and waits included. */
export const PARTNER_CENTER_OPERATION_BUDGET_MS = 30_000;

/**
 * How long a transaction that makes Partner Center calls may run: a change reads the customer and the
 * subscription live and then writes (three calls), with room to commit.
 */
export const PARTNER_CENTER_TRANSACTION_TIMEOUT_MS = 3 * PARTNER_CENTER_OPERATION_BUDGET_MS + 10_000;

export interface PartnerCenterSettings {
  /** Default https://api.partnercenter.microsoft.com; resource paths are under /v1. */
  apiUrl?: string;
  /** Default https://login.microsoftonline.com. */
  authorityUrl?: string;
  /** Path of the token endpoint under `${authorityUrl}/${tenantId}/`; default `oauth2/token`. */
  tokenPath?: string;
  /** Ask for the token with `scope` (default) or the v1 `resource` parameter. */
  tokenAudienceParameter?: 'scope' | 'resource';
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** App+User refresh token (secure application model); null for App-only use. */
  refreshToken: string | null;
  /** Sent as MS-PartnerCenter-Application. */
  applicationName?: string;
  /** Per HTTP call; default 20 000 ms. */
  timeoutMs?: number;
  /** Attempts per logical call, first included; default 4. */
  maxAttempts?: number;
  /**
   * Time one logical call may take, retries and waits included; default 30 000 ms. A retry or a
   * Retry-After wait that would end past it is not made: the call is refused as unavailable or throttled,
   * so a turn (and the transaction around it) ends in bounded time.
   */
  operationBudgetMs?: number;
  /** Client-side limit per resource (customer, subscription, order); default 450 a minute (PC allows 500). */
  requestsPerMinute?: number;
  /** Use App-only tokens for every call that allows them (README §5); default true. */
  appOnlyWhereAllowed?: boolean;
  /** Page size asked of list calls; default 100. */
  pageSize?: number;
}

export interface PartnerCenterEffects {
  fetch: typeof fetch;
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** In [0, 1), for backoff jitter; default Math.random. */
  random?(): number;
  /** A new GUID; default crypto.randomUUID. */
  newId?(): string;
}

/**
 * Where a rotated refresh token goes, and where it is read back at start (a stored token is newer than the
 * configured one, so it wins). The integrator seals it at rest.
 */
export interface RefreshTokenStore {
  load(): Promise<string | null>;
  save(refreshToken: string): Promise<void>;
}

export const PARTNER_CENTER_API_URL = 'https://api.partnercenter.microsoft.com';
export const PARTNER_CENTER_AUTHORITY_URL = 'https://login.microsoftonline.com';
export const PARTNER_CENTER_AUDIENCE = 'https://api.partnercenter.microsoft.com';

export interface ResolvedSettings {
  apiUrl: string;
  authorityUrl: string;
  tokenPath: string;
  tokenAudienceParameter: 'scope' | 'resource';
  tenantId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string | null;
  applicationName: string;
  timeoutMs: number;
  maxAttempts: number;
  operationBudgetMs: number;
  requestsPerMinute: number;
  appOnlyWhereAllowed: boolean;
  pageSize: number;
}

const trimSlash = (url: string): string => url.replace(/\/+$/, '');

export const resolveSettings = (settings: PartnerCenterSettings): ResolvedSettings => ({
  apiUrl: trimSlash(settings.apiUrl ?? PARTNER_CENTER_API_URL),
  authorityUrl: trimSlash(settings.authorityUrl ?? PARTNER_CENTER_AUTHORITY_URL),
  tokenPath: (settings.tokenPath ?? 'oauth2/token').replace(/^\/+/, ''),
  tokenAudienceParameter: settings.tokenAudienceParameter ?? 'scope',
  tenantId: settings.tenantId,
  clientId: settings.clientId,
  clientSecret: settings.clientSecret,
  refreshToken: settings.refreshToken,
  applicationName: settings.applicationName ?? 'csp-partner-bot',
  timeoutMs: settings.timeoutMs ?? 20_000,
  maxAttempts: Math.max(1, settings.maxAttempts ?? 4),
  operationBudgetMs: settings.operationBudgetMs ?? PARTNER_CENTER_OPERATION_BUDGET_MS,
  requestsPerMinute: settings.requestsPerMinute ?? 450,
  appOnlyWhereAllowed: settings.appOnlyWhereAllowed ?? true,
  pageSize: settings.pageSize ?? 100,
});

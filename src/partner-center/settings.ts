/** What the connector needs from outside: settings, and the effects it must not own (fetch, time, ids). */

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
  requestsPerMinute: settings.requestsPerMinute ?? 450,
  appOnlyWhereAllowed: settings.appOnlyWhereAllowed ?? true,
  pageSize: settings.pageSize ?? 100,
});

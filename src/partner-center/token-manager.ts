/**
 * Access tokens for Partner Center: App+User by refresh token, App-only by client credentials. Each token
 * is cached until 60 s before it expires; a rotated refresh token is saved and used from then on. Errors
 * carry the endpoint's status and error name only, never a secret or a token.
 */
import { fetchWithTimeout } from './fetch-with-timeout.js';
import { readJson } from './read-json.js';
import { tokenResponseSchema } from './parsers/token.js';
import { refuse, succeed, type Result } from './result.js';
import { toRefusal } from './refusals.js';
import {
  PARTNER_CENTER_AUDIENCE,
  type PartnerCenterEffects,
  type RefreshTokenStore,
  type ResolvedSettings,
} from './settings.js';

export type AuthMode = 'app-user' | 'app-only';

export interface TokenManager {
  getToken(mode: AuthMode): Promise<Result<string>>;
  /** Forget the cached token of this mode (after a 401), so the next call asks for a new one. */
  invalidate(mode: AuthMode): void;
}

const EARLY_EXPIRY_MS = 60_000;
const DEFAULT_LIFETIME_S = 3600;

export const createTokenManager = (
  settings: ResolvedSettings,
  effects: PartnerCenterEffects,
  refreshTokenStore: RefreshTokenStore,
): TokenManager => {
  const cache = new Map<AuthMode, { token: string; refreshAt: number }>();
  const inFlight = new Map<AuthMode, Promise<Result<string>>>();
  let refreshToken = settings.refreshToken;
  // Read the stored (rotated, so newer) refresh token once, before the first App+User request.
  let loaded: Promise<void> | undefined;
  const loadStoredRefreshToken = () =>
    (loaded ??= refreshTokenStore.load().then(
      (stored) => {
        if (stored) refreshToken = stored;
      },
      () => {
        // An unreadable store (e.g. sealed with another key) leaves the configured token in use.
      },
    ));

  const audienceField = (): [string, string] =>
    settings.tokenAudienceParameter === 'resource'
      ? ['resource', PARTNER_CENTER_AUDIENCE]
      : ['scope', `${PARTNER_CENTER_AUDIENCE}/.default`];

  const requestToken = async (mode: AuthMode): Promise<Result<string>> => {
    const form = new URLSearchParams();
    if (mode === 'app-user') {
      await loadStoredRefreshToken();
      if (!refreshToken)
        return refuse(
          toRefusal({
            code: null,
            httpStatus: 401,
            description: 'No refresh token is configured for App+User.',
          }),
        );
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', refreshToken);
    } else {
      form.set('grant_type', 'client_credentials');
    }
    form.set('client_id', settings.clientId);
    form.set('client_secret', settings.clientSecret);
    form.set(...audienceField());
    const url = `${settings.authorityUrl}/${encodeURIComponent(settings.tenantId)}/${settings.tokenPath}`;
    const outcome = await fetchWithTimeout(
      effects.fetch,
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
      },
      settings.timeoutMs,
    );
    if (!outcome.ok)
      return refuse(
        toRefusal({
          code: null,
          httpStatus: 0,
          description: `Token endpoint unreachable (${outcome.reason}).`,
        }),
      );
    const { status, text } = outcome.response;
    const body = readJson(text);
    if (status < 200 || status >= 300) {
      const error =
        typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : 'unknown_error';
      const httpStatus = status >= 500 ? status : 401;
      return refuse(
        toRefusal({ code: null, httpStatus, description: `Token endpoint answered ${status} ${error}.` }),
      );
    }
    const parsed = tokenResponseSchema.safeParse(body);
    if (!parsed.success)
      return refuse(
        toRefusal({
          code: null,
          httpStatus: 401,
          description: 'Token endpoint answered an unreadable token.',
        }),
      );
    const token = parsed.data;
    const now = effects.now();
    const expiresAt =
      token.expires_in !== undefined
        ? now + token.expires_in * 1000
        : token.expires_on !== undefined
          ? token.expires_on * 1000
          : now + DEFAULT_LIFETIME_S * 1000;
    cache.set(mode, { token: token.access_token, refreshAt: expiresAt - EARLY_EXPIRY_MS });
    if (mode === 'app-user' && token.refresh_token && token.refresh_token !== refreshToken) {
      refreshToken = token.refresh_token;
      await refreshTokenStore.save(token.refresh_token);
    }
    return succeed(token.access_token);
  };

  return {
    getToken: async (mode) => {
      const cached = cache.get(mode);
      if (cached && effects.now() < cached.refreshAt) return succeed(cached.token);
      const pending = inFlight.get(mode);
      if (pending) return pending;
      const request = requestToken(mode).finally(() => inFlight.delete(mode));
      inFlight.set(mode, request);
      return request;
    },
    invalidate: (mode) => {
      cache.delete(mode);
    },
  };
};

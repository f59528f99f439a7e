/**
 * The request pipeline every operation goes through: headers (a new MS-CorrelationId per HTTP call, the
 * caller's MS-RequestId reused on every retry), a timeout per call, the client-side limiter, one token
 * refresh on 401, Retry-After on 429 then exponential backoff with jitter, and retries of network errors,
 * timeouts and 5xx. A 409 (renewal in progress) and every other 4xx come back at once as a refusal.
 */
import { computeBackoffMs } from './backoff.js';
import { fetchWithTimeout } from './fetch-with-timeout.js';
import { readErrorBody } from './parsers/error-body.js';
import type { RateLimiter } from './rate-limiter.js';
import { readJson } from './read-json.js';
import { toRefusal } from './refusals.js';
import { resolveApiUrl } from './resolve-url.js';
import { refuse, succeed, type Result } from './result.js';
import type { PartnerCenterEffects, ResolvedSettings } from './settings.js';
import type { AuthMode, TokenManager } from './token-manager.js';

/** Per logical operation: the caller's request id (reused on retries) and the user's locale. */
export interface OperationContext {
  requestId?: string;
  locale?: string;
}

export interface PipelineRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A path under /v1 (`/customers/…`), a link uri, or an absolute URL. */
  uri: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Sent quoted in If-Match when given. */
  etag?: string | null;
  auth: AuthMode;
  /** The resource the limiter counts against (e.g. `customer:{id}`). */
  resourceKey: string;
  /** Extra headers, e.g. a link's MS-ContinuationToken. */
  headers?: Record<string, string>;
}

export interface PipelineResponse {
  status: number;
  headers: Headers;
  body: unknown;
  requestId: string;
}

export interface Pipeline {
  send(request: PipelineRequest, context?: OperationContext): Promise<Result<PipelineResponse>>;
  newId(): string;
}

const parseRetryAfterSeconds = (value: string | null): number | null => {
  if (value === null) return null;
  const seconds = Number(value.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
};

const buildUrl = (apiUrl: string, request: PipelineRequest): string => {
  const url = new URL(resolveApiUrl(apiUrl, request.uri));
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
};

export const createPipeline = (
  settings: ResolvedSettings,
  effects: PartnerCenterEffects,
  tokens: TokenManager,
  limiter: RateLimiter,
): Pipeline => {
  const newId = effects.newId ?? (() => globalThis.crypto.randomUUID());
  const random = effects.random ?? Math.random;

  const send = async (
    request: PipelineRequest,
    context: OperationContext = {},
  ): Promise<Result<PipelineResponse>> => {
    const requestId = context.requestId ?? newId();
    const url = buildUrl(settings.apiUrl, request);
    let refreshedAfter401 = false;
    let throttles = 0;
    let failures = 0;
    const deadline = effects.now() + settings.operationBudgetMs;
    /** Whether a wait of `ms` and another attempt still fit in the operation's budget. */
    const fits = (ms: number) => effects.now() + ms < deadline;
    for (let attempt = 1; ; attempt += 1) {
      const remainingMs = deadline - effects.now();
      const lastAttempt = attempt >= settings.maxAttempts;
      await limiter.acquire(request.resourceKey);
      const token = await tokens.getToken(request.auth);
      if (!token.ok) return token;
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token.value}`,
        Accept: 'application/json',
        'MS-RequestId': requestId,
        'MS-CorrelationId': newId(),
        'MS-PartnerCenter-Application': settings.applicationName,
        'X-Locale': context.locale ?? 'en-US',
        ...(request.headers ?? {}),
      };
      if (request.etag) headers['If-Match'] = `"${request.etag.replace(/^"|"$/g, '')}"`;
      let body: string | undefined;
      if (request.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        body = JSON.stringify(request.body);
      } else if (request.method === 'POST') {
        headers['Content-Length'] = '0';
      }
      const outcome = await fetchWithTimeout(
        effects.fetch,
        url,
        { method: request.method, headers, body },
        Math.max(1, Math.min(settings.timeoutMs, remainingMs)),
      );
      const failureWaitMs = computeBackoffMs(failures + 1, random);
      if (!outcome.ok) {
        if (lastAttempt || !fits(failureWaitMs))
          return refuse(
            toRefusal({
              code: null,
              httpStatus: 0,
              description: `No answer from Partner Center (${outcome.reason}).`,
            }),
          );
        failures += 1;
        await effects.sleep(failureWaitMs);
        continue;
      }
      const { status, headers: responseHeaders, text } = outcome.response;
      const parsedBody = readJson(text);
      if (status >= 200 && status < 300) {
        return succeed({ status, headers: responseHeaders, body: parsedBody, requestId });
      }
      const error = readErrorBody(parsedBody);
      if (status === 401 && !refreshedAfter401) {
        refreshedAfter401 = true;
        tokens.invalidate(request.auth);
        continue;
      }
      const retryAfterSeconds = parseRetryAfterSeconds(responseHeaders.get('retry-after'));
      const throttleWaitMs =
        (retryAfterSeconds ?? 0) * 1000 + (throttles > 0 ? computeBackoffMs(throttles, random) : 0);
      if (status === 429 && !lastAttempt && fits(throttleWaitMs)) {
        throttles += 1;
        await effects.sleep(throttleWaitMs);
        continue;
      }
      if ((status >= 500 || status === 408) && !lastAttempt && fits(failureWaitMs)) {
        failures += 1;
        await effects.sleep(failureWaitMs);
        continue;
      }
      return refuse(
        toRefusal({
          code: error.code,
          httpStatus: status,
          description: error.description,
          retryAfterSeconds,
        }),
      );
    }
  };

  return { send, newId };
};

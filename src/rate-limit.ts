/**
 * Token buckets in memory, one per key (a person, a client address), per instance. A bucket holds up to
 * `perMinute` requests and refills at `perMinute` a minute, so a burst of `perMinute` passes and then one
 * every 60/perMinute seconds. The map is bounded: the least recently used keys are forgotten first (a
 * forgotten key starts with a full bucket, which only ever errs towards letting a request through).
 */
export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export type RateLimiter = (key: string) => RateDecision;

export interface RateLimitOptions {
  /** Requests a minute, and the burst; 0 turns the limit off. */
  readonly perMinute: number;
  /** Milliseconds now (tests pass a clock). */
  readonly now?: () => number;
  /** Keys remembered at most (default 10,000). */
  readonly maxKeys?: number;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { perMinute } = options;
  if (perMinute <= 0) return () => ({ ok: true });
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (key) => {
    const at = now();
    const bucket = buckets.get(key);
    const tokens = bucket ? Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs) : perMinute;
    // Re-inserted on every use, so the map's order is least recently used first.
    buckets.delete(key);
    if (buckets.size >= maxKeys) {
      const oldest = buckets.keys().next();
      if (!oldest.done) buckets.delete(oldest.value);
    }
    if (tokens >= 1) {
      buckets.set(key, { tokens: tokens - 1, at });
      return { ok: true };
    }
    buckets.set(key, { tokens, at });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  };
}

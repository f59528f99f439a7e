/**
 * Client-side limiter: at most `perMinute` calls in any 60 s window per resource key (Partner Center
 * allows 500 a minute per customer, subscription and order). Time and waiting are injected.
 */

export interface RateLimiter {
  acquire(resourceKey: string): Promise<void>;
}

const WINDOW_MS = 60_000;

export const createRateLimiter = (
  perMinute: number,
  clock: { now(): number; sleep(ms: number): Promise<void> },
): RateLimiter => {
  const calls = new Map<string, number[]>();
  return {
    acquire: async (resourceKey) => {
      for (;;) {
        const now = clock.now();
        const recent = (calls.get(resourceKey) ?? []).filter((at) => at > now - WINDOW_MS);
        if (recent.length < perMinute) {
          recent.push(now);
          calls.set(resourceKey, recent);
          return;
        }
        calls.set(resourceKey, recent);
        await clock.sleep(Math.max(1, recent[0]! + WINDOW_MS - now));
      }
    },
  };
};

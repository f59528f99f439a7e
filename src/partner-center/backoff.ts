/** Exponential backoff with jitter: attempt 1 waits about 0.5 s, doubling, capped at 30 s. */
const BASE_MS = 500;
const CAP_MS = 30_000;

export const computeBackoffMs = (retry: number, random: () => number): number => {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
};

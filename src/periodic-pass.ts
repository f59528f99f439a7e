/**
 * A pass that runs now on demand and every interval in the background, one at a time in this process:
 * a call while a pass runs gets that pass's promise. Used by the reminders and the customer index sync.
 * Errors go to `onError` and the pass answers undefined; `stop` ends the timer and waits for a pass in flight.
 */
export interface PeriodicPass<T> {
  runOnce(): Promise<T | undefined>;
  stop(): Promise<void>;
}

export function startPeriodicPass<T>(options: {
  readonly run: () => Promise<T>;
  /** 0: no timer, passes only on demand. */
  readonly intervalMs: number;
  readonly onError: (error: unknown) => void;
}): PeriodicPass<T> {
  let running: Promise<T | undefined> | undefined;
  let stopped = false;
  const runOnce = () => {
    if (stopped) return Promise.resolve(undefined);
    running ??= options
      .run()
      .catch((error: unknown) => {
        options.onError(error);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = options.intervalMs > 0 ? setInterval(() => void runOnce(), options.intervalMs) : undefined;
  timer?.unref();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

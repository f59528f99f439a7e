/**
 * What a local connector has received, with waits that resolve on the arrival itself (no polling, no
 * sleeps): a count of activities, or the first one matching a predicate.
 */
export interface Arrival {
  readonly path: string;
  readonly activity: Record<string, unknown>;
}

export type ArrivalPredicate<A extends Arrival> = (arrival: A) => boolean;

export interface Arrivals<A extends Arrival> {
  readonly list: A[];
  push(arrival: A): void;
  /** Resolves once `count` have arrived, or with the first arrival (already here or to come) matching. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  waitFor(predicate: ArrivalPredicate<A>, options?: { timeoutMs?: number }): Promise<A>;
}

export function makeArrivals<A extends Arrival>(list: A[] = []): Arrivals<A> {
  const waiters = new Set<() => void>();
  const wait = <T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> => {
    const found = check();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter = () => {
        const hit = check();
        if (hit === undefined) return;
        clearTimeout(timer);
        waiters.delete(waiter);
        resolve(hit);
      };
      // The timeout only bounds a wait that would otherwise hang; nothing is asserted about time.
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(describe()));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };
  function waitFor(count: number, timeoutMs?: number): Promise<void>;
  function waitFor(predicate: ArrivalPredicate<A>, options?: { timeoutMs?: number }): Promise<A>;
  function waitFor(
    what: number | ArrivalPredicate<A>,
    options?: number | { timeoutMs?: number },
  ): Promise<void | A> {
    const timeoutMs = (typeof options === 'number' ? options : options?.timeoutMs) ?? 5_000;
    if (typeof what === 'number')
      return wait(
        () => (list.length >= what ? true : undefined),
        timeoutMs,
        () => `connector got ${list.length} of ${what} activities`,
      ).then(() => undefined);
    return wait(
      () => list.find(what),
      timeoutMs,
      () => `no matching activity among the ${list.length} the connector got`,
    );
  }
  return {
    list,
    push(arrival) {
      list.push(arrival);
      for (const waiter of [...waiters]) waiter();
    },
    waitFor,
  };
}

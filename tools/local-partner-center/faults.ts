/**
 * Injected faults: the next N calls to a route answer a status (5xx, 401, 429 with Retry-After…), hang
 * until the client gives up, or are processed and then have their connection dropped (a crash after
 * checkout was sent), or wait until released (a slow answer).
 */
import type { RouteName } from './fake-types.js';

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'hang' }
  | { kind: 'drop-after-processing' }
  /** Answered normally, but only once `until` resolves (a slow Partner Center, released by the caller). */
  | { kind: 'hold'; until: Promise<void> };

export interface Faults {
  /** The next `times` calls to `route` meet `fault` (in the order injected). */
  inject(route: RouteName, fault: Fault, times?: number): void;
  take(route: RouteName): Fault | null;
  clear(): void;
}

export const createFaults = (): Faults => {
  const queues = new Map<RouteName, Fault[]>();
  return {
    inject: (route, fault, times = 1) => {
      const queue = queues.get(route) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(fault);
      queues.set(route, queue);
    },
    take: (route) => queues.get(route)?.shift() ?? null,
    clear: () => queues.clear(),
  };
};

/**
 * Deps whose subscription lists are recorded: the ids each `listByCustomer` call answered, in call order,
 * for tests that hold a use case to reading only what its rule looks at.
 */
import type { SubscriptionRepository } from '../../src/domain/ports/subscriptions.js';

export function recordingSubscriptionReads<D extends { readonly subscriptions: SubscriptionRepository }>(
  deps: D,
): { deps: D; reads: string[][] } {
  const reads: string[][] = [];
  const subscriptions: SubscriptionRepository = {
    ...deps.subscriptions,
    listByCustomer: async (...args) => {
      const rows = await deps.subscriptions.listByCustomer(...args);
      reads.push(rows.map((s) => s.id));
      return rows;
    },
  };
  return { deps: { ...deps, subscriptions }, reads };
}

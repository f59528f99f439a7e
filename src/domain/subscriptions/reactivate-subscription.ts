/** Reactivating a suspended subscription, unless its data is deleted (R-SUS-3). */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Subscription } from '../shared/model.js';
import type { Executor } from '../confirmations/executor.js';
import type {
  Loaded,
  SubscriptionChange,
  PreviewSubscriptionChangeDeps,
  SubscriptionChangeTx,
} from './subscription-change.js';
import { err, ok } from '../shared/result.js';
import {
  describe,
  previewSubscriptionChange,
  executeSubscriptionChange,
  SubscriptionRefSchema,
} from './subscription-change.js';

export type ReactivateSubscriptionDeps = PreviewSubscriptionChangeDeps;

function planReactivate(
  loaded: Loaded,
): Result<{ next: Subscription; change: SubscriptionChange }, DomainError> {
  const { subscription } = loaded;
  if (subscription.status === 'expired' && subscription.dataDeletedAt) {
    return err({
      kind: 'refused',
      rule: 'R-SUS-3',
      reason: 'data-deleted',
      facts: { dataDeletedAt: subscription.dataDeletedAt.toISOString() },
    });
  }
  if (subscription.status !== 'suspended') {
    return err({
      kind: 'invalid-state',
      what: 'subscription',
      status: subscription.status,
      attempted: 'reactivate',
    });
  }
  const next: Subscription = { ...subscription, status: 'active', suspendedAt: null, dataDeletedAt: null };
  return ok({
    next,
    change: {
      ...describe('subscription.reactivate', loaded),
      dataDeletedAt: subscription.dataDeletedAt?.toISOString() ?? '',
    },
  });
}

export const previewReactivate = (
  deps: ReactivateSubscriptionDeps,
  actor: Actor,
  command: { subscription: string },
) =>
  previewSubscriptionChange(
    deps,
    actor,
    'subscription.reactivate',
    command.subscription,
    async (l) => planReactivate(l),
    (l) => ({
      subscriptionId: l.subscription.id,
    }),
  );

export const reactivateExecutor: Executor<
  { subscriptionId: string },
  SubscriptionChange,
  SubscriptionChangeTx
> = {
  action: 'subscription.reactivate',
  payload: SubscriptionRefSchema,
  execute: (tx, _actor, payload, { now, pendingId }) =>
    executeSubscriptionChange(tx, payload.subscriptionId, { now, pendingId }, async (l) => planReactivate(l)),
};

/** Suspending a subscription (R-SUS-1, R-SUS-2, R-NCE-3): data kept for the retention period. */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Subscription } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';
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
import { dataDeletionAt, retentionDays } from './retention.js';

export type SuspendSubscriptionDeps = PreviewSubscriptionChangeDeps;

function planSuspend(
  loaded: Loaded,
  now: Dayjs,
): Result<{ next: Subscription; change: SubscriptionChange }, DomainError> {
  const { subscription, customer, product } = loaded;
  if (subscription.status !== 'active') {
    return err({
      kind: 'invalid-state',
      what: 'subscription',
      status: subscription.status,
      attempted: 'suspend',
    });
  }
  const newCommerce = product.commercePolicy === 'new-commerce';
  const deletedAt = dataDeletionAt(customer, now);
  const next: Subscription = {
    ...subscription,
    status: 'suspended',
    suspendedAt: now,
    dataDeletedAt: deletedAt,
    autoRenew: newCommerce ? false : subscription.autoRenew,
  };
  return ok({
    next,
    change: {
      ...describe('subscription.suspend', loaded),
      dataDeletedAt: deletedAt.toISOString(),
      retentionDays: retentionDays(customer),
      stillBilled: newCommerce,
      autoRenew: next.autoRenew,
    },
  });
}

export const previewSuspend = (
  deps: SuspendSubscriptionDeps,
  actor: Actor,
  command: { subscription: string },
) =>
  previewSubscriptionChange(
    deps,
    actor,
    'subscription.suspend',
    command.subscription,
    async (l, now) => planSuspend(l, now),
    (l) => ({
      subscriptionId: l.subscription.id,
    }),
  );

export const suspendExecutor: Executor<{ subscriptionId: string }, SubscriptionChange, SubscriptionChangeTx> =
  {
    action: 'subscription.suspend',
    payload: SubscriptionRefSchema,
    execute: (tx, _actor, payload, { now, pendingId }) =>
      executeSubscriptionChange(tx, payload.subscriptionId, { now, pendingId }, async (l) =>
        planSuspend(l, now),
      ),
  };

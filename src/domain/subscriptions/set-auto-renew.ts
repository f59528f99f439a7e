/** Turning auto-renew on or off; on again withdraws a cancellation scheduled at renewal (R-CAN-6). */
import { z } from 'zod';
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

export const AutoRenewPayloadSchema = SubscriptionRefSchema.extend({ autoRenew: z.boolean() });

export type SetAutoRenewDeps = PreviewSubscriptionChangeDeps;

function planAutoRenew(
  loaded: Loaded,
  autoRenew: boolean,
): Result<{ next: Subscription; change: SubscriptionChange }, DomainError> {
  const { subscription } = loaded;
  if (subscription.status !== 'active') {
    return err({
      kind: 'invalid-state',
      what: 'subscription',
      status: subscription.status,
      attempted: 'autorenew',
    });
  }
  if (subscription.autoRenew === autoRenew && !(autoRenew && subscription.cancelAt)) {
    return err({ kind: 'no-change', reason: autoRenew ? 'auto-renew-already-on' : 'auto-renew-already-off' });
  }
  // Turning auto-renew back on also withdraws a cancellation scheduled at renewal (R-CAN-6).
  const next: Subscription = {
    ...subscription,
    autoRenew,
    cancelAt: autoRenew ? null : subscription.cancelAt,
  };
  return ok({
    next,
    change: {
      ...describe('subscription.autorenew', loaded),
      autoRenew,
      cancelAt: next.cancelAt?.toISOString() ?? null,
    },
  });
}

export const previewAutoRenew = (
  deps: SetAutoRenewDeps,
  actor: Actor,
  command: { subscription: string; autoRenew: boolean },
) =>
  previewSubscriptionChange(
    deps,
    actor,
    'subscription.autorenew',
    command.subscription,
    async (l) => planAutoRenew(l, command.autoRenew),
    (l) => ({
      subscriptionId: l.subscription.id,
      autoRenew: command.autoRenew,
    }),
  );

export const autoRenewExecutor: Executor<
  z.infer<typeof AutoRenewPayloadSchema>,
  SubscriptionChange,
  SubscriptionChangeTx
> = {
  action: 'subscription.autorenew',
  payload: AutoRenewPayloadSchema,
  execute: (tx, _actor, payload, { now, pendingId }) =>
    executeSubscriptionChange(tx, payload.subscriptionId, { now, pendingId }, async (l) =>
      planAutoRenew(l, payload.autoRenew),
    ),
};

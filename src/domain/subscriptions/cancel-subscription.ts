/**
 * Cancelling a subscription (R-CAN-1..5, R-NCE-1): the user gives a reason, sees the effect computed for
 * this subscription now and how long its window has left, and confirms with "Yes, cancel". The click
 * applies that effect only if it still holds; if the window closed meanwhile, nothing happens and the user
 * is told what applies now.
 */
import { z } from 'zod';
import type { CancellationEffect } from './cancellation-policy.js';
import type { CancelTarget } from './start-cancellation.js';
import type { Executor } from '../confirmations/executor.js';
import type { Repositories } from '../ports/unit-of-work.js';
import { applyCancellation, cancellationEffect } from './cancellation-policy.js';
import { chargedFor } from './charged-amount.js';
import { effectiveSubscription } from './subscription-state.js';
import { err, ok } from '../shared/result.js';
import { applyAddOnCascade } from './add-on-cascade.js';

export interface CancelResult extends CancelTarget {
  readonly effect: CancellationEffect;
  readonly reason: string;
  /** R-ADD-5: the add-ons cancelled with it ("name (id)"). */
  readonly addOns?: readonly string[];
}

export const MAX_REASON_LENGTH = 500;

export const CancelPayloadSchema = z.object({
  subscriptionId: z.string().min(1).max(100),
  reason: z.string().min(1).max(MAX_REASON_LENGTH),
  expectedEffect: z.string(),
});
export type CancelPayload = z.infer<typeof CancelPayloadSchema>;

/** What the click touches inside its transaction. */
export type CancelSubscriptionTx = Pick<Repositories, 'subscriptions' | 'products' | 'customers' | 'orders'>;

export const cancelExecutor: Executor<CancelPayload, CancelResult, CancelSubscriptionTx> = {
  action: 'subscription.cancel',
  payload: CancelPayloadSchema,
  async execute(tx, _actor, payload, { now, pendingId }) {
    const stored = await tx.subscriptions.findById(payload.subscriptionId);
    if (!stored) return err({ kind: 'not-found', what: 'subscription', ref: payload.subscriptionId });
    const [product, customer] = await Promise.all([
      tx.products.findById(stored.productId),
      tx.customers.findById(stored.customerId),
    ]);
    if (!product || !customer)
      return err({ kind: 'not-found', what: 'subscription', ref: payload.subscriptionId });
    const subscription = effectiveSubscription(stored, now);
    const effect = cancellationEffect(product, subscription, now, await chargedFor(tx.orders, subscription));
    if (!effect.ok) return effect;
    if (effect.value.kind !== payload.expectedEffect) {
      return err({
        kind: 'effect-changed',
        previewed: payload.expectedEffect,
        now: effect.value.kind,
        subscriptionId: payload.subscriptionId,
        reason: payload.reason,
      });
    }
    const next = applyCancellation(subscription, effect.value, now);
    const saved = await tx.subscriptions.save(next, stored.version, {}, pendingId);
    if (saved === 'conflict') return err({ kind: 'conflict', what: 'subscription' });
    if (saved !== 'saved') return err(saved);
    // R-ADD-5: its add-ons are cancelled with it, the same way (now, or at the same renewal date).
    const followed = await applyAddOnCascade(tx, subscription, next, now, pendingId);
    if (!followed.ok) return followed;
    return ok({
      result: {
        ...(followed.value.length > 0 ? { addOns: followed.value } : {}),
        subscriptionId: subscription.id,
        productName: subscription.productName,
        customerName: customer.companyName,
        quantity: subscription.quantity,
        billingCycle: subscription.billingCycle,
        effect: effect.value,
        reason: payload.reason,
      },
      audit: {
        customerId: customer.id,
        subjectId: subscription.id,
        productId: product.id,
        detail: {
          effect: effect.value.kind,
          rule: effect.value.rule,
          reason: payload.reason,
          ...('credit' in effect.value ? { credit: effect.value.credit } : {}),
          ...('refund' in effect.value ? { refund: effect.value.refund } : {}),
        },
      },
    });
  },
};

/**
 * Cancelling a subscription (R-CAN-1..5, R-NCE-1): the user gives a reason, sees the effect computed for
 * this subscription now and how long its window has left, and confirms with "Yes, cancel". The click
 * applies that effect only if it still holds; if the window closed meanwhile, nothing happens and the user
 * is told what applies now.
 */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import { requireRole } from '../shared/authorize.js';
import { cancellationEffect, applyCancellation, type CancellationEffect } from './cancellation-policy.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { type Executor } from '../confirmations/executor.js';
import type { DomainError } from '../shared/errors.js';
import { findSubscription } from './find-subscription.js';
import type { AllDeps } from '../ports/deps.js';
import { err, ok, type Result } from '../shared/result.js';
import { effectiveSubscription } from './subscription-state.js';

export const MAX_REASON_LENGTH = 500;

export interface CancelTarget {
  readonly subscriptionId: string;
  readonly productName: string;
  readonly customerName: string;
  readonly quantity: number;
  readonly billingCycle: 'monthly' | 'annual';
}

export interface CancelPreview extends CancelTarget {
  readonly pendingId: string;
  readonly expiresAt: string;
  readonly effect: CancellationEffect;
  /** Milliseconds left in the window that gives the previewed effect, when it has one. */
  readonly windowLeftMs: number | null;
  readonly reason: string;
}

export interface CancelResult extends CancelTarget {
  readonly effect: CancellationEffect;
  readonly reason: string;
}

export const CancelPayloadSchema = z.object({
  subscriptionId: z.string().min(1).max(100),
  reason: z.string().min(1).max(MAX_REASON_LENGTH),
  expectedEffect: z.string(),
});
export type CancelPayload = z.infer<typeof CancelPayloadSchema>;

/** Step 1 (R-CAN-5): which subscription, and is there anything to ask a reason for? */
export async function startCancellation(
  deps: AllDeps,
  actor: Actor,
  command: { subscription: string },
): Promise<Result<CancelTarget & { effect: CancellationEffect }, DomainError>> {
  const denied = await requireRole(deps, actor, 'subscription.cancel');
  if (denied) return denied;
  const found = await findSubscription(deps, command.subscription, deps.clock.now());
  if (!found.ok) return found;
  const product = await deps.products.findById(found.value.subscription.productId);
  if (!product) return err({ kind: 'not-found', what: 'product', ref: found.value.subscription.productId });
  const effect = cancellationEffect(product, found.value.subscription, deps.clock.now());
  if (!effect.ok) return effect;
  const { subscription, customer } = found.value;
  return ok({
    subscriptionId: subscription.id,
    productName: subscription.productName,
    customerName: customer.companyName,
    quantity: subscription.quantity,
    billingCycle: subscription.billingCycle,
    effect: effect.value,
  });
}

/** Step 2: with a reason, the effect now and the "Yes, cancel" confirmation. */
export async function previewCancellation(
  deps: AllDeps,
  actor: Actor,
  command: { subscriptionId: string; reason: string },
): Promise<Result<CancelPreview, DomainError>> {
  const denied = await requireRole(deps, actor, 'subscription.cancel');
  if (denied) return denied;
  const reason = command.reason.trim();
  if (!reason) return err({ kind: 'invalid-input', field: 'reason', reason: 'empty' });
  if (reason.length > MAX_REASON_LENGTH)
    return err({ kind: 'invalid-input', field: 'reason', reason: 'too-long' });
  const target = await startCancellation(deps, actor, { subscription: command.subscriptionId });
  if (!target.ok) return target;
  const now = deps.clock.now();
  const effect = target.value.effect;
  const closesAt = 'windowClosesAt' in effect ? effect.windowClosesAt : null;
  const pending = await createPendingAction<CancelPayload>(deps, actor, 'subscription.cancel', {
    subscriptionId: target.value.subscriptionId,
    reason,
    expectedEffect: effect.kind,
  });
  return ok({
    ...target.value,
    reason,
    pendingId: pending.id,
    expiresAt: pending.expiresAt.toISOString(),
    windowLeftMs: closesAt ? Math.max(0, new Date(closesAt).getTime() - now.valueOf()) : null,
  });
}

export const cancelExecutor: Executor<CancelPayload, CancelResult> = {
  action: 'subscription.cancel',
  payload: CancelPayloadSchema,
  async execute(tx, _actor, payload, { now }) {
    const stored = await tx.subscriptions.findById(payload.subscriptionId);
    if (!stored) return err({ kind: 'not-found', what: 'subscription', ref: payload.subscriptionId });
    const [product, customer] = await Promise.all([
      tx.products.findById(stored.productId),
      tx.customers.findById(stored.customerId),
    ]);
    if (!product || !customer)
      return err({ kind: 'not-found', what: 'subscription', ref: payload.subscriptionId });
    const subscription = effectiveSubscription(stored, now);
    const effect = cancellationEffect(product, subscription, now);
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
    if (!(await tx.subscriptions.save(next, stored.version, {})))
      return err({ kind: 'conflict', what: 'subscription' });
    return ok({
      result: {
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

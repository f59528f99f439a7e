/** Cancelling, step 1 (R-CAN-5): which subscription, and what cancelling it now would do. */
import type { FactSource } from '../shared/external-refusal.js';
import type { Actor } from '../shared/actor.js';
import type { CancellationEffect } from './cancellation-policy.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { ProductRepository } from '../ports/products.js';
import type { OrderRepository } from '../ports/orders.js';
import { chargedFor } from './charged-amount.js';
import type { RequireRoleDeps } from '../shared/authorize.js';
import type { FindSubscriptionDeps } from './find-subscription.js';
import { requireRole } from '../shared/authorize.js';
import { cancellationEffect } from './cancellation-policy.js';
import { findSubscription } from './find-subscription.js';
import { err, ok } from '../shared/result.js';

export interface StartCancellationDeps extends RequireRoleDeps, FindSubscriptionDeps {
  readonly products: ProductRepository;
  readonly orders: Pick<OrderRepository, 'findById'>;
}

export interface CancelTarget {
  readonly subscriptionId: string;
  readonly productName: string;
  readonly customerName: string;
  readonly quantity: number;
  readonly billingCycle: 'monthly' | 'annual';
  /** Where the subscription's facts were read (R-PC-5); absent: the bot's own record. */
  readonly source?: FactSource;
}

/** Step 1 (R-CAN-5): which subscription, and is there anything to ask a reason for? */
export async function startCancellation(
  deps: StartCancellationDeps,
  actor: Actor,
  command: { subscription: string },
): Promise<Result<CancelTarget & { effect: CancellationEffect }, DomainError>> {
  const denied = await requireRole(deps, actor, 'subscription.cancel');
  if (denied) return denied;
  const found = await findSubscription(deps, command.subscription, deps.clock.now());
  if (!found.ok) return found;
  const product = await deps.products.findById(found.value.subscription.productId);
  if (!product) return err({ kind: 'not-found', what: 'product', ref: found.value.subscription.productId });
  const effect = cancellationEffect(
    product,
    found.value.subscription,
    deps.clock.now(),
    await chargedFor(deps.orders, found.value.subscription),
  );
  if (!effect.ok) return effect;
  const { subscription, customer } = found.value;
  return ok({
    subscriptionId: subscription.id,
    productName: subscription.productName,
    customerName: customer.companyName,
    quantity: subscription.quantity,
    billingCycle: subscription.billingCycle,
    ...(subscription.source ? { source: subscription.source } : {}),
    effect: effect.value,
  });
}

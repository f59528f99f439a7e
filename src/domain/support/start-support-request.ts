/** `support request ORD-…` / `SUB-…` / `<customer>`: a form pre-filled from what the bot knows (R-SUP-1). */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Customer } from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import type { SupportForm, SupportDraft } from './support-request.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { resolveCustomer } from '../customers/find-customers.js';
import { err, ok } from '../shared/result.js';
import { refundableFor, type Refundable } from './refundable-amount.js';

/** R-SUP-2: nothing is left to refund: everything charged was credited already. */
const alreadyCredited = (ref: string, r: Refundable): Result<never, DomainError> =>
  err({
    kind: 'refused',
    rule: 'R-SUP-2',
    reason: 'already-credited',
    facts: { ref, charged: r.charged.toFixed(2), credited: r.credited.toFixed(2), currency: r.currency },
  });

export type StartSupportRequestDeps = Pick<
  AllDeps,
  'clock' | 'audit' | 'pending' | 'newId' | 'orders' | 'subscriptions' | 'customers' | 'software'
>;

/** `support request ORD-…` / `support request SUB-…` / `support request <customer>`: a pre-filled form. */
export async function startSupportRequest(
  deps: StartSupportRequestDeps,
  actor: Actor,
  command: { ref: string },
): Promise<Result<SupportForm, DomainError>> {
  const denied = await requireRole(deps, actor, 'support.request');
  if (denied) return denied;
  const ref = command.ref.trim();
  let draft: SupportDraft;
  let customer: Customer | null;
  if (/^ord-/i.test(ref)) {
    const order = await deps.orders.findById(ref);
    if (!order) return err({ kind: 'not-found', what: 'order', ref });
    customer = await deps.customers.findById(order.customerId);
    const refundable = await refundableFor(deps, order, null, deps.clock.now());
    if (refundable.refundable <= 0) return alreadyCredited(order.id, refundable);
    draft = {
      customerId: order.customerId,
      orderId: order.id,
      subscriptionId: null,
      amount: refundable.refundable,
      maxAmount: refundable.refundable,
      currency: refundable.currency,
    };
  } else if (/^sub-/i.test(ref)) {
    const sub = await deps.subscriptions.findById(ref);
    if (!sub) return err({ kind: 'not-found', what: 'subscription', ref });
    customer = await deps.customers.findById(sub.customerId);
    const order = await deps.orders.findById(sub.orderId);
    // R-SUP-2: the line of this subscription, never the whole (multi-line) order.
    const refundable =
      order && !order.source ? await refundableFor(deps, order, sub, deps.clock.now()) : null;
    if (refundable && refundable.refundable <= 0) return alreadyCredited(sub.id, refundable);
    draft = {
      customerId: sub.customerId,
      orderId: sub.orderId,
      subscriptionId: sub.id,
      amount: refundable?.refundable ?? null,
      maxAmount: refundable?.refundable ?? null,
      currency: refundable?.currency ?? null,
    };
  } else {
    const found = await resolveCustomer(deps.customers, ref);
    if (!found.ok) return found;
    customer = found.value;
    draft = {
      customerId: found.value.id,
      orderId: null,
      subscriptionId: null,
      amount: null,
      maxAmount: null,
      currency: null,
    };
  }
  if (!customer) return err({ kind: 'not-found', what: 'customer', ref });
  const pending = await createPendingAction<SupportDraft>(deps, actor, 'support.request', draft);
  return ok({
    ...draft,
    pendingId: pending.id,
    expiresAt: pending.expiresAt.toISOString(),
    customerName: customer.companyName,
    tenantId: customer.tenantId,
    primaryDomain: customer.primaryDomain,
    suggestedTitle: `Refund request: ${draft.orderId ?? draft.subscriptionId ?? customer.primaryDomain}`,
    contactName: actor.displayName,
  });
}

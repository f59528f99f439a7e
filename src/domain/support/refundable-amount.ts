/**
 * How much a refund request may ask for (R-SUP-2): what the order line (or the order's lines) charged
 * (R-MON-1), less what was already credited for it: a cancelled software order's recorded credit, a
 * cancelled subscription's credit or refund from its cancellation record.
 */
import type { AllDeps } from '../ports/deps.js';
import type { Order, Subscription } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';
import { lineCharge, lineOf } from '../subscriptions/charged-amount.js';

export type RefundableDeps = Pick<AllDeps, 'audit' | 'software' | 'subscriptions'>;

export interface Refundable {
  /** What was charged, and what of it was already credited. */
  readonly charged: number;
  readonly credited: number;
  readonly refundable: number;
  readonly currency: string;
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** Credits and refunds recorded when subscriptions of this customer were cancelled, by subscription id. */
async function subscriptionCredits(
  deps: RefundableDeps,
  customerId: string,
  since: Dayjs,
  now: Dayjs,
): Promise<Map<string, number>> {
  const credits = new Map<string, number>();
  const { events } = await deps.audit.query({
    actions: ['subscription.cancel'],
    from: since,
    to: now.add(1, 'minute'),
    customerId,
    offset: 0,
    limit: 1000,
  });
  for (const event of events) {
    if (event.outcome !== 'allowed' || !event.subjectId) continue;
    const amount = Number(event.detail?.credit ?? event.detail?.refund ?? 0);
    if (Number.isFinite(amount) && amount > 0)
      credits.set(event.subjectId, (credits.get(event.subjectId) ?? 0) + amount);
  }
  return credits;
}

export async function refundableFor(
  deps: RefundableDeps,
  order: Order,
  subscription: Subscription | null,
  now: Dayjs,
): Promise<Refundable> {
  const software = await deps.software.findPurchase(order.id);
  if (software) {
    const credited = software.creditAmount ?? 0;
    return {
      charged: software.lineTotal,
      credited,
      refundable: Math.max(0, cents(software.lineTotal - credited)),
      currency: software.currency,
    };
  }
  const credits = await subscriptionCredits(deps, order.customerId, order.placedAt, now);
  const subs = subscription
    ? [subscription]
    : await deps.subscriptions.listByCustomer(order.customerId, { orderId: order.id });
  if (subscription) {
    const line = lineOf(order, subscription);
    const charged = line ? lineCharge(line) : 0;
    const credited = Math.min(charged, credits.get(subscription.id) ?? 0);
    return {
      charged,
      credited,
      refundable: Math.max(0, cents(charged - credited)),
      currency: order.currency,
    };
  }
  const charged = cents(order.lines.reduce((sum, line) => sum + lineCharge(line), 0));
  const credited = Math.min(charged, cents(subs.reduce((sum, s) => sum + (credits.get(s.id) ?? 0), 0)));
  return { charged, credited, refundable: Math.max(0, cents(charged - credited)), currency: order.currency };
}

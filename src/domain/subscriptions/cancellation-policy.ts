/**
 * What cancelling a subscription does now (R-CAN-1..4, R-NCE-1), decided from the product's policy, the
 * billing cycle and the time since the order. Evaluated when the preview is shown and again at the click.
 *
 * Decision (spec): online services other than marketplace SaaS follow R-CAN-1..3 by their billing cycle.
 * Decision: a subscription still in its free trial is cancelled at once with nothing to credit.
 */
import { isSoftware } from '../shared/model.js';
import type { DomainError } from '../shared/errors.js';
import type { Product, Subscription } from '../shared/model.js';
import { err, ok, type Result } from '../shared/result.js';
import { at, DAY_MS, HOUR_MS, isWithin, isWithinMs, type Dayjs } from '../shared/time.js';
import { subscriptionTimes, type SubscriptionTimes } from './subscription-state.js';

export const MONTHLY_FULL_CREDIT_HOURS = 24;
export const ANNUAL_FULL_CREDIT_DAYS = 14;
export const NCE_CANCEL_WINDOW_HOURS = 168;

export type CancellationEffect =
  | {
      kind: 'cancel-now-full-credit';
      rule: 'R-CAN-1' | 'R-CAN-3';
      credit: number;
      currency: string;
      windowClosesAt: string;
    }
  | { kind: 'cancel-at-renewal'; rule: 'R-CAN-2' | 'R-CAN-3'; cancelAt: string }
  | { kind: 'deprovision-now'; rule: 'R-CAN-4' }
  | {
      kind: 'cancel-now-prorated-refund';
      rule: 'R-NCE-1';
      refund: number;
      currency: string;
      windowClosesAt: string;
      /** Set when Partner Center's own window (which applies, R-PC-4) differs from the rule's. */
      ruleWindowClosesAt?: string;
    }
  | { kind: 'cancel-now-trial'; rule: 'R-BUY-9' };

export type CancellationEffectKind = CancellationEffect['kind'];

/** What one term of the subscription costs: products offered monthly are priced per month. */
export function termCharge(
  product: Pick<Product, 'unitPrice' | 'billingCycles'>,
  sub: Pick<Subscription, 'billingCycle' | 'quantity'>,
): number {
  const perTerm =
    sub.billingCycle === 'annual' && product.billingCycles.includes('monthly')
      ? product.unitPrice * 12
      : product.unitPrice;
  return Math.round(perTerm * sub.quantity * 100) / 100;
}

/**
 * What cancelling `sub` at `now` does. `charged` is what its order line charged (R-MON-1): a credit or
 * refund is computed from the term's charge and never exceeds what was charged.
 */
export function cancellationEffect(
  product: Product,
  sub: Subscription,
  now: Dayjs,
  charged?: number,
): Result<CancellationEffect, DomainError> {
  const base = charged === undefined ? termCharge(product, sub) : Math.min(charged, termCharge(product, sub));
  if (sub.status !== 'active') {
    return err({ kind: 'invalid-state', what: 'subscription', status: sub.status, attempted: 'cancel' });
  }
  if (isSoftware(product.kind))
    return err({ kind: 'refused', rule: 'R-SWC-4', reason: 'software-use-cancel-order' });
  if (sub.cancelAt) {
    return err({
      kind: 'refused',
      rule: 'R-CAN-2',
      reason: 'cancel-already-scheduled',
      facts: { cancelAt: sub.cancelAt.toISOString() },
    });
  }
  if (product.billingType === 'usage') return ok({ kind: 'deprovision-now', rule: 'R-CAN-4' });
  if (sub.trialEndsAt && now.isBefore(sub.trialEndsAt))
    return ok({ kind: 'cancel-now-trial', rule: 'R-BUY-9' });

  const window = cancelNowWindow(product, subscriptionTimes(sub));
  if (product.commercePolicy === 'new-commerce') {
    const ruleClosesAt = at(window.ruleClosesAt);
    const closesAt = at(window.closesAt);
    const differs = window.closesAt !== window.ruleClosesAt;
    if (!isWithin(now, sub.termStartAt, closesAt)) {
      return err({
        kind: 'refused',
        rule: 'R-NCE-1',
        reason: 'not-cancellable-nce',
        facts: {
          closedAt: closesAt.toISOString(),
          renewsAt: sub.renewsAt.toISOString(),
          ...(differs ? { ruleClosedAt: ruleClosesAt.toISOString() } : {}),
        },
      });
    }
    const term = sub.renewsAt.diff(sub.termStartAt);
    const unused = Math.max(0, sub.renewsAt.diff(now));
    const refund = Math.round(base * (unused / term) * 100) / 100;
    return ok({
      kind: 'cancel-now-prorated-refund',
      rule: 'R-NCE-1',
      refund,
      currency: product.currency,
      windowClosesAt: closesAt.toISOString(),
      ...(differs ? { ruleWindowClosesAt: ruleClosesAt.toISOString() } : {}),
    });
  }

  const annual = sub.billingCycle === 'annual';
  const closesAt = at(window.closesAt);
  if (isWithin(now, sub.orderedAt, closesAt)) {
    return ok({
      kind: 'cancel-now-full-credit',
      rule: annual ? 'R-CAN-3' : 'R-CAN-1',
      credit: base,
      currency: product.currency,
      windowClosesAt: closesAt.toISOString(),
    });
  }
  return ok({
    kind: 'cancel-at-renewal',
    rule: annual ? 'R-CAN-3' : 'R-CAN-2',
    cancelAt: sub.renewsAt.toISOString(),
  });
}

/**
 * The window in which a paid term can be cancelled at once, on epoch milliseconds. New commerce (R-NCE-1):
 * from the term's start for 168 hours, or to Partner Center's own stated instant, which wins (R-PC-4);
 * otherwise from the order, 24 hours monthly (R-CAN-1) and 14 days annual (R-CAN-3).
 */
function cancelNowWindow(
  product: Pick<Product, 'commercePolicy'>,
  sub: Pick<SubscriptionTimes, 'billingCycle' | 'orderedAt' | 'termStartAt' | 'statedCancelUntil'>,
): {
  readonly kind: 'cancel-now-full-credit' | 'cancel-now-prorated-refund';
  readonly opensAt: number;
  readonly closesAt: number;
  /** Where the rule alone closes it (differs from closesAt when Partner Center states another instant). */
  readonly ruleClosesAt: number;
} {
  if (product.commercePolicy === 'new-commerce') {
    const ruleClosesAt = sub.termStartAt + NCE_CANCEL_WINDOW_HOURS * HOUR_MS;
    const closesAt = sub.statedCancelUntil ?? ruleClosesAt;
    return { kind: 'cancel-now-prorated-refund', opensAt: sub.termStartAt, closesAt, ruleClosesAt };
  }
  const closesAt =
    sub.orderedAt +
    (sub.billingCycle === 'annual' ? ANNUAL_FULL_CREDIT_DAYS * DAY_MS : MONTHLY_FULL_CREDIT_HOURS * HOUR_MS);
  return { kind: 'cancel-now-full-credit', opensAt: sub.orderedAt, closesAt, ruleClosesAt: closesAt };
}

/**
 * The cancellation window `cancellationEffect` reports at `now` (the kinds with a `windowClosesAt`), on
 * epoch milliseconds, for the reminder pass; null when it reports none. Its guards are those of
 * `cancellationEffect`, in the same order (test/domain/reminder-events-ms.test.ts holds the two equal).
 */
export function cancellationWindowMs(
  product: Pick<Product, 'kind' | 'billingType' | 'commercePolicy'>,
  sub: SubscriptionTimes,
  now: number,
): { kind: 'cancel-now-full-credit' | 'cancel-now-prorated-refund'; closesAt: number } | null {
  if (sub.status !== 'active' || isSoftware(product.kind) || sub.cancelAt !== null) return null;
  if (product.billingType === 'usage') return null;
  if (sub.trialEndsAt !== null && now < sub.trialEndsAt) return null;
  const window = cancelNowWindow(product, sub);
  return isWithinMs(now, window.opensAt, window.closesAt)
    ? { kind: window.kind, closesAt: window.closesAt }
    : null;
}

/** The subscription after the effect is applied at `now`. */
export function applyCancellation(sub: Subscription, effect: CancellationEffect, now: Dayjs): Subscription {
  switch (effect.kind) {
    case 'cancel-at-renewal':
      return { ...sub, autoRenew: false, cancelAt: sub.renewsAt };
    case 'cancel-now-full-credit':
    case 'cancel-now-prorated-refund':
    case 'cancel-now-trial':
    case 'deprovision-now':
      return { ...sub, status: 'cancelled', cancelledAt: now, autoRenew: false, cancelAt: null };
  }
}

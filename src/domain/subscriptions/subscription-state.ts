/**
 * Time-driven changes, derived whenever a subscription is read, so they are right whether or not a
 * background job has run: a suspended subscription past its data-deletion date is expired (R-SUS-3); a
 * scheduled cancellation takes effect at its date (R-CAN-2, R-CAN-3); a trial converts to paid at its end
 * and auto-renewing terms roll forward (R-BUY-9, R-BUY-11).
 */
import type { BillingCycle, Subscription } from '../shared/model.js';
import { addMonths, monthsBetween, type Dayjs } from '../shared/time.js';

const MONTHS: Record<BillingCycle, number> = { monthly: 1, annual: 12 };

export const termEnd = (termStartAt: Dayjs, cycle: BillingCycle): Dayjs =>
  addMonths(termStartAt, MONTHS[cycle]);

/**
 * The term containing `now`, counted in whole terms from the anchor (the end of the free trial, or the
 * order): terms are anchor + n months, never chained from the previous end, so a subscription started on
 * the 31st renews on the 28th in February and on the 31st again in March.
 */
export function termAt(anchor: Dayjs, cycle: BillingCycle, now: Dayjs): { start: Dayjs; end: Dayjs } {
  const months = MONTHS[cycle];
  let n = Math.max(0, Math.floor(monthsBetween(anchor, now) / months));
  while (n > 0 && addMonths(anchor, n * months).isAfter(now)) n--;
  while (!now.isBefore(addMonths(anchor, (n + 1) * months))) n++;
  return { start: addMonths(anchor, n * months), end: addMonths(anchor, (n + 1) * months) };
}

/** The subscription as it stands at `now`. */
export function effectiveSubscription(sub: Subscription, now: Dayjs): Subscription {
  if (sub.status === 'suspended' && sub.dataDeletedAt && !now.isBefore(sub.dataDeletedAt)) {
    return { ...sub, status: 'expired' };
  }
  if (sub.status === 'active' && sub.cancelAt && !now.isBefore(sub.cancelAt)) {
    return { ...sub, status: 'cancelled', cancelledAt: sub.cancelAt, autoRenew: false };
  }
  if (sub.status !== 'active' || now.isBefore(sub.renewsAt)) return sub;
  // The trial (if any) has ended and converted to paid; the trial end stays recorded.
  if (!sub.autoRenew) {
    // Without auto-renew the term in progress at the trial end, or the current one, is the last.
    if (sub.trialEndsAt && sub.renewsAt.isSame(sub.trialEndsAt)) {
      const first = termAt(sub.trialEndsAt, sub.billingCycle, sub.trialEndsAt);
      if (now.isBefore(first.end)) return { ...sub, termStartAt: first.start, renewsAt: first.end };
    }
    return { ...sub, status: 'expired' };
  }
  if (sub.scheduledChange) {
    // R-TRM-2: a change scheduled for the renewal takes effect then; terms count from it on the new cycle.
    const { productId, billingCycle } = sub.scheduledChange;
    const term = termAt(sub.renewsAt, billingCycle, now);
    return {
      ...sub,
      productId,
      billingCycle,
      termAnchorAt: sub.renewsAt,
      scheduledChange: null,
      termStartAt: term.start,
      renewsAt: term.end,
    };
  }
  // R-TRM-1, R-ADD-3: after a change of term (or for an add-on, its base's terms) terms count from the anchor.
  const term = termAt(sub.termAnchorAt ?? sub.trialEndsAt ?? sub.orderedAt, sub.billingCycle, now);
  return { ...sub, termStartAt: term.start, renewsAt: term.end };
}

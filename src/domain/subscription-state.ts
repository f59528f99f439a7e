/**
 * Time-driven changes, derived whenever a subscription is read, so they are right whether or not a
 * background job has run: a suspended subscription past its data-deletion date is expired (R-SUS-3); a
 * scheduled cancellation takes effect at its date (R-CAN-2, R-CAN-3); a trial converts to paid at its end
 * and auto-renewing terms roll forward (R-BUY-9, R-BUY-11).
 */
import type { BillingCycle, Subscription } from './model.js';
import type { Dayjs } from './time.js';

export const termEnd = (termStartAt: Dayjs, cycle: BillingCycle): Dayjs =>
  cycle === 'monthly' ? termStartAt.add(1, 'month') : termStartAt.add(1, 'year');

/** The subscription as it stands at `now`. */
export function effectiveSubscription(sub: Subscription, now: Dayjs): Subscription {
  if (sub.status === 'suspended' && sub.dataDeletedAt && !now.isBefore(sub.dataDeletedAt)) {
    return { ...sub, status: 'expired' };
  }
  if (sub.status === 'active' && sub.cancelAt && !now.isBefore(sub.cancelAt)) {
    return { ...sub, status: 'cancelled', cancelledAt: sub.cancelAt, autoRenew: false };
  }
  let current = sub;
  if (current.trialEndsAt && !now.isBefore(current.trialEndsAt) && current.status === 'active') {
    current = {
      ...current,
      trialEndsAt: null,
      termStartAt: current.trialEndsAt,
      renewsAt: termEnd(current.trialEndsAt, current.billingCycle),
    };
  }
  if (current.status === 'active' && !now.isBefore(current.renewsAt)) {
    if (!current.autoRenew) return { ...current, status: 'expired' };
    let start = current.termStartAt;
    let end = current.renewsAt;
    // Bounded: a subscription older than 200 terms is not realistic data.
    for (let i = 0; i < 200 && !now.isBefore(end); i++) {
      start = end;
      end = termEnd(start, current.billingCycle);
    }
    current = { ...current, termStartAt: start, renewsAt: end };
  }
  return current;
}

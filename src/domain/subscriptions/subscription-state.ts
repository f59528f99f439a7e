/**
 * Time-driven changes, derived whenever a subscription is read, so they are right whether or not a
 * background job has run: a suspended subscription past its data-deletion date is expired (R-SUS-3); a
 * scheduled cancellation takes effect at its date (R-CAN-2, R-CAN-3); a trial converts to paid at its end
 * and auto-renewing terms roll forward (R-BUY-9, R-BUY-11).
 */
import type { BillingCycle, Subscription } from '../shared/model.js';
import { addMonths, addMonthsMs, at, monthsBetweenMs, type Dayjs } from '../shared/time.js';

const MONTHS: Record<BillingCycle, number> = { monthly: 1, annual: 12 };

export const termEnd = (termStartAt: Dayjs, cycle: BillingCycle): Dayjs =>
  addMonths(termStartAt, MONTHS[cycle]);

/**
 * The term containing `now`, counted in whole terms from the anchor (the end of the free trial, or the
 * order): terms are anchor + n months, never chained from the previous end, so a subscription started on
 * the 31st renews on the 28th in February and on the 31st again in March.
 */
export function termAt(anchor: Dayjs, cycle: BillingCycle, now: Dayjs): { start: Dayjs; end: Dayjs } {
  const term = termAtMs(anchor.valueOf(), cycle, now.valueOf());
  return { start: at(term.start), end: at(term.end) };
}

/** `termAt` on epoch milliseconds: the reminder pass counts terms for every row it reads. */
export function termAtMs(anchor: number, cycle: BillingCycle, now: number): { start: number; end: number } {
  const months = MONTHS[cycle];
  let n = Math.max(0, Math.floor(monthsBetweenMs(anchor, now) / months));
  while (n > 0 && addMonthsMs(anchor, n * months) > now) n--;
  while (now >= addMonthsMs(anchor, (n + 1) * months)) n++;
  return { start: addMonthsMs(anchor, n * months), end: addMonthsMs(anchor, (n + 1) * months) };
}

/**
 * The subscription as it stands at `now`: `effectiveTimes` decides (one rule for the lists, the actions and
 * the reminder pass), and only what it changed is turned back into dates.
 */
export function effectiveSubscription(sub: Subscription, now: Dayjs): Subscription {
  const stored = subscriptionTimes(sub);
  const effective = effectiveTimes(stored, now.valueOf());
  if (effective === stored) return sub;
  const instantOf = (ms: number | null, kept: Dayjs | null | undefined): Dayjs | null =>
    ms === null ? null : kept?.valueOf() === ms ? kept : at(ms);
  const cancelled = effective.status === 'cancelled' && sub.status !== 'cancelled';
  // R-TRM-2: the change scheduled for the renewal took effect (its product with its cycle).
  const changed = sub.scheduledChange && effective.scheduledChange === null;
  return {
    ...sub,
    status: effective.status,
    autoRenew: effective.autoRenew,
    billingCycle: effective.billingCycle,
    termStartAt: instantOf(effective.termStartAt, sub.termStartAt)!,
    renewsAt: instantOf(effective.renewsAt, sub.renewsAt)!,
    ...(cancelled ? { cancelledAt: sub.cancelAt } : {}),
    ...(changed
      ? {
          productId: sub.scheduledChange!.productId,
          scheduledChange: null,
          termAnchorAt: instantOf(effective.termAnchorAt, sub.termAnchorAt),
        }
      : {}),
  };
}

/**
 * A subscription's state and instants in epoch milliseconds: what the reminder pass evaluates for every
 * row it reads, without making date objects (see `effectiveTimes`).
 */
export interface SubscriptionTimes {
  readonly status: Subscription['status'];
  readonly autoRenew: boolean;
  readonly billingCycle: BillingCycle;
  readonly orderedAt: number;
  readonly termStartAt: number;
  readonly renewsAt: number;
  readonly trialEndsAt: number | null;
  readonly suspendedAt: number | null;
  readonly dataDeletedAt: number | null;
  readonly cancelAt: number | null;
  readonly termAnchorAt: number | null;
  readonly scheduledChange: Subscription['scheduledChange'] | null;
  /** Partner Center stated windows (R-PC-4); its closing instant, the one a cancellation keeps to. */
  readonly hasWindows: boolean;
  readonly statedCancelUntil: number | null;
}

const msOrNull = (instant: Dayjs | null | undefined): number | null => (instant ? instant.valueOf() : null);

export const subscriptionTimes = (sub: Subscription): SubscriptionTimes => ({
  status: sub.status,
  autoRenew: sub.autoRenew,
  billingCycle: sub.billingCycle,
  orderedAt: sub.orderedAt.valueOf(),
  termStartAt: sub.termStartAt.valueOf(),
  renewsAt: sub.renewsAt.valueOf(),
  trialEndsAt: msOrNull(sub.trialEndsAt),
  suspendedAt: msOrNull(sub.suspendedAt),
  dataDeletedAt: msOrNull(sub.dataDeletedAt),
  cancelAt: msOrNull(sub.cancelAt),
  termAnchorAt: msOrNull(sub.termAnchorAt),
  scheduledChange: sub.scheduledChange ?? null,
  hasWindows: Boolean(sub.windows),
  statedCancelUntil: msOrNull(sub.windows?.cancellationAllowedUntil ?? sub.windows?.refundUntil),
});

/**
 * The subscription as it stands at `now`, on epoch milliseconds (the reminder pass evaluates every row it
 * reads without making date objects; `effectiveSubscription` is this, turned back into dates). Returns
 * `sub` itself when nothing changed.
 */
export function effectiveTimes(sub: SubscriptionTimes, now: number): SubscriptionTimes {
  if (sub.status === 'suspended' && sub.dataDeletedAt !== null && now >= sub.dataDeletedAt) {
    return { ...sub, status: 'expired' };
  }
  if (sub.status === 'active' && sub.cancelAt !== null && now >= sub.cancelAt) {
    return { ...sub, status: 'cancelled', autoRenew: false };
  }
  if (sub.status !== 'active' || now < sub.renewsAt) return sub;
  // The trial (if any) has ended and converted to paid; the trial end stays recorded.
  if (!sub.autoRenew) {
    // Without auto-renew the term in progress at the trial end, or the current one, is the last.
    if (sub.trialEndsAt !== null && sub.renewsAt === sub.trialEndsAt) {
      const first = termAtMs(sub.trialEndsAt, sub.billingCycle, sub.trialEndsAt);
      if (now < first.end) return { ...sub, termStartAt: first.start, renewsAt: first.end };
    }
    return { ...sub, status: 'expired' };
  }
  if (sub.scheduledChange) {
    // R-TRM-2: a change scheduled for the renewal takes effect then; terms count from it on the new cycle.
    const { billingCycle } = sub.scheduledChange;
    const term = termAtMs(sub.renewsAt, billingCycle, now);
    return {
      ...sub,
      billingCycle,
      termAnchorAt: sub.renewsAt,
      scheduledChange: null,
      termStartAt: term.start,
      renewsAt: term.end,
    };
  }
  // R-TRM-1, R-ADD-3: after a change of term (or for an add-on, its base's terms) terms count from the anchor.
  const term = termAtMs(sub.termAnchorAt ?? sub.trialEndsAt ?? sub.orderedAt, sub.billingCycle, now);
  return { ...sub, termStartAt: term.start, renewsAt: term.end };
}

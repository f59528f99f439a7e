/**
 * Cancelling a software purchase (R-SWC-1..8, R-NCE-4, R-ROLE-4): one order at a time, chosen among the
 * customer's orders for the product; the card shows the days left in the window (or that it passed, with
 * the support-request route), asks for an acknowledgement, and the click re-checks everything, revokes
 * every key and link of the order in the same transaction, and records the credit.
 */
import { z } from 'zod';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { SoftwarePurchase } from '../ports/software.js';
import type { Dayjs } from '../shared/time.js';
import { err, ok } from '../shared/result.js';
import { addDays, DAY_MS, isWithin, wholeDaysBetween } from '../shared/time.js';

export const SOFTWARE_CANCEL_DAYS = 60;
export const NCE_PERPETUAL_REFUND_DAYS = 30;
export const NCE_SOFTWARE_SUBSCRIPTION_REFUND_DAYS = 7;

export type CreditKind = 'full' | 'prorated';

export const SoftwareCancelPayloadSchema = z.object({ orderId: z.string().min(1).max(100) });

const isPerpetual = (p: SoftwarePurchase) => p.productKind === 'perpetual-software';

/** The window and rule that apply to this purchase (R-SWC-1, or R-NCE-4 under new commerce). */
export function cancelWindow(purchase: SoftwarePurchase): { closesAt: Dayjs; rule: 'R-SWC-1' | 'R-NCE-4' } {
  if (purchase.commercePolicy === 'new-commerce') {
    const days = isPerpetual(purchase) ? NCE_PERPETUAL_REFUND_DAYS : NCE_SOFTWARE_SUBSCRIPTION_REFUND_DAYS;
    return { closesAt: addDays(purchase.placedAt, days), rule: 'R-NCE-4' };
  }
  return { closesAt: addDays(purchase.placedAt, SOFTWARE_CANCEL_DAYS), rule: 'R-SWC-1' };
}

/** R-SWC-7: 100% for perpetual software; software subscriptions by unused days of the term / days in it. */
export function softwareCredit(purchase: SoftwarePurchase, now: Dayjs): { credit: number; kind: CreditKind } {
  if (isPerpetual(purchase)) return { credit: purchase.lineTotal, kind: 'full' };
  const start = purchase.subscription?.termStartAt ?? purchase.placedAt;
  const end = purchase.subscription?.renewsAt ?? start.add(1, 'year');
  const termDays = Math.max(1, Math.round(end.diff(start) / DAY_MS));
  const unusedDays = Math.max(0, Math.min(termDays, termDays - wholeDaysBetween(start, now)));
  return { credit: Math.round(((purchase.lineTotal * unusedDays) / termDays) * 100) / 100, kind: 'prorated' };
}

/** Everything that must hold to cancel now; shared by the card and the click. */
export function checkCancellable(
  purchase: SoftwarePurchase,
  now: Dayjs,
): Result<{ closesAt: Dayjs; rule: string }, DomainError> {
  if (purchase.status !== 'completed') {
    return err({ kind: 'invalid-state', what: 'order', status: purchase.status, attempted: 'cancel' });
  }
  if (purchase.cancelRestriction === 'support-request-only') {
    return err({
      kind: 'refused',
      rule: 'R-SWC-2',
      reason: 'support-request-only',
      facts: { product: purchase.productName, orderId: purchase.orderId },
    });
  }
  if (purchase.cancelRestriction === 'not-cancellable') {
    return err({
      kind: 'refused',
      rule: 'R-SWC-3',
      reason: 'not-cancellable',
      facts: { product: purchase.productName },
    });
  }
  const window = cancelWindow(purchase);
  if (!isWithin(now, purchase.placedAt, window.closesAt)) {
    return err({
      kind: 'refused',
      rule: window.rule,
      reason: 'cancel-window-passed',
      facts: {
        product: purchase.productName,
        orderId: purchase.orderId,
        placedAt: purchase.placedAt.toISOString(),
        closedAt: window.closesAt.toISOString(),
        days:
          window.rule === 'R-SWC-1'
            ? SOFTWARE_CANCEL_DAYS
            : wholeDaysBetween(purchase.placedAt, window.closesAt),
      },
    });
  }
  return ok(window);
}

/**
 * Cancelling a software purchase (R-SWC-1..8, R-NCE-4, R-ROLE-4): one order at a time, chosen among the
 * customer's orders for the product; the card shows the days left in the window (or that it passed, with
 * the support-request route), asks for an acknowledgement, and the click re-checks everything, revokes
 * every key and link of the order in the same transaction, and records the credit.
 */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { type Executor } from '../confirmations/executor.js';
import type { DomainError } from '../shared/errors.js';
import type { AllDeps } from '../ports/deps.js';
import type { SoftwarePurchase } from '../ports/software.js';
import { err, ok, type Result } from '../shared/result.js';
import { findSoftwarePurchase } from './issue-key.js';
import { addDays, DAY_MS, isWithin, wholeDaysBetween, type Dayjs } from '../shared/time.js';

export const SOFTWARE_CANCEL_DAYS = 60;
export const NCE_PERPETUAL_REFUND_DAYS = 30;
export const NCE_SOFTWARE_SUBSCRIPTION_REFUND_DAYS = 7;

export type CreditKind = 'full' | 'prorated';

export interface SoftwareCancelPreview {
  readonly pendingId: string;
  readonly expiresAt: string;
  readonly orderId: string;
  readonly productName: string;
  readonly customerName: string;
  readonly placedAt: string;
  readonly windowClosesAt: string;
  /** Whole days left in the window, and the exact time left (R-SWC-5). */
  readonly daysLeft: number;
  readonly windowLeftMs: number;
  readonly rule: string;
  readonly credit: number;
  readonly creditKind: CreditKind;
  readonly currency: string;
  readonly activeKeys: number;
}

export interface SoftwareCancelResult {
  readonly orderId: string;
  readonly productName: string;
  readonly customerName: string;
  readonly credit: number;
  readonly creditKind: CreditKind;
  readonly currency: string;
  readonly keysRevoked: number;
  readonly linksRevoked: number;
}

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
function checkCancellable(
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

/** `cancel order ORD-…` or `cancel software <product> for <customer>`: the confirmation card. */
export async function startSoftwareCancel(
  deps: AllDeps,
  actor: Actor,
  command: { product: string; customer: string },
): Promise<Result<SoftwareCancelPreview, DomainError>> {
  const denied = await requireRole(deps, actor, 'software.cancel');
  if (denied) return denied;
  const found = await findSoftwarePurchase(deps, command, { includeRestricted: true });
  if (!found.ok) return found;
  const { purchase, customerName } = found.value;
  const now = deps.clock.now();
  const window = checkCancellable(purchase, now);
  if (!window.ok) return window;
  const credit = softwareCredit(purchase, now);
  const pending = await createPendingAction(deps, actor, 'software.cancel', { orderId: purchase.orderId });
  return ok({
    pendingId: pending.id,
    expiresAt: pending.expiresAt.toISOString(),
    orderId: purchase.orderId,
    productName: purchase.productName,
    customerName,
    placedAt: purchase.placedAt.toISOString(),
    windowClosesAt: window.value.closesAt.toISOString(),
    daysLeft: wholeDaysBetween(now, window.value.closesAt),
    windowLeftMs: window.value.closesAt.diff(now),
    rule: window.value.rule,
    credit: credit.credit,
    creditKind: credit.kind,
    currency: purchase.currency,
    activeKeys: purchase.activeKeys,
  });
}

const AcknowledgementSchema = z.object({ acknowledged: z.union([z.literal(true), z.literal('true')]) });

export const softwareCancelExecutor: Executor<
  z.infer<typeof SoftwareCancelPayloadSchema>,
  SoftwareCancelResult
> = {
  action: 'software.cancel',
  payload: SoftwareCancelPayloadSchema,
  async execute(tx, _actor, payload, { now, input }) {
    if (!AcknowledgementSchema.safeParse(input).success) {
      return err({ kind: 'refused', rule: 'R-SWC-4', reason: 'acknowledgement-required' });
    }
    const purchase = await tx.software.findPurchase(payload.orderId);
    if (!purchase) return err({ kind: 'not-found', what: 'order', ref: payload.orderId });
    const window = checkCancellable(purchase, now);
    if (!window.ok) return window;
    const credit = softwareCredit(purchase, now);
    const revoked = await tx.software.revokeOrder(purchase.orderId, now);
    if (!(await tx.software.cancelOrder(purchase.orderId, now, credit.credit, 'cancelled by partner'))) {
      return err({ kind: 'conflict', what: 'order' });
    }
    if (purchase.subscription && purchase.subscription.status !== 'cancelled') {
      const sub = await tx.subscriptions.findById(purchase.subscription.id);
      if (
        sub &&
        !(await tx.subscriptions.save(
          { ...sub, status: 'cancelled', cancelledAt: now, autoRenew: false, cancelAt: null },
          sub.version,
          {},
        ))
      ) {
        return err({ kind: 'conflict', what: 'subscription' });
      }
    }
    const customer = await tx.customers.findById(purchase.customerId);
    return ok({
      result: {
        orderId: purchase.orderId,
        productName: purchase.productName,
        customerName: customer?.companyName ?? purchase.customerId,
        credit: credit.credit,
        creditKind: credit.kind,
        currency: purchase.currency,
        keysRevoked: revoked.keys,
        linksRevoked: revoked.links,
      },
      audit: {
        customerId: purchase.customerId,
        subjectId: purchase.orderId,
        productId: purchase.productId,
        detail: {
          rule: window.value.rule,
          credit: credit.credit,
          creditKind: credit.kind,
          keysRevoked: revoked.keys,
          linksRevoked: revoked.links,
        },
      },
    });
  },
};

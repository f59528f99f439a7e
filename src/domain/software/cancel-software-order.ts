/**
 * Cancelling a software purchase (R-SWC-1..8, R-NCE-4, R-ROLE-4): one order at a time, chosen among the
 * customer's orders for the product; the card shows the days left in the window (or that it passed, with
 * the support-request route), asks for an acknowledgement, and the click re-checks everything, revokes
 * every key and link of the order in the same transaction, and records the credit.
 */
import { z } from 'zod';
import type { Executor } from '../confirmations/executor.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { CreditKind } from './software-cancel-rules.js';
import { err, ok } from '../shared/result.js';
import { checkCancellable, softwareCredit, SoftwareCancelPayloadSchema } from './software-cancel-rules.js';

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

/** What the click touches inside its transaction. */
export type CancelSoftwareOrderTx = Pick<Repositories, 'software' | 'subscriptions' | 'customers'>;

const AcknowledgementSchema = z.object({ acknowledged: z.union([z.literal(true), z.literal('true')]) });

export const softwareCancelExecutor: Executor<
  z.infer<typeof SoftwareCancelPayloadSchema>,
  SoftwareCancelResult,
  CancelSoftwareOrderTx
> = {
  action: 'software.cancel',
  payload: SoftwareCancelPayloadSchema,
  async execute(tx, _actor, payload, { now, input, pendingId }) {
    if (!AcknowledgementSchema.safeParse(input).success) {
      return err({ kind: 'refused', rule: 'R-SWC-4', reason: 'acknowledgement-required' });
    }
    const purchase = await tx.software.findPurchase(payload.orderId);
    if (!purchase) return err({ kind: 'not-found', what: 'order', ref: payload.orderId });
    const window = checkCancellable(purchase, now);
    if (!window.ok) return window;
    const credit = softwareCredit(purchase, now);
    const revoked = await tx.software.revokeOrder(purchase.orderId, now);
    const cancelled = await tx.software.cancelOrder(
      purchase.orderId,
      now,
      credit.credit,
      'cancelled by partner',
      pendingId,
    );
    if (cancelled === false) return err({ kind: 'conflict', what: 'order' });
    if (cancelled !== true) return err(cancelled);
    if (purchase.subscription && purchase.subscription.status !== 'cancelled') {
      const sub = await tx.subscriptions.findById(purchase.subscription.id);
      if (sub) {
        const saved = await tx.subscriptions.save(
          { ...sub, status: 'cancelled', cancelledAt: now, autoRenew: false, cancelAt: null },
          sub.version,
          {},
          pendingId,
        );
        if (saved === 'conflict') return err({ kind: 'conflict', what: 'subscription' });
        if (saved !== 'saved') return err(saved);
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

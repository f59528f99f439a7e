/**
 * Refund support requests (R-SUP-1): drafted pre-filled from what the bot knows (customer tenant and
 * domain, order or subscription, amount), completed by the user, validated, stored with a reference.
 */
import type { Executor } from '../confirmations/executor.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { NewSupportRequest } from '../ports/support-requests.js';
import type { SupportDraft, SupportReceipt } from './support-request.js';
import { err, ok } from '../shared/result.js';
import { SupportDraftSchema, SupportFieldsSchema, PROBLEM_TYPE } from './support-request.js';

/** What the click touches inside its transaction. */
export type SubmitSupportRequestTx = Pick<Repositories, 'customers' | 'supportRequests'>;

export const submitSupportRequestExecutor: Executor<SupportDraft, SupportReceipt, SubmitSupportRequestTx> = {
  action: 'support.request',
  payload: SupportDraftSchema,
  async execute(tx, actor, draft, { now, newId, input }) {
    const fields = SupportFieldsSchema.safeParse(input);
    if (!fields.success) {
      const field = String(fields.error.issues[0]?.path[0] ?? 'form');
      return err({ kind: 'invalid-input', field, reason: 'invalid' });
    }
    const customer = await tx.customers.findById(draft.customerId);
    if (!customer) return err({ kind: 'not-found', what: 'customer', ref: draft.customerId });
    const f = fields.data;
    // R-SUP-2: the user may lower the prefilled amount, never raise it above what is refundable.
    const max = draft.maxAmount ?? null;
    if (max !== null && f.amount !== undefined && f.amount > max)
      return err({ kind: 'invalid-input', field: 'amount', reason: 'invalid' });
    const requested = max !== null ? (f.amount ?? max) : draft.amount;
    const amount =
      requested !== null ? `${requested.toFixed(2)} ${draft.currency ?? ''}`.trim() : 'to be determined';
    const description = [
      `Customer tenant: ${customer.tenantId} (${customer.primaryDomain})`,
      ...(draft.orderId ? [`Order: ${draft.orderId}`] : []),
      ...(draft.subscriptionId ? [`Subscription: ${draft.subscriptionId}`] : []),
      `Refund reason: ${f.reason}`,
      `Amount requested: ${amount}`,
    ].join('\n');
    const reference = `SR-${newId()
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 10)
      .toUpperCase()}`;
    const request: NewSupportRequest = {
      id: newId(),
      reference,
      customerId: customer.id,
      orderId: draft.orderId,
      subscriptionId: draft.subscriptionId,
      problemType: PROBLEM_TYPE,
      impact: f.impact,
      title: f.title,
      description,
      reason: f.reason,
      amount: requested,
      currency: draft.currency,
      contactName: f.contactName,
      contactEmail: f.contactEmail,
      contactPhone: f.contactPhone,
      createdByAadObjectId: actor.aadObjectId ?? 'unknown',
      createdAt: now,
    };
    await tx.supportRequests.create(request);
    return ok({
      result: {
        reference,
        title: f.title,
        customerName: customer.companyName,
        orderId: draft.orderId,
        subscriptionId: draft.subscriptionId,
        impact: f.impact,
        description,
      },
      audit: {
        customerId: customer.id,
        subjectId: reference,
        detail: { orderId: draft.orderId, subscriptionId: draft.subscriptionId, impact: f.impact },
      },
    });
  },
};

/**
 * Refund support requests (R-SUP-1): drafted pre-filled from what the bot knows (customer tenant and
 * domain, order or subscription, amount), completed by the user, validated, stored with a reference.
 */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { type Executor } from '../confirmations/executor.js';
import type { DomainError } from '../shared/errors.js';
import { resolveCustomer } from '../customers/find-customers.js';
import type { Customer } from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import type { NewSupportRequest } from '../ports/support-requests.js';
import { err, ok, type Result } from '../shared/result.js';

export const PROBLEM_TYPE = 'CSP purchase/refund on behalf of customers';
export const IMPACTS = ['low', 'moderate', 'high', 'critical'] as const;

export const SupportDraftSchema = z.object({
  customerId: z.string().min(1).max(100),
  orderId: z.string().max(100).nullable(),
  subscriptionId: z.string().max(100).nullable(),
  amount: z.number().nullable(),
  currency: z.string().max(3).nullable(),
});
export type SupportDraft = z.infer<typeof SupportDraftSchema>;

export interface SupportForm extends SupportDraft {
  readonly pendingId: string;
  readonly expiresAt: string;
  readonly customerName: string;
  readonly tenantId: string;
  readonly primaryDomain: string;
  readonly suggestedTitle: string;
  readonly contactName: string;
}

/** What the user fills in; checked at submission. */
export const SupportFieldsSchema = z.object({
  reason: z.string().trim().min(3).max(1000),
  impact: z.enum(IMPACTS),
  title: z.string().trim().min(3).max(200),
  contactName: z.string().trim().min(1).max(200),
  contactEmail: z.string().trim().email().max(254),
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,24}$/),
});

export interface SupportReceipt {
  readonly reference: string;
  readonly title: string;
  readonly customerName: string;
  readonly orderId: string | null;
  readonly subscriptionId: string | null;
  readonly impact: string;
  readonly description: string;
}

/** `support request ORD-…` / `support request SUB-…` / `support request <customer>`: a pre-filled form. */
export async function startSupportRequest(
  deps: AllDeps,
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
    draft = {
      customerId: order.customerId,
      orderId: order.id,
      subscriptionId: null,
      amount: order.total,
      currency: order.currency,
    };
  } else if (/^sub-/i.test(ref)) {
    const sub = await deps.subscriptions.findById(ref);
    if (!sub) return err({ kind: 'not-found', what: 'subscription', ref });
    customer = await deps.customers.findById(sub.customerId);
    const order = await deps.orders.findById(sub.orderId);
    draft = {
      customerId: sub.customerId,
      orderId: sub.orderId,
      subscriptionId: sub.id,
      amount: order?.total ?? null,
      currency: order?.currency ?? null,
    };
  } else {
    const found = await resolveCustomer(deps.customers, ref);
    if (!found.ok) return found;
    customer = found.value;
    draft = { customerId: found.value.id, orderId: null, subscriptionId: null, amount: null, currency: null };
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

export const submitSupportRequestExecutor: Executor<SupportDraft, SupportReceipt> = {
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
    const amount =
      draft.amount !== null
        ? `${draft.amount.toFixed(2)} ${draft.currency ?? ''}`.trim()
        : 'to be determined';
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
      amount: draft.amount,
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

/** `support requests`: the most recent ones. */
export async function listSupportRequests(deps: AllDeps, actor: Actor) {
  const denied = await requireRole(deps, actor, 'support.request');
  if (denied) return denied;
  return ok(await deps.supportRequests.list(25));
}

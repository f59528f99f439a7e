/**
 * What a card button may send back. A button carries ids and choices only, never authority: the domain
 * checks the presser's own roles when it acts.
 */
import { z } from 'zod';
import { PendingIdSchema } from '../domain/confirmations/pending-action.js';
import { RoleSchema, ACTIONS, type Action } from '../domain/shared/roles.js';
import { BillingCycleSchema } from '../domain/shared/model.js';

export const VERBS = {
  customerSubscriptions: 'customer.subscriptions',
  customerOrders: 'customer.orders',
  staffGrantPick: 'staff.grant.pick',
  staffRevokePick: 'staff.revoke.pick',
  staffGrantConfirm: 'staff.grant.confirm',
  staffRevokeConfirm: 'staff.revoke.confirm',
  pendingDiscard: 'pending.discard',
  help: 'help.show',
  buyStart: 'cart.start',
  cartUpdate: 'cart.update',
  cartAdd: 'cart.add',
  cartRemove: 'cart.remove',
  cartPurchase: 'cart.purchase',
  suspendStart: 'subscription.suspend.start',
  reactivateStart: 'subscription.reactivate.start',
  cancelStart: 'subscription.cancel.start',
  autoRenewStart: 'subscription.autorenew.start',
  licensesStart: 'subscription.licenses.start',
  cancelReason: 'subscription.cancel.reason',
  suspendConfirm: 'subscription.suspend.confirm',
  reactivateConfirm: 'subscription.reactivate.confirm',
  cancelConfirm: 'subscription.cancel.confirm',
  autoRenewConfirm: 'subscription.autorenew.confirm',
  licensesConfirm: 'subscription.licenses.confirm',
  keyStart: 'software.key.start',
  keyConfirm: 'software.key.confirm',
  softwareCancelStart: 'software.cancel.start',
  softwareCancelConfirm: 'software.cancel.confirm',
  softwareList: 'software.list',
  supportStart: 'support.start',
  supportSubmit: 'support.submit',
  activityPage: 'activity.page',
  activityExport: 'activity.export',
  inviteStart: 'relationship.invite.start',
} as const;

/** Inputs a card sends back with its button: license counts and cycles of cart lines, free text. */
const inputs = {
  addProduct: z.string().max(200).optional(),
  reason: z.string().max(2000).optional(),
};
const cartInputs = z.record(z.string(), z.unknown());

const id = z.string().min(1).max(100);
const ref = z.string().min(1).max(300);
const ActionNameSchema = z.string().refine((value): value is Action => (ACTIONS as string[]).includes(value));

export const CardActionSchema = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal(VERBS.customerSubscriptions), customerId: id }),
  z.object({ verb: z.literal(VERBS.customerOrders), customerId: id }),
  z.object({ verb: z.literal(VERBS.staffGrantPick), aadObjectId: id, role: RoleSchema }),
  z.object({ verb: z.literal(VERBS.staffRevokePick), aadObjectId: id, role: RoleSchema }),
  z.object({ verb: z.literal(VERBS.staffGrantConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(VERBS.staffRevokeConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(VERBS.pendingDiscard), pendingId: PendingIdSchema, action: ActionNameSchema }),
  z.object({ verb: z.literal(VERBS.help) }),
  z.object({
    verb: z.literal(VERBS.buyStart),
    customer: id,
    product: id,
    quantity: z.number().int().optional(),
    billingCycle: BillingCycleSchema.optional(),
  }),
  z.object({ verb: z.literal(VERBS.cartUpdate), pendingId: PendingIdSchema }).passthrough(),
  z.object({ verb: z.literal(VERBS.cartPurchase), pendingId: PendingIdSchema }).passthrough(),
  z
    .object({ verb: z.literal(VERBS.cartAdd), pendingId: PendingIdSchema, addProduct: inputs.addProduct })
    .passthrough(),
  z.object({
    verb: z.literal(VERBS.cartRemove),
    pendingId: PendingIdSchema,
    index: z.number().int().min(0).max(20),
  }),
  z.object({ verb: z.literal(VERBS.suspendStart), ref: ref }),
  z.object({ verb: z.literal(VERBS.reactivateStart), ref: ref }),
  z.object({ verb: z.literal(VERBS.cancelStart), ref: ref }),
  z.object({ verb: z.literal(VERBS.autoRenewStart), ref: ref, autoRenew: z.boolean() }),
  z.object({ verb: z.literal(VERBS.licensesStart), ref: ref, quantity: z.number().int() }),
  z.object({ verb: z.literal(VERBS.cancelReason), subscriptionId: id, reason: inputs.reason }),
  z.object({ verb: z.literal(VERBS.suspendConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(VERBS.reactivateConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(VERBS.cancelConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(VERBS.autoRenewConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(VERBS.licensesConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(VERBS.keyStart), product: id, customer: z.string().max(100) }),
  z.object({ verb: z.literal(VERBS.keyConfirm), pendingId: PendingIdSchema }).passthrough(),
  z.object({ verb: z.literal(VERBS.softwareCancelStart), product: id, customer: z.string().max(100) }),
  z.object({ verb: z.literal(VERBS.softwareCancelConfirm), pendingId: PendingIdSchema }).passthrough(),
  z.object({ verb: z.literal(VERBS.softwareList), customer: id }),
  z.object({ verb: z.literal(VERBS.supportStart), ref: ref }),
  z.object({ verb: z.literal(VERBS.supportSubmit), pendingId: PendingIdSchema }).passthrough(),
  z.object({
    verb: z.literal(VERBS.activityPage),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
    customer: z.string().max(100).optional(),
    page: z.number().int().min(0).max(100_000),
  }),
  z.object({ verb: z.literal(VERBS.inviteStart), customer: id }),
  z.object({
    verb: z.literal(VERBS.activityExport),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
    customer: z.string().max(100).optional(),
  }),
]);

/** The form fields a card sent back, as strings (inputs arrive as strings in Teams and the Emulator). */
export function cardInputs(data: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names)
    if (name in data)
      out[name] = typeof data[name] === 'string' ? (data[name] as string).slice(0, 2000) : data[name];
  return out;
}

/** The license counts and cycles a cart card sends back (`quantity-0`, `cycle-0`, …), if any. */
export function cartLineInputs(
  data: Record<string, unknown>,
): Array<{ quantity: number; billingCycle: 'monthly' | 'annual' }> | 'invalid' | undefined {
  const parsed = cartInputs.safeParse(data);
  if (!parsed.success) return 'invalid';
  const lines: Array<{ quantity: number; billingCycle: 'monthly' | 'annual' }> = [];
  for (let i = 0; `quantity-${i}` in parsed.data || `cycle-${i}` in parsed.data; i++) {
    const quantityText = String(parsed.data[`quantity-${i}`] ?? '').trim();
    const cycle = BillingCycleSchema.safeParse(parsed.data[`cycle-${i}`]);
    if (!/^-?\d{1,9}$/.test(quantityText) || !cycle.success) return 'invalid';
    lines.push({ quantity: Number.parseInt(quantityText, 10), billingCycle: cycle.data });
  }
  return lines.length > 0 ? lines : undefined;
}
export type CardAction = z.infer<typeof CardActionSchema>;

/** Action.Execute puts the verb beside the data; Action.Submit puts it inside. Both end up here. */
export function parseCardAction(verb: unknown, data: unknown) {
  const body =
    data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return CardActionSchema.safeParse({ ...body, verb: typeof verb === 'string' ? verb : body.verb });
}

/**
 * What a card button may send back. A button carries ids and choices only, never authority: the domain
 * checks the presser's own roles when it acts.
 */
import { z } from 'zod';
import { PendingIdSchema } from '../domain/pending-action.js';
import { RoleSchema, ACTIONS, type Action } from '../domain/roles.js';

export const VERBS = {
  customerSubscriptions: 'customer.subscriptions',
  customerOrders: 'customer.orders',
  staffGrantPick: 'staff.grant.pick',
  staffRevokePick: 'staff.revoke.pick',
  staffGrantConfirm: 'staff.grant.confirm',
  staffRevokeConfirm: 'staff.revoke.confirm',
  pendingDiscard: 'pending.discard',
  help: 'help.show',
} as const;

const id = z.string().min(1).max(100);
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
]);
export type CardAction = z.infer<typeof CardActionSchema>;

/** Action.Execute puts the verb beside the data; Action.Submit puts it inside. Both end up here. */
export function parseCardAction(verb: unknown, data: unknown) {
  const body = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return CardActionSchema.safeParse({ ...body, verb: typeof verb === 'string' ? verb : body.verb });
}

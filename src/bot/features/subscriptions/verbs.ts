/** Changes to a subscription: each starts from a button and ends with its confirmation. */
import { z } from 'zod';
import { PendingIdSchema, id, ref } from '../../card-fields.js';

export const SUBSCRIPTION_VERBS = {
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
} as const;

export const SUBSCRIPTION_ACTIONS = [
  z.object({ verb: z.literal(SUBSCRIPTION_VERBS.suspendStart), ref: ref }),
  z.object({ verb: z.literal(SUBSCRIPTION_VERBS.reactivateStart), ref: ref }),
  z.object({ verb: z.literal(SUBSCRIPTION_VERBS.cancelStart), ref: ref }),
  z.object({ verb: z.literal(SUBSCRIPTION_VERBS.autoRenewStart), ref: ref, autoRenew: z.boolean() }),
  z.object({ verb: z.literal(SUBSCRIPTION_VERBS.licensesStart), ref: ref, quantity: z.number().int() }),
  z.object({
    verb: z.literal(SUBSCRIPTION_VERBS.cancelReason),
    subscriptionId: id,
    reason: z.string().max(2000).optional(),
  }),
  z.object({ verb: z.literal(SUBSCRIPTION_VERBS.suspendConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(SUBSCRIPTION_VERBS.reactivateConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(SUBSCRIPTION_VERBS.cancelConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(SUBSCRIPTION_VERBS.autoRenewConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(SUBSCRIPTION_VERBS.licensesConfirm), pendingId: PendingIdSchema }),
] as const;

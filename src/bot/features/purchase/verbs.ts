/** The cart: starting one, changing its lines, adding and removing, buying. */
import { z } from 'zod';
import { BillingCycleSchema } from '../../../domain/shared/model.js';
import { PendingIdSchema, id } from '../../card-fields.js';

export const PURCHASE_VERBS = {
  buyStart: 'cart.start',
  cartUpdate: 'cart.update',
  cartAdd: 'cart.add',
  cartRemove: 'cart.remove',
  cartPurchase: 'cart.purchase',
} as const;

export const PURCHASE_ACTIONS = [
  z.object({
    verb: z.literal(PURCHASE_VERBS.buyStart),
    customer: id,
    product: id,
    quantity: z.number().int().optional(),
    billingCycle: BillingCycleSchema.optional(),
  }),
  // The cart card sends its lines' inputs (`quantity-0`, `cycle-0`, …) beside the verb.
  z.object({ verb: z.literal(PURCHASE_VERBS.cartUpdate), pendingId: PendingIdSchema }).passthrough(),
  z.object({ verb: z.literal(PURCHASE_VERBS.cartPurchase), pendingId: PendingIdSchema }).passthrough(),
  z
    .object({
      verb: z.literal(PURCHASE_VERBS.cartAdd),
      pendingId: PendingIdSchema,
      addProduct: z.string().max(200).optional(),
    })
    .passthrough(),
  z.object({
    verb: z.literal(PURCHASE_VERBS.cartRemove),
    pendingId: PendingIdSchema,
    index: z.number().int().min(0).max(20),
  }),
] as const;

/**
 * Cart and checkout result (cart-resources.md). Checkout answers `{orders, orderErrors}`; the NCE doc
 * example shows a single Order instead (§4.6): both parse to the same `CheckoutResult`.
 */
import { z } from 'zod';
import { attributesSchema, linksSchema } from './link.js';
import { orderSchema, type Order } from './order.js';

export const cartLineItemSchema = z
  .object({
    id: z.number(),
    catalogItemId: z.string(),
    quantity: z.number(),
    billingCycle: z.string().optional(),
    termDuration: z.string().optional(),
    friendlyName: z.string().optional(),
    currencyCode: z.string().optional(),
    orderGroup: z.string().optional(),
    pricing: z.record(z.string(), z.unknown()).optional(),
    provisioningContext: z.record(z.string(), z.unknown()).optional(),
    error: z
      .object({
        errorCode: z.union([z.number(), z.string()]),
        errorDescription: z.string().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

export const cartSchema = z
  .object({
    id: z.string(),
    creationTimestamp: z.string().optional(),
    lastModifiedTimestamp: z.string().optional(),
    expirationTimestamp: z.string().optional(),
    lastModifiedUser: z.string().optional(),
    status: z.string().optional(),
    lineItems: z.array(cartLineItemSchema),
    links: linksSchema.optional(),
    attributes: attributesSchema.optional(),
  })
  .passthrough();

export type Cart = z.infer<typeof cartSchema>;

export const orderErrorSchema = z
  .object({
    orderGroupId: z.string().optional(),
    code: z.union([z.number(), z.string()]),
    description: z.string().optional(),
  })
  .passthrough();

export interface CheckoutResult {
  orders: Order[];
  orderErrors: Array<z.infer<typeof orderErrorSchema>>;
}

export const checkoutResultSchema: z.ZodType<CheckoutResult, z.ZodTypeDef, unknown> = z.union([
  z
    .object({
      orders: z.array(orderSchema).optional(),
      orderErrors: z.array(orderErrorSchema).optional(),
    })
    .passthrough()
    .refine((body) => body.orders !== undefined || body.orderErrors !== undefined)
    .transform((body) => ({ orders: body.orders ?? [], orderErrors: body.orderErrors ?? [] })),
  orderSchema.transform((order) => ({ orders: [order], orderErrors: [] })),
]);

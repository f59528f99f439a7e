/** Order with line items (order-resources.md). */
import { z } from 'zod';
import { attributesSchema, collectionSchema, linksSchema } from './link.js';

export const orderLineItemSchema = z
  .object({
    lineItemNumber: z.number(),
    offerId: z.string(),
    subscriptionId: z.string().nullable().optional(),
    termDuration: z.string().optional(),
    transactionType: z.string().optional(),
    friendlyName: z.string().optional(),
    quantity: z.number(),
    links: linksSchema.optional(),
  })
  .passthrough();

export const orderSchema = z
  .object({
    id: z.string(),
    alternateId: z.string().optional(),
    referenceCustomerId: z.string().optional(),
    billingCycle: z.string().optional(),
    currencyCode: z.string().optional(),
    currencySymbol: z.string().optional(),
    creationDate: z.string().optional(),
    status: z.string().optional(),
    transactionType: z.string().optional(),
    lineItems: z.array(orderLineItemSchema),
    links: linksSchema.optional(),
    attributes: attributesSchema.optional(),
  })
  .passthrough();

export type Order = z.infer<typeof orderSchema>;
export type OrderLineItem = z.infer<typeof orderLineItemSchema>;

export const orderCollectionSchema = collectionSchema(orderSchema);

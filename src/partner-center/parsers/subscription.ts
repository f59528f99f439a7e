/**
 * Subscription (subscription-resources.md): legacy, new commerce (NCE) and software. Lenient where the
 * contract says UNCLEAR (§4): `refundOptions[].expiresAt` or `expiresAfter`, optional `refundableQuantity`,
 * `cancellationAllowedUntilDate`, `commitmentEndDate` and `attributes.etag`.
 */
import { z } from 'zod';
import { camelizeKeys } from './camelize.js';
import { attributesSchema, collectionSchema, linksSchema } from './link.js';

export const refundOptionSchema = z
  .object({
    type: z.string(),
    expiresAt: z.string().optional(),
    expiresAfter: z.string().optional(),
  })
  .passthrough();

export const refundableQuantitySchema = z
  .object({
    totalQuantity: z.number(),
    details: z
      .array(z.object({ quantity: z.number(), allowedUntilDateTime: z.string() }).passthrough())
      .optional(),
  })
  .passthrough();

const subscriptionObjectSchema = z
  .object({
    id: z.string(),
    offerId: z.string().optional(),
    offerName: z.string().optional(),
    friendlyName: z.string().optional(),
    quantity: z.number(),
    unitType: z.string().optional(),
    status: z.string(),
    autoRenewEnabled: z.boolean().optional(),
    billingCycle: z.string().optional(),
    termDuration: z.string().optional(),
    creationDate: z.string().optional(),
    effectiveStartDate: z.string().optional(),
    commitmentEndDate: z.string().optional(),
    commitmentEndDateTime: z.string().optional(),
    cancellationAllowedUntilDate: z.string().optional(),
    refundOptions: z.array(refundOptionSchema).optional(),
    refundableQuantity: refundableQuantitySchema.optional(),
    isTrial: z.boolean().optional(),
    productType: z.object({ id: z.string() }).passthrough().optional(),
    actions: z.array(z.string()).optional(),
    suspensionReasons: z.array(z.string()).optional(),
    parentSubscriptionId: z.string().nullable().optional(),
    orderId: z.string().nullable().optional(),
    links: linksSchema.optional(),
    attributes: attributesSchema.optional(),
  })
  .passthrough();

export const subscriptionSchema = z.preprocess(camelizeKeys, subscriptionObjectSchema);

export type Subscription = z.infer<typeof subscriptionObjectSchema>;

export const subscriptionCollectionSchema = collectionSchema(subscriptionSchema);

/** The instant a refund option expires, whichever of the two documented names carries it. */
export const readRefundExpiry = (option: z.infer<typeof refundOptionSchema>): string | null =>
  option.expiresAt ?? option.expiresAfter ?? null;

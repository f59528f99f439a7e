/** Catalog: product → SKU → availability (product-resources.md). `catalogItemId` = `product:sku:availability`. */
import { z } from 'zod';
import { attributesSchema, collectionSchema, linksSchema } from './link.js';

export const productSchema = z
  .object({
    id: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    productType: z.object({ id: z.string() }).passthrough().optional(),
    links: linksSchema.optional(),
    attributes: attributesSchema.optional(),
  })
  .passthrough();

export const skuSchema = z
  .object({
    id: z.string(),
    productId: z.string().optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    minimumQuantity: z.number().optional(),
    maximumQuantity: z.number().optional(),
    isTrial: z.boolean().optional(),
    supportedBillingCycles: z.array(z.string()).optional(),
    links: linksSchema.optional(),
    attributes: attributesSchema.optional(),
  })
  .passthrough();

export const availabilitySchema = z
  .object({
    id: z.string(),
    productId: z.string().optional(),
    skuId: z.string().optional(),
    catalogItemId: z.string(),
    segment: z.string().optional(),
    country: z.string().optional(),
    isPurchasable: z.boolean().optional(),
    isRenewable: z.boolean().optional(),
    terms: z
      .array(
        z
          .object({
            id: z.string().optional(),
            duration: z.string().optional(),
            description: z.string().optional(),
            billingCycle: z.string().optional(),
            cancellationPolicies: z
              .array(
                z
                  .object({
                    refundOptions: z
                      .array(
                        z
                          .object({
                            sequenceId: z.number().optional(),
                            type: z.string(),
                            expiresAfter: z.string().optional(),
                          })
                          .passthrough(),
                      )
                      .optional(),
                  })
                  .passthrough(),
              )
              .optional(),
          })
          .passthrough(),
      )
      .optional(),
    links: linksSchema.optional(),
    attributes: attributesSchema.optional(),
  })
  .passthrough();

export type Product = z.infer<typeof productSchema>;
export type Sku = z.infer<typeof skuSchema>;
export type Availability = z.infer<typeof availabilitySchema>;

export const productCollectionSchema = collectionSchema(productSchema);
export const skuCollectionSchema = collectionSchema(skuSchema);
export const availabilityCollectionSchema = collectionSchema(availabilitySchema);
/** The doc shows one availability as a single object; accept it as a one-item collection. */
export const availabilitiesSchema = z.union([
  availabilityCollectionSchema,
  availabilitySchema.transform((item) => ({ items: [item] })),
]);

/** Customer (customer-resources.md); `id` is the customer's tenant id. */
import { z } from 'zod';
import { attributesSchema, collectionSchema, linksSchema } from './link.js';

export const customerSchema = z
  .object({
    id: z.string(),
    commerceId: z.string().optional(),
    companyProfile: z
      .object({
        tenantId: z.string().optional(),
        domain: z.string().optional(),
        companyName: z.string().optional(),
        email: z.string().optional(),
      })
      .passthrough()
      .optional(),
    billingProfile: z
      .object({
        culture: z.string().optional(),
        language: z.string().optional(),
        companyName: z.string().optional(),
        defaultAddress: z.object({ country: z.string().optional() }).passthrough().optional(),
        attributes: attributesSchema.optional(),
      })
      .passthrough()
      .optional(),
    relationshipToPartner: z.string().optional(),
    allowDelegatedAccess: z.boolean().optional(),
    customDomains: z.array(z.string()).optional(),
    links: linksSchema.optional(),
    attributes: attributesSchema.optional(),
  })
  .passthrough();

export type Customer = z.infer<typeof customerSchema>;

export const customerCollectionSchema = collectionSchema(customerSchema);

/** Entitlements (entitlement-resources.md). Software entitlements carry no keys or download links. */
import { z } from 'zod';
import { attributesSchema, collectionSchema } from './link.js';

export const entitlementSchema = z
  .object({
    referenceOrder: z
      .object({ id: z.string().optional(), lineItemId: z.union([z.string(), z.number()]).optional() })
      .passthrough()
      .optional(),
    productId: z.string().optional(),
    skuId: z.string().optional(),
    quantity: z.number().optional(),
    entitlementType: z.string().optional(),
    expiryDate: z.string().nullable().optional(),
    entitledArtifacts: z
      .array(z.object({ artifactType: z.string().optional(), link: z.unknown().optional() }).passthrough())
      .optional(),
    attributes: attributesSchema.optional(),
  })
  .passthrough();

export type Entitlement = z.infer<typeof entitlementSchema>;

export const entitlementCollectionSchema = collectionSchema(entitlementSchema);

/** Reserved-instance artifact details (the link of an entitlement's artifact); not used by the bot yet. */
export const reservedInstanceArtifactSchema = z
  .object({
    type: z.string(),
    virtualMachineReservations: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .passthrough();

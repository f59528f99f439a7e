/** Audit records (auditing-resources.md). `resourceOldValue`/`resourceNewValue` are JSON as a string. */
import { z } from 'zod';
import { attributesSchema, collectionSchema } from './link.js';

export const auditRecordSchema = z
  .object({
    id: z.string().optional(),
    partnerId: z.string().optional(),
    customerId: z.string().nullable().optional(),
    customerName: z.string().nullable().optional(),
    userPrincipalName: z.string().nullable().optional(),
    applicationId: z.string().nullable().optional(),
    resourceType: z.string(),
    operationType: z.string(),
    operationDate: z.string(),
    operationStatus: z.string().optional(),
    originalCorrelationId: z.string().nullable().optional(),
    resourceOldValue: z.string().nullable().optional(),
    resourceNewValue: z.string().nullable().optional(),
    customizedData: z
      .array(z.object({ key: z.string(), value: z.string().nullable() }).passthrough())
      .optional(),
    attributes: attributesSchema.optional(),
  })
  .passthrough();

export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const auditRecordCollectionSchema = collectionSchema(auditRecordSchema);

/** Decodes the JSON string of `resourceNewValue`/`resourceOldValue`; null when absent or not JSON. */
export const readResourceValue = (text: string | null | undefined): unknown => {
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

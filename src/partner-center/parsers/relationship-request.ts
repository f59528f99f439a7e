/** Reseller relationship request (request-reseller-relationship.md): the invitation URL. */
import { z } from 'zod';
import { attributesSchema } from './link.js';

export const relationshipRequestSchema = z
  .object({ url: z.string(), attributes: attributesSchema.optional() })
  .passthrough();

export type RelationshipRequest = z.infer<typeof relationshipRequestSchema>;

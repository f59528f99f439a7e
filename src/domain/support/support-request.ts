/**
 * Refund support requests (R-SUP-1): drafted pre-filled from what the bot knows (customer tenant and
 * domain, order or subscription, amount), completed by the user, validated, stored with a reference.
 */
import { z } from 'zod';

export const PROBLEM_TYPE = 'CSP purchase/refund on behalf of customers';
export const IMPACTS = ['low', 'moderate', 'high', 'critical'] as const;

export const SupportDraftSchema = z.object({
  customerId: z.string().min(1).max(100),
  orderId: z.string().max(100).nullable(),
  subscriptionId: z.string().max(100).nullable(),
  amount: z.number().nullable(),
  /** R-SUP-2: the most that may be requested (charged less credited); the user may ask for less. */
  maxAmount: z.number().nullable().optional(),
  currency: z.string().max(3).nullable(),
});
export type SupportDraft = z.infer<typeof SupportDraftSchema>;

export interface SupportForm extends SupportDraft {
  readonly pendingId: string;
  readonly expiresAt: string;
  readonly customerName: string;
  readonly tenantId: string;
  readonly primaryDomain: string;
  readonly suggestedTitle: string;
  readonly contactName: string;
}

/** What the user fills in; checked at submission. */
export const SupportFieldsSchema = z.object({
  reason: z.string().trim().min(3).max(1000),
  impact: z.enum(IMPACTS),
  title: z.string().trim().min(3).max(200),
  contactName: z.string().trim().min(1).max(200),
  contactEmail: z.string().trim().email().max(254),
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{5,24}$/),
  /** R-SUP-2: the amount requested, when the form offers one (at most what is refundable). */
  amount: z.coerce.number().positive().multipleOf(0.01).optional(),
});

export interface SupportReceipt {
  readonly reference: string;
  readonly title: string;
  readonly customerName: string;
  readonly orderId: string | null;
  readonly subscriptionId: string | null;
  readonly impact: string;
  readonly description: string;
}

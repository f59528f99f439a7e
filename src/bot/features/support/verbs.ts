/** The support form: opening it for an order, subscription or customer; submitting it. */
import { z } from 'zod';
import { PendingIdSchema, ref } from '../../card-fields.js';

export const SUPPORT_VERBS = {
  supportStart: 'support.start',
  supportSubmit: 'support.submit',
} as const;

export const SUPPORT_ACTIONS = [
  z.object({ verb: z.literal(SUPPORT_VERBS.supportStart), ref: ref }),
  // The form's fields arrive beside the verb.
  z.object({ verb: z.literal(SUPPORT_VERBS.supportSubmit), pendingId: PendingIdSchema }).passthrough(),
] as const;

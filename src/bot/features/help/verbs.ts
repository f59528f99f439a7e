/** The help button and the Cancel button of every preview (its pending action discarded). */
import { z } from 'zod';
import { ACTIONS, type Action } from '../../../domain/shared/roles.js';
import { PendingIdSchema } from '../../card-fields.js';

export const HELP_VERBS = {
  help: 'help.show',
  pendingDiscard: 'pending.discard',
} as const;

const ActionNameSchema = z.string().refine((value): value is Action => (ACTIONS as string[]).includes(value));

export const HELP_ACTIONS = [
  z.object({
    verb: z.literal(HELP_VERBS.pendingDiscard),
    pendingId: PendingIdSchema,
    action: ActionNameSchema,
  }),
  z.object({ verb: z.literal(HELP_VERBS.help) }),
] as const;

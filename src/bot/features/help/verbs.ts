/** The help button and the Cancel button of every preview (its pending action discarded). */
import { z } from 'zod';
import { ACTIONS, type Action } from '../../../domain/shared/roles.js';
import { PendingIdSchema } from '../../card-fields.js';

export const HELP_VERBS = {
  help: 'help.show',
  run: 'help.run',
  pendingDiscard: 'pending.discard',
} as const;

/** Commands the help card offers as buttons: complete without an argument. */
export const HELP_BUTTON_COMMANDS = ['whoami', 'staff', 'reminders', 'support-list', 'activity'] as const;

const ActionNameSchema = z.string().refine((value): value is Action => (ACTIONS as string[]).includes(value));

export const HELP_ACTIONS = [
  z.object({
    verb: z.literal(HELP_VERBS.pendingDiscard),
    pendingId: PendingIdSchema,
    action: ActionNameSchema,
  }),
  z.object({ verb: z.literal(HELP_VERBS.help) }),
  // The help card's buttons: the common next steps that need nothing more (the roles are checked as typed).
  z.object({ verb: z.literal(HELP_VERBS.run), command: z.enum(HELP_BUTTON_COMMANDS) }),
] as const;

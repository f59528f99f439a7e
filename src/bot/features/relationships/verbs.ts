/** The reseller invitation of a customer. */
import { z } from 'zod';
import { id } from '../../card-fields.js';

export const RELATIONSHIP_VERBS = {
  inviteStart: 'relationship.invite.start',
} as const;

export const RELATIONSHIP_ACTIONS = [
  z.object({ verb: z.literal(RELATIONSHIP_VERBS.inviteStart), customer: id }),
] as const;

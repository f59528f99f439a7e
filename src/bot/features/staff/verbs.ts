/** Role changes: picking a person among candidates, confirming a grant or a revocation. */
import { z } from 'zod';
import { RoleSchema } from '../../../domain/shared/roles.js';
import { PendingIdSchema, id } from '../../card-fields.js';

export const STAFF_VERBS = {
  staffGrantPick: 'staff.grant.pick',
  staffRevokePick: 'staff.revoke.pick',
  staffGrantConfirm: 'staff.grant.confirm',
  staffRevokeConfirm: 'staff.revoke.confirm',
} as const;

export const STAFF_ACTIONS = [
  z.object({ verb: z.literal(STAFF_VERBS.staffGrantPick), aadObjectId: id, role: RoleSchema }),
  z.object({ verb: z.literal(STAFF_VERBS.staffRevokePick), aadObjectId: id, role: RoleSchema }),
  z.object({ verb: z.literal(STAFF_VERBS.staffGrantConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(STAFF_VERBS.staffRevokeConfirm), pendingId: PendingIdSchema }),
] as const;

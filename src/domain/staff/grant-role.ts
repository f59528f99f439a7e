/** Granting a staff role from chat (R-ROLE-8), through the confirmation protocol. */
import type { Actor } from '../shared/actor.js';
import type { Executor } from '../confirmations/executor.js';
import type { Role } from '../shared/roles.js';
import type { RoleChange, RoleChangeResult, RoleChangeTx, PreviewRoleChangeDeps } from './role-change.js';
import type { KnownPerson } from './role-change.js';
import { previewRoleChange, RoleChangeSchema } from './role-change.js';
import { err, ok } from '../shared/result.js';

export type GrantRoleDeps = PreviewRoleChangeDeps;

export const previewGrantRole = (
  deps: GrantRoleDeps,
  actor: Actor,
  command: { person: string; role: Role; people?: readonly KnownPerson[] },
) => previewRoleChange(deps, actor, 'grant', command);

export const grantRoleExecutor: Executor<RoleChange, RoleChangeResult, RoleChangeTx> = {
  action: 'staff.grant',
  payload: RoleChangeSchema,
  async execute(tx, actor, payload) {
    const roles = await tx.staff.grant(payload.aadObjectId, payload.role, {
      displayName: payload.displayName,
      grantedBy: actor.aadObjectId,
    });
    if (!roles) return err({ kind: 'no-change', reason: 'role-already-held' });
    return ok({
      result: {
        change: 'grant',
        aadObjectId: payload.aadObjectId,
        displayName: payload.displayName,
        role: payload.role,
        roles,
      },
      audit: { subjectId: payload.aadObjectId, detail: { role: payload.role, change: 'grant' } },
    });
  },
};

/** Revoking a staff role from chat (R-ROLE-8), never the last global admin's. */
import type { Actor } from '../shared/actor.js';
import type { Executor } from '../confirmations/executor.js';
import type { Role } from '../shared/roles.js';
import type { RoleChange, RoleChangeResult, RoleChangeTx, PreviewRoleChangeDeps } from './role-change.js';
import type { KnownPerson } from './role-change.js';
import { previewRoleChange, RoleChangeSchema } from './role-change.js';
import { err, ok } from '../shared/result.js';

export type RevokeRoleDeps = PreviewRoleChangeDeps;

export const previewRevokeRole = (
  deps: RevokeRoleDeps,
  actor: Actor,
  command: { person: string; role: Role; people?: readonly KnownPerson[] },
) => previewRoleChange(deps, actor, 'revoke', command);

export const revokeRoleExecutor: Executor<RoleChange, RoleChangeResult, RoleChangeTx> = {
  action: 'staff.revoke',
  payload: RoleChangeSchema,
  async execute(tx, _actor, payload) {
    const removed = await tx.staff.revoke(payload.aadObjectId, payload.role);
    if (removed === 'last-global-admin') {
      return err({ kind: 'invalid-state', what: 'role', status: 'last-global-admin', attempted: 'revoke' });
    }
    if (!removed) return err({ kind: 'no-change', reason: 'role-not-held' });
    const roles = await tx.staff.rolesOf(payload.aadObjectId);
    return ok({
      result: {
        change: 'revoke',
        aadObjectId: payload.aadObjectId,
        displayName: payload.displayName,
        role: payload.role,
        roles,
      },
      audit: { subjectId: payload.aadObjectId, detail: { role: payload.role, change: 'revoke' } },
    });
  },
};

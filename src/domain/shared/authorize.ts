/**
 * The role check every use case starts with (R-ROLE-9, R-ROLE-10): before any lookup, and recorded in the
 * audit log when it refuses.
 */
import type { Actor } from './actor.js';
import type { DomainError } from './errors.js';
import type { AuditLog } from '../ports/audit.js';
import type { Clock } from './time.js';
import { err, type Err } from './result.js';
import { can, rolesAllowedTo, type Action } from './roles.js';

export interface RequireRoleDeps {
  readonly clock: Clock;
  readonly audit: AuditLog;
}

/** Undefined when the actor may act; otherwise the refusal, already audited. */
export async function requireRole(
  deps: RequireRoleDeps,
  actor: Actor,
  action: Action,
): Promise<Err<DomainError> | undefined> {
  if (can(actor.roles, action)) return undefined;
  await deps.audit.record({
    at: deps.clock.now(),
    actorAadObjectId: actor.aadObjectId,
    action,
    outcome: 'denied',
    detail: { roles: [...actor.roles] },
  });
  if (actor.roles.length === 0) return err({ kind: 'no-role' });
  return err({ kind: 'forbidden', action, allowedRoles: rolesAllowedTo(action) });
}

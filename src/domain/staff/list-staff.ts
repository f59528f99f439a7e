/** `staff`: everyone known to the bot with their roles (global admins). */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Staff } from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import { requireRole } from '../shared/authorize.js';
import { ok } from '../shared/result.js';

export type ListStaffDeps = Pick<AllDeps, 'clock' | 'audit' | 'staff'>;

export async function listStaff(deps: ListStaffDeps, actor: Actor): Promise<Result<Staff[], DomainError>> {
  const denied = await requireRole(deps, actor, 'staff.grant');
  if (denied) return denied;
  return ok(await deps.staff.list());
}

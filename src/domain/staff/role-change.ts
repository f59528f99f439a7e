/** What granting and revoking a staff role share (R-ROLE-8): the change, finding the person, the preview. */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { StaffRepository } from '../ports/staff.js';
import type { Staff } from '../shared/model.js';
import type { Role } from '../shared/roles.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { err, ok } from '../shared/result.js';
import { RoleSchema } from '../shared/roles.js';

export type PreviewRoleChangeDeps = Pick<AllDeps, 'clock' | 'audit' | 'pending' | 'newId' | 'staff'>;

/** What the click touches inside its transaction. */
export type RoleChangeTx = Pick<Repositories, 'staff'>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RoleChangeSchema = z.object({
  aadObjectId: z.string().min(1).max(100),
  displayName: z.string().max(200),
  role: RoleSchema,
});
export type RoleChange = z.infer<typeof RoleChangeSchema>;

export interface RoleChangePreview {
  readonly pendingId: string;
  readonly change: 'grant' | 'revoke';
  readonly person: Pick<Staff, 'aadObjectId' | 'displayName' | 'roles'>;
  readonly role: Role;
  readonly expiresAt: string;
}

export interface RoleChangeResult {
  readonly change: 'grant' | 'revoke';
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly role: Role;
  readonly roles: readonly Role[];
}

/**
 * People the speaker can name who need not be staff yet: those @mentioned in the message (Teams mention
 * entities carry their Entra object id) and the members of the chat or team it was said in (its roster).
 */
export interface KnownPerson {
  readonly aadObjectId: string;
  readonly displayName: string;
}

const asStaff = (p: KnownPerson): Staff => ({
  aadObjectId: p.aadObjectId.toLowerCase(),
  displayName: p.displayName,
  roles: [],
  locale: null,
  timeZone: null,
});

/** Finds the one person meant by a name, e-mail or object id: staff first, then the people named nearby. */
export async function resolveStaff(
  staff: StaffRepository,
  query: string,
  people: readonly KnownPerson[] = [],
): Promise<Result<Staff, DomainError>> {
  const q = query.trim();
  if (!q) return err({ kind: 'invalid-input', field: 'person', reason: 'empty' });
  if (GUID.test(q)) {
    const found = await staff.find(q.toLowerCase());
    const known = people.find((p) => p.aadObjectId.toLowerCase() === q.toLowerCase());
    return found ? ok(found) : ok(asStaff(known ?? { aadObjectId: q, displayName: q }));
  }
  const staffMatches = await staff.search(q);
  const needle = q.toLowerCase();
  const nearby = people
    .filter((p) => GUID.test(p.aadObjectId) && p.displayName.toLowerCase().includes(needle))
    .filter((p) => !staffMatches.some((s) => s.aadObjectId === p.aadObjectId.toLowerCase()))
    .map(asStaff);
  const matches = [...staffMatches, ...nearby];
  const exact = matches.filter((s) => s.displayName.toLowerCase() === q.toLowerCase());
  const chosen = exact.length === 1 ? exact : matches;
  if (chosen.length === 0) return err({ kind: 'not-found', what: 'staff', ref: q });
  if (chosen.length > 1) {
    return err({
      kind: 'ambiguous',
      what: 'staff',
      ref: q,
      candidates: chosen.map((s) => ({
        id: s.aadObjectId,
        label: s.displayName,
        detail: s.roles.join(', '),
      })),
    });
  }
  return ok(chosen[0]!);
}

export async function previewRoleChange(
  deps: PreviewRoleChangeDeps,
  actor: Actor,
  change: 'grant' | 'revoke',
  command: { person: string; role: Role; people?: readonly KnownPerson[] },
): Promise<Result<RoleChangePreview, DomainError>> {
  const action = change === 'grant' ? 'staff.grant' : 'staff.revoke';
  const denied = await requireRole(deps, actor, action);
  if (denied) return denied;
  const person = await resolveStaff(deps.staff, command.person, command.people);
  if (!person.ok) return person;
  const holds = person.value.roles.includes(command.role);
  if (change === 'grant' && holds) return err({ kind: 'no-change', reason: 'role-already-held' });
  if (change === 'revoke' && !holds) return err({ kind: 'no-change', reason: 'role-not-held' });
  const pending = await createPendingAction<RoleChange>(deps, actor, action, {
    aadObjectId: person.value.aadObjectId,
    displayName: person.value.displayName,
    role: command.role,
  });
  return ok({
    pendingId: pending.id,
    change,
    person: {
      aadObjectId: person.value.aadObjectId,
      displayName: person.value.displayName,
      roles: person.value.roles,
    },
    role: command.role,
    expiresAt: pending.expiresAt.toISOString(),
  });
}

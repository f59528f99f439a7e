/**
 * The first global admin, from configuration (BOOTSTRAP_GLOBAL_ADMIN): granted at start-up when not held
 * yet, with an audit entry, so that someone can grant the other roles from chat (R-ROLE-8).
 */
import type { Clock } from '../shared/time.js';
import type { UnitOfWork, Repositories } from '../ports/unit-of-work.js';

export interface BootstrapGlobalAdminDeps {
  readonly clock: Clock;
  readonly uow: UnitOfWork<Pick<Repositories, 'staff' | 'audit'>>;
}

/** True when the role was granted now; false when they already held it. */
export async function bootstrapGlobalAdmin(
  deps: BootstrapGlobalAdminDeps,
  admin: { aadObjectId: string; displayName: string },
): Promise<boolean> {
  const { aadObjectId, displayName } = admin;
  return deps.uow.run(async (tx) => {
    const granted =
      (await tx.staff.grant(aadObjectId, 'global-admin', { displayName, grantedBy: null })) !== null;
    if (granted) {
      await tx.audit.record({
        at: deps.clock.now(),
        actorAadObjectId: null,
        action: 'staff.grant',
        outcome: 'allowed',
        subjectId: aadObjectId,
        detail: { role: 'global-admin', via: 'BOOTSTRAP_GLOBAL_ADMIN' },
      });
    }
    return granted;
  });
}

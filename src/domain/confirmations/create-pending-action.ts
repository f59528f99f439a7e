/** Step 1 of the confirmation protocol: a preview stores what the Confirm button will carry out. */
import type { Actor } from '../shared/actor.js';
import type { Action } from '../shared/roles.js';
import type { PendingAction } from './pending-action.js';
import type { Clock } from '../shared/time.js';
import type { PendingActionRepository } from '../ports/pending-actions.js';
import { PENDING_ACTION_TTL_MINUTES } from './pending-action.js';

export interface CreatePendingActionDeps {
  readonly clock: Clock;
  readonly pending: PendingActionRepository;
  readonly newId: () => string;
}

/** Stores a preview as a pending action and returns it. */
export async function createPendingAction<P>(
  deps: CreatePendingActionDeps,
  actor: Actor,
  action: Action,
  payload: P,
): Promise<PendingAction<P>> {
  const now = deps.clock.now();
  if (!actor.aadObjectId) throw new Error('an actor without an id cannot start an action');
  return deps.pending.create<P>({
    id: deps.newId(),
    action,
    initiatorAadObjectId: actor.aadObjectId,
    payload,
    createdAt: now,
    expiresAt: now.add(PENDING_ACTION_TTL_MINUTES, 'minute'),
  });
}

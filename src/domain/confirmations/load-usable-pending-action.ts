/** The checks before a pending action is used or discarded: it exists, it is the presser's, still open. */
import type { Actor } from '../shared/actor.js';
import type { Action } from '../shared/roles.js';
import type { PendingAction } from './pending-action.js';
import type { Clock } from '../shared/time.js';
import type { PendingActionRepository } from '../ports/pending-actions.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import { err, ok } from '../shared/result.js';

export interface LoadUsablePendingActionDeps {
  readonly clock: Clock;
  readonly pending: PendingActionRepository;
}

export async function loadUsablePendingAction(
  deps: LoadUsablePendingActionDeps,
  actor: Actor,
  action: Action,
  pendingId: string,
): Promise<Result<PendingAction, DomainError>> {
  const pending = await deps.pending.find(pendingId);
  if (!pending || pending.action !== action)
    return err({ kind: 'not-found', what: 'pending-action', ref: pendingId });
  if (pending.initiatorAadObjectId !== actor.aadObjectId) return err({ kind: 'not-initiator' });
  if (pending.status === 'done') return err({ kind: 'already-done', previous: pending.result });
  if (pending.status === 'discarded') return err({ kind: 'discarded' });
  if (!deps.clock.now().isBefore(pending.expiresAt)) return err({ kind: 'expired', what: 'pending-action' });
  return ok(pending);
}

/** The "Cancel" button of a preview. */
import type { Actor } from '../shared/actor.js';
import type { Action } from '../shared/roles.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import { err, ok } from '../shared/result.js';
import { loadUsablePendingAction, type LoadUsablePendingActionDeps } from './load-usable-pending-action.js';

export type DiscardPendingActionDeps = LoadUsablePendingActionDeps;

/** The "Cancel" button of a preview: only its initiator may discard it. */
export async function discardPendingAction(
  deps: DiscardPendingActionDeps,
  actor: Actor,
  action: Action,
  pendingId: string,
): Promise<Result<{ discarded: true }, DomainError>> {
  const usable = await loadUsablePendingAction(deps, actor, action, pendingId);
  if (!usable.ok) return usable;
  if (!(await deps.pending.discard(pendingId, deps.clock.now()))) {
    const again = await deps.pending.find(pendingId);
    return err(
      again?.status === 'done' ? { kind: 'already-done', previous: again.result } : { kind: 'discarded' },
    );
  }
  return ok({ discarded: true });
}

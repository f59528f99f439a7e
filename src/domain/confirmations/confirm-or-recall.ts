/**
 * Pressing Confirm as the people see it: the result, or the first result again for a repeated press
 * (`again`, so the card can say it was already done). Other failures stay failures.
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Executor } from './executor.js';
import { ok } from '../shared/result.js';
import { confirmPendingAction, type ConfirmPendingActionDeps } from './confirm-pending-action.js';

export type ConfirmOrRecallDeps = ConfirmPendingActionDeps;

export interface Recalled<R> {
  readonly result: R;
  /** True when this press repeated one already done: `result` is the first press's. */
  readonly again: boolean;
}

export async function confirmOrRecall<P, R>(
  deps: ConfirmOrRecallDeps,
  actor: Actor,
  executor: Executor<P, R>,
  pendingId: string,
  input: Readonly<Record<string, unknown>> = {},
): Promise<Result<Recalled<R>, DomainError>> {
  const confirmed = await confirmPendingAction(deps, actor, executor, pendingId, input);
  if (confirmed.ok) return ok({ result: confirmed.value.result, again: false });
  if (confirmed.error.kind === 'already-done' && confirmed.error.previous)
    return ok({ result: confirmed.error.previous as R, again: true });
  return confirmed;
}

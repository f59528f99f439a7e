/**
 * Confirming a key request (R-KEY-*): issues the key (or finds the one a repeated press issued) and opens
 * it for the person who asked, recording the view.
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Executor } from '../confirmations/executor.js';
import { ok } from '../shared/result.js';
import { confirmOrRecall, type ConfirmOrRecallDeps } from '../confirmations/confirm-or-recall.js';
import { issueKeyExecutor, type IssuedKey } from './issue-key.js';
import { revealKey, type RevealedKey, type RevealKeyDeps } from './reveal-key.js';

export type IssueAndRevealKeyDeps = ConfirmOrRecallDeps & RevealKeyDeps;

export interface KeyShown {
  readonly key: RevealedKey;
  /** True for a repeated press: the key issued by the first one. */
  readonly again: boolean;
}

export async function issueAndRevealKey(
  deps: IssueAndRevealKeyDeps,
  actor: Actor,
  pendingId: string,
  input: Readonly<Record<string, unknown>>,
): Promise<Result<KeyShown, DomainError>> {
  const executor = issueKeyExecutor as Executor<unknown, IssuedKey>;
  const issued = await confirmOrRecall(deps, actor, executor, pendingId, input);
  if (!issued.ok) return issued;
  const revealed = await revealKey(deps, actor, issued.value.result, issued.value.again);
  return revealed.ok ? ok({ key: revealed.value, again: issued.value.again }) : revealed;
}

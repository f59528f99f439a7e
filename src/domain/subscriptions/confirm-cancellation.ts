/**
 * "Yes, cancel" (R-CAN-5): cancels as previewed, or, when the window closed between preview and press
 * (effect-changed), a fresh preview of what applies now, as a new confirmation.
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Executor } from '../confirmations/executor.js';
import { ok } from '../shared/result.js';
import {
  confirmOrRecall,
  type ConfirmOrRecallDeps,
  type Recalled,
} from '../confirmations/confirm-or-recall.js';
import { cancelExecutor, type CancelResult } from './cancel-subscription.js';
import {
  previewCancellation,
  type CancelPreview,
  type PreviewCancellationDeps,
} from './preview-cancellation.js';

export type ConfirmCancellationDeps = ConfirmOrRecallDeps & PreviewCancellationDeps;

export type CancellationOutcome =
  | ({ readonly kind: 'cancelled' } & Recalled<CancelResult>)
  | { readonly kind: 'effect-changed'; readonly preview: CancelPreview };

export async function confirmCancellation(
  deps: ConfirmCancellationDeps,
  actor: Actor,
  pendingId: string,
): Promise<Result<CancellationOutcome, DomainError>> {
  const executor = cancelExecutor as Executor<unknown, CancelResult>;
  const confirmed = await confirmOrRecall(deps, actor, executor, pendingId);
  if (confirmed.ok) return ok({ kind: 'cancelled', ...confirmed.value });
  const error = confirmed.error;
  if (error.kind !== 'effect-changed') return confirmed;
  const fresh = await previewCancellation(deps, actor, {
    subscriptionId: error.subscriptionId,
    reason: error.reason,
  });
  return fresh.ok ? ok({ kind: 'effect-changed', preview: fresh.value }) : fresh;
}

/**
 * Confirming a software cancellation (R-SWC-*): cancels, or, when the acknowledgement was not ticked, the
 * proposal again (a fresh confirmation) with the refusal to show on it.
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
import { softwareCancelExecutor, type SoftwareCancelResult } from './cancel-software-order.js';
import {
  startSoftwareCancel,
  type SoftwareCancelPreview,
  type StartSoftwareCancelDeps,
} from './start-software-cancel.js';

export type ConfirmSoftwareCancelDeps = ConfirmOrRecallDeps & StartSoftwareCancelDeps;

export type SoftwareCancelOutcome =
  | ({ readonly kind: 'cancelled' } & Recalled<SoftwareCancelResult>)
  | {
      readonly kind: 'acknowledgement-required';
      readonly proposal: SoftwareCancelPreview;
      readonly refusal: DomainError;
    };

export async function confirmSoftwareCancel(
  deps: ConfirmSoftwareCancelDeps,
  actor: Actor,
  pendingId: string,
  input: Readonly<Record<string, unknown>>,
): Promise<Result<SoftwareCancelOutcome, DomainError>> {
  const executor = softwareCancelExecutor as Executor<unknown, SoftwareCancelResult>;
  const confirmed = await confirmOrRecall(deps, actor, executor, pendingId, input);
  if (confirmed.ok) return ok({ kind: 'cancelled', ...confirmed.value });
  const error = confirmed.error;
  if (error.kind !== 'refused' || error.reason !== 'acknowledgement-required') return confirmed;
  const pending = await deps.pending.find(pendingId);
  const orderId = (pending?.payload as { orderId?: string } | undefined)?.orderId;
  if (!orderId) return confirmed;
  const again = await startSoftwareCancel(deps, actor, { product: orderId, customer: '' });
  return again.ok ? ok({ kind: 'acknowledgement-required', proposal: again.value, refusal: error }) : again;
}

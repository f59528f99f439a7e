/**
 * Submitting the support form (R-SUP-*): the receipt, or, when a field is not acceptable, the form again
 * (a fresh confirmation, pre-filled as before) naming the field to fix; the bot keeps what was typed.
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Executor } from '../confirmations/executor.js';
import type { SupportForm, SupportReceipt } from './support-request.js';
import { ok } from '../shared/result.js';
import {
  confirmOrRecall,
  type ConfirmOrRecallDeps,
  type Recalled,
} from '../confirmations/confirm-or-recall.js';
import { startSupportRequest, type StartSupportRequestDeps } from './start-support-request.js';
import { submitSupportRequestExecutor } from './submit-support-request.js';

export type ConfirmSupportRequestDeps = ConfirmOrRecallDeps & StartSupportRequestDeps;

export type SupportSubmission =
  | ({ readonly kind: 'submitted' } & Recalled<SupportReceipt>)
  | { readonly kind: 'fix-field'; readonly form: SupportForm; readonly field: string };

export async function confirmSupportRequest(
  deps: ConfirmSupportRequestDeps,
  actor: Actor,
  pendingId: string,
  input: Readonly<Record<string, unknown>>,
): Promise<Result<SupportSubmission, DomainError>> {
  const executor = submitSupportRequestExecutor as Executor<unknown, SupportReceipt>;
  const confirmed = await confirmOrRecall(deps, actor, executor, pendingId, input);
  if (confirmed.ok) return ok({ kind: 'submitted', ...confirmed.value });
  const error = confirmed.error;
  if (error.kind !== 'invalid-input') return confirmed;
  const pending = await deps.pending.find(pendingId);
  const draft = pending?.payload as
    { orderId?: string | null; subscriptionId?: string | null; customerId?: string } | undefined;
  const ref = draft?.subscriptionId ?? draft?.orderId ?? draft?.customerId;
  if (!ref) return confirmed;
  const form = await startSupportRequest(deps, actor, { ref });
  return form.ok ? ok({ kind: 'fix-field', form: form.value, field: error.field }) : form;
}

/**
 * `cancel <subscription> [reason]` (R-CAN-5): without a reason, the subscription to ask one for; with a
 * reason, straight to the preview and its confirmation.
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { CancellationEffect } from './cancellation-policy.js';
import type { CancelTarget } from './start-cancellation.js';
import { ok } from '../shared/result.js';
import {
  previewCancellation,
  type CancelPreview,
  type PreviewCancellationDeps,
} from './preview-cancellation.js';
import { startCancellation } from './start-cancellation.js';

export type RequestCancellationDeps = PreviewCancellationDeps;

export type CancellationRequest =
  | { readonly kind: 'reason-needed'; readonly target: CancelTarget & { effect: CancellationEffect } }
  | { readonly kind: 'preview'; readonly preview: CancelPreview };

export async function requestCancellation(
  deps: RequestCancellationDeps,
  actor: Actor,
  command: { subscription: string; reason?: string | undefined },
): Promise<Result<CancellationRequest, DomainError>> {
  const target = await startCancellation(deps, actor, { subscription: command.subscription });
  if (!target.ok) return target;
  if (!command.reason) return ok({ kind: 'reason-needed', target: target.value });
  const preview = await previewCancellation(deps, actor, {
    subscriptionId: target.value.subscriptionId,
    reason: command.reason,
  });
  return preview.ok ? ok({ kind: 'preview', preview: preview.value }) : preview;
}

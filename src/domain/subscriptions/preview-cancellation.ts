/** Cancelling, step 2: with a reason, the effect now and the "Yes, cancel" confirmation. */
import type { Actor } from '../shared/actor.js';
import type { CancellationEffect } from './cancellation-policy.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { CancelTarget, StartCancellationDeps } from './start-cancellation.js';
import type { CancelPayload } from './cancel-subscription.js';
import type { CreatePendingActionDeps } from '../confirmations/create-pending-action.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { startCancellation } from './start-cancellation.js';
import { err, ok } from '../shared/result.js';
import { MAX_REASON_LENGTH } from './cancel-subscription.js';
import { loadAddOns, planAddOnCascade } from './add-on-cascade.js';
import { applyCancellation } from './cancellation-policy.js';
import { effectiveSubscription } from './subscription-state.js';

export interface PreviewCancellationDeps extends StartCancellationDeps, CreatePendingActionDeps {}

export interface CancelPreview extends CancelTarget {
  readonly pendingId: string;
  readonly expiresAt: string;
  readonly effect: CancellationEffect;
  /** Milliseconds left in the window that gives the previewed effect, when it has one. */
  readonly windowLeftMs: number | null;
  readonly reason: string;
  /** R-ADD-5: the add-ons that will be cancelled with it ("name (id)"). */
  readonly addOns?: readonly string[];
}

/** Step 2: with a reason, the effect now and the "Yes, cancel" confirmation. */
export async function previewCancellation(
  deps: PreviewCancellationDeps,
  actor: Actor,
  command: { subscriptionId: string; reason: string },
): Promise<Result<CancelPreview, DomainError>> {
  const denied = await requireRole(deps, actor, 'subscription.cancel');
  if (denied) return denied;
  const reason = command.reason.trim();
  if (!reason) return err({ kind: 'invalid-input', field: 'reason', reason: 'empty' });
  if (reason.length > MAX_REASON_LENGTH)
    return err({ kind: 'invalid-input', field: 'reason', reason: 'too-long' });
  const target = await startCancellation(deps, actor, { subscription: command.subscriptionId });
  if (!target.ok) return target;
  const now = deps.clock.now();
  const effect = target.value.effect;
  const closesAt = 'windowClosesAt' in effect ? effect.windowClosesAt : null;
  const stored = await deps.subscriptions.findById(target.value.subscriptionId);
  const sub = stored ? effectiveSubscription(stored, now) : null;
  const followers = sub
    ? planAddOnCascade(sub, applyCancellation(sub, effect, now), await loadAddOns(deps, sub, now), now).map(
        (s) => `${s.productName} (${s.id})`,
      )
    : [];
  const pending = await createPendingAction<CancelPayload>(deps, actor, 'subscription.cancel', {
    subscriptionId: target.value.subscriptionId,
    reason,
    expectedEffect: effect.kind,
  });
  return ok({
    ...target.value,
    reason,
    ...(followers.length > 0 ? { addOns: followers } : {}),
    pendingId: pending.id,
    expiresAt: pending.expiresAt.toISOString(),
    windowLeftMs: closesAt ? Math.max(0, new Date(closesAt).getTime() - now.valueOf()) : null,
  });
}

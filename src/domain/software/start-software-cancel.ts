/** `cancel order ORD-…` or `cancel software <product> for <customer>`: the confirmation card (R-SWC-1..7). */
import { wholeDaysBetween } from '../shared/time.js';
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { CreditKind } from './software-cancel-rules.js';
import type { RequireRoleDeps } from '../shared/authorize.js';
import type { CreatePendingActionDeps } from '../confirmations/create-pending-action.js';
import type { FindSoftwarePurchaseDeps } from './software-purchase.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { findSoftwarePurchase } from './software-purchase.js';
import { checkCancellable, softwareCredit } from './software-cancel-rules.js';
import { ok } from '../shared/result.js';

export interface StartSoftwareCancelDeps
  extends RequireRoleDeps, CreatePendingActionDeps, FindSoftwarePurchaseDeps {}

export interface SoftwareCancelPreview {
  readonly pendingId: string;
  readonly expiresAt: string;
  readonly orderId: string;
  readonly productName: string;
  readonly customerName: string;
  readonly placedAt: string;
  readonly windowClosesAt: string;
  /** Whole days left in the window, and the exact time left (R-SWC-5). */
  readonly daysLeft: number;
  readonly windowLeftMs: number;
  readonly rule: string;
  readonly credit: number;
  readonly creditKind: CreditKind;
  readonly currency: string;
  readonly activeKeys: number;
}

/** `cancel order ORD-…` or `cancel software <product> for <customer>`: the confirmation card. */
export async function startSoftwareCancel(
  deps: StartSoftwareCancelDeps,
  actor: Actor,
  command: { product: string; customer: string },
): Promise<Result<SoftwareCancelPreview, DomainError>> {
  const denied = await requireRole(deps, actor, 'software.cancel');
  if (denied) return denied;
  const found = await findSoftwarePurchase(deps, command, { includeRestricted: true });
  if (!found.ok) return found;
  const { purchase, customerName } = found.value;
  const now = deps.clock.now();
  const window = checkCancellable(purchase, now);
  if (!window.ok) return window;
  const credit = softwareCredit(purchase, now);
  const pending = await createPendingAction(deps, actor, 'software.cancel', { orderId: purchase.orderId });
  return ok({
    pendingId: pending.id,
    expiresAt: pending.expiresAt.toISOString(),
    orderId: purchase.orderId,
    productName: purchase.productName,
    customerName,
    placedAt: purchase.placedAt.toISOString(),
    windowClosesAt: window.value.closesAt.toISOString(),
    daysLeft: wholeDaysBetween(now, window.value.closesAt),
    windowLeftMs: window.value.closesAt.diff(now),
    rule: window.value.rule,
    credit: credit.credit,
    creditKind: credit.kind,
    currency: purchase.currency,
    activeKeys: purchase.activeKeys,
  });
}

/** `key Office LTSC for fabrikam` (or `key ORD-…`): the purchase, then the edition chooser (R-KEY-1, R-ROLE-3). */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { SoftwareOptions } from './software-options.js';
import type { RequireRoleDeps } from '../shared/authorize.js';
import type { CreatePendingActionDeps } from '../confirmations/create-pending-action.js';
import type { FindSoftwarePurchaseDeps } from './software-purchase.js';
import type { KeyPayload } from './issue-key.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { findSoftwarePurchase, softwareOptionsOf } from './software-purchase.js';
import { err, ok } from '../shared/result.js';

export interface RequestKeyDeps extends RequireRoleDeps, CreatePendingActionDeps, FindSoftwarePurchaseDeps {}

/** The edition chooser: what the purchase entitles. */
export interface KeyChooser {
  readonly pendingId: string;
  readonly expiresAt: string;
  readonly orderId: string;
  readonly productName: string;
  readonly customerName: string;
  readonly options: SoftwareOptions;
}

export async function startKeyRequest(
  deps: RequestKeyDeps,
  actor: Actor,
  command: { product: string; customer: string },
): Promise<Result<KeyChooser, DomainError>> {
  const denied = await requireRole(deps, actor, 'software.key');
  if (denied) return denied;
  const found = await findSoftwarePurchase(deps, command);
  if (!found.ok) return found;
  const { purchase, customerName } = found.value;
  if (purchase.status !== 'completed')
    return err({ kind: 'invalid-state', what: 'order', status: purchase.status, attempted: 'key' });
  const options = softwareOptionsOf(purchase);
  if (!options.ok) return options;
  const pending = await createPendingAction<KeyPayload>(deps, actor, 'software.key', {
    orderId: purchase.orderId,
    productId: purchase.productId,
  });
  return ok({
    pendingId: pending.id,
    expiresAt: pending.expiresAt.toISOString(),
    orderId: purchase.orderId,
    productName: purchase.productName,
    customerName,
    options: options.value,
  });
}

/**
 * `key …` in partner-center mode (R-PC-14): Partner Center has no documented REST endpoint that gives a
 * product key or a download link, so the bot issues none. It finds the purchase as it does for a key
 * (same role, R-ROLE-3) and answers with what the Partner Center dashboard needs to show the order.
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { RequireRoleDeps } from '../shared/authorize.js';
import type { FindSoftwarePurchaseDeps } from './software-purchase.js';
import { requireRole } from '../shared/authorize.js';
import { findSoftwarePurchase } from './software-purchase.js';
import { ok } from '../shared/result.js';

export interface KeyInPartnerCenter {
  readonly orderId: string;
  readonly productName: string;
  readonly customerName: string;
  /** Partner Center's customer id (the tenant id), for the dashboard page of the customer's orders. */
  readonly customerTenantId: string;
}

export async function locateKeyInPartnerCenter(
  deps: RequireRoleDeps & FindSoftwarePurchaseDeps,
  actor: Actor,
  command: { product: string; customer: string },
): Promise<Result<KeyInPartnerCenter, DomainError>> {
  const denied = await requireRole(deps, actor, 'software.key');
  if (denied) return denied;
  const found = await findSoftwarePurchase(deps, command);
  if (!found.ok) return found;
  const { purchase, customerName } = found.value;
  const customer = await deps.customers.findById(purchase.customerId);
  // The activity log (R-KEY-5) shows who looked for the key, and that the answer was the dashboard.
  await deps.audit.record({
    at: deps.clock.now(),
    actorAadObjectId: actor.aadObjectId,
    action: 'software.key',
    outcome: 'allowed',
    customerId: purchase.customerId,
    subjectId: purchase.orderId,
    productId: purchase.productId,
    detail: { answer: 'partner-center-dashboard' },
  });
  return ok({
    orderId: purchase.orderId,
    productName: purchase.productName,
    customerName,
    customerTenantId: customer?.tenantId ?? purchase.customerId,
  });
}

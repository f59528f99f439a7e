/**
 * "Purchase" on a cart card (R-BUY-*): when the counts or cycles on the card differ from the stored cart,
 * the cart is changed and shown again for review (nothing is bought on numbers not seen); otherwise the
 * purchase is confirmed (or its first result recalled for a repeated press).
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { BillingCycle } from '../shared/model.js';
import type { Executor } from '../confirmations/executor.js';
import type { CartView } from './cart.js';
import { ok } from '../shared/result.js';
import {
  confirmOrRecall,
  type ConfirmOrRecallDeps,
  type Recalled,
} from '../confirmations/confirm-or-recall.js';
import { purchaseExecutor, type PurchaseResult } from './purchase-cart.js';
import { reviseCart, type ReviseCartDeps } from './revise-cart.js';
import { storedCart } from './show-cart.js';
import { canBuyAnything } from './cart.js';
import { pendingReadOnce } from '../confirmations/pending-read-once.js';

export type PurchaseEditedCartDeps = ConfirmOrRecallDeps & ReviseCartDeps;

export type PurchaseOutcome =
  | ({ readonly kind: 'purchased' } & Recalled<PurchaseResult>)
  /** The card's lines differed: the cart with them, to review before buying. */
  | { readonly kind: 'changed'; readonly cart: CartView }
  /** The card's lines could not be applied: the cart as it was, with why. */
  | { readonly kind: 'refused'; readonly cart: CartView; readonly refusal: DomainError };

export async function purchaseEditedCart(
  deps: PurchaseEditedCartDeps,
  actor: Actor,
  pendingId: string,
  lines?: ReadonlyArray<{ quantity: number; billingCycle: BillingCycle }>,
): Promise<Result<PurchaseOutcome, DomainError>> {
  const once = { ...deps, pending: pendingReadOnce(deps.pending) };
  if (lines && canBuyAnything(actor)) {
    // Only the stored lines are compared: the cart's card (customer, prices, catalog) is built only when
    // it has to be shown again. No stored cart: the confirmation below says why.
    const current = await storedCart(once, actor, pendingId);
    const changed =
      current !== null &&
      current.cart.lines.some(
        (line, i) =>
          !lines[i] || lines[i]!.quantity !== line.quantity || lines[i]!.billingCycle !== line.billingCycle,
      );
    if (changed) {
      const revised = await reviseCart(deps, actor, pendingId, { kind: 'set', lines });
      if (!revised.ok) return revised;
      return ok(
        revised.value.refusal
          ? { kind: 'refused', cart: revised.value.cart, refusal: revised.value.refusal }
          : { kind: 'changed', cart: revised.value.cart },
      );
    }
  }
  const executor = purchaseExecutor as Executor<unknown, PurchaseResult>;
  const confirmed = await confirmOrRecall(once, actor, executor, pendingId);
  return confirmed.ok ? ok({ kind: 'purchased', ...confirmed.value }) : confirmed;
}

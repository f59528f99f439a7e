/**
 * Buying (R-BUY-1..11): a cart of lines for one customer, kept server-side as a pending action until it is
 * purchased, discarded or expired; shown for review with prices, tax note and trial notice; bought as one
 * order. Every rule is checked when a line is added and again, against current data, at purchase.
 */
import { ok } from '../shared/result.js';
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { BillingCycle } from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import type { Cart, CartLine, CartView } from './cart.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { resolveCustomer } from '../customers/find-customers.js';
import { findProduct } from './find-product.js';
import { canBuyAnything, catalogReadOnce, checkCart, heldBy, viewOf, withCatalog } from './cart.js';
import { checkAvailability } from './purchase-rules.js';

export type StartPurchaseDeps = Pick<
  AllDeps,
  'clock' | 'audit' | 'pending' | 'newId' | 'customers' | 'products' | 'subscriptions' | 'partner'
>;

export interface StartPurchaseCommand {
  readonly customer: string;
  readonly product: string;
  readonly quantity?: number;
  readonly billingCycle?: BillingCycle;
}

/** `buy 10 Microsoft 365 E3 for contoso monthly`: a new cart with one line, for review. */
export async function startPurchase(
  withDeps: StartPurchaseDeps,
  actor: Actor,
  command: StartPurchaseCommand,
): Promise<Result<CartView, DomainError>> {
  if (!canBuyAnything(actor)) return (await requireRole(withDeps, actor, 'subscription.buy'))!;
  // Finding the product and offering the rest of the catalog both list it: one read serves both.
  const deps = { ...withDeps, products: catalogReadOnce(withDeps.products) };
  const customer = await resolveCustomer(deps.customers, command.customer);
  if (!customer.ok) return customer;
  const product = await findProduct(
    deps,
    command.product,
    (p) => checkAvailability(p, customer.value, [], deps.partner).ok,
  );
  if (!product.ok) return product;
  const line: CartLine = {
    productId: product.value.id,
    quantity: command.quantity ?? 1,
    billingCycle: command.billingCycle ?? product.value.billingCycles[0] ?? 'monthly',
  };
  const now = deps.clock.now();
  const lines = [{ line, product: product.value }];
  const checked = checkCart(
    actor,
    deps,
    customer.value,
    await heldBy(
      deps,
      customer.value.id,
      now,
      lines.map((l) => l.product),
    ),
    lines,
    now,
  );
  if (!checked.ok) {
    if (checked.error.kind === 'forbidden') await requireRole(deps, actor, checked.error.action);
    return checked;
  }
  const pending = await createPendingAction<Cart>(deps, actor, 'subscription.buy', {
    customerId: customer.value.id,
    lines: [line],
  });
  return ok(
    await withCatalog(deps, viewOf(pending.id, pending.expiresAt, customer.value, lines), customer.value),
  );
}

/** Changing a cart still under review: add a line, change counts and cycles, remove a line (R-BUY-1..9). */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { BillingCycle } from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import type { CartLine, CartView } from './cart.js';
import { requireRole } from '../shared/authorize.js';
import { findProduct } from './find-product.js';
import {
  canBuyAnything,
  checkCart,
  heldBy,
  loadLines,
  viewOf,
  withCatalog,
  CartSchema,
  MAX_CART_LINES,
} from './cart.js';
import { err, ok } from '../shared/result.js';

export type EditCartDeps = Pick<
  AllDeps,
  'clock' | 'audit' | 'pending' | 'customers' | 'products' | 'subscriptions' | 'partner'
>;

export type CartEdit =
  | {
      readonly kind: 'add';
      readonly product: string;
      readonly quantity?: number;
      readonly billingCycle?: BillingCycle;
    }
  | { readonly kind: 'set'; readonly lines: ReadonlyArray<{ quantity: number; billingCycle: BillingCycle }> }
  | { readonly kind: 'remove'; readonly index: number };

/** Changes a cart still under review (its initiator only); the result is checked before it is stored. */
export async function editCart(
  deps: EditCartDeps,
  actor: Actor,
  pendingId: string,
  edit: CartEdit,
): Promise<Result<CartView, DomainError>> {
  if (!canBuyAnything(actor)) return (await requireRole(deps, actor, 'subscription.buy'))!;
  const pending = await deps.pending.find(pendingId);
  const now = deps.clock.now();
  if (!pending || pending.action !== 'subscription.buy')
    return err({ kind: 'not-found', what: 'pending-action', ref: pendingId });
  if (pending.initiatorAadObjectId !== actor.aadObjectId) return err({ kind: 'not-initiator' });
  if (pending.status === 'done') return err({ kind: 'already-done', previous: pending.result });
  if (pending.status === 'discarded') return err({ kind: 'discarded' });
  if (!now.isBefore(pending.expiresAt)) return err({ kind: 'expired', what: 'pending-action' });
  const cart = CartSchema.parse(pending.payload);
  let lines: CartLine[] = [...cart.lines];
  if (edit.kind === 'add') {
    if (lines.length >= MAX_CART_LINES)
      return err({ kind: 'invalid-input', field: 'product', reason: 'cart-full' });
    const product = await findProduct(deps, edit.product);
    if (!product.ok) return product;
    lines.push({
      productId: product.value.id,
      quantity: edit.quantity ?? 1,
      billingCycle: edit.billingCycle ?? product.value.billingCycles[0] ?? 'monthly',
    });
  } else if (edit.kind === 'set') {
    if (edit.lines.length !== lines.length)
      return err({ kind: 'invalid-input', field: 'cart', reason: 'stale' });
    lines = lines.map((line, i) => ({
      ...line,
      quantity: edit.lines[i]!.quantity,
      billingCycle: edit.lines[i]!.billingCycle,
    }));
  } else {
    if (lines.length <= 1 || edit.index < 0 || edit.index >= lines.length)
      return err({ kind: 'invalid-input', field: 'cart', reason: 'stale' });
    lines.splice(edit.index, 1);
  }
  const customer = await deps.customers.findById(cart.customerId);
  if (!customer) return err({ kind: 'not-found', what: 'customer', ref: cart.customerId });
  const loaded = await loadLines(deps, { ...cart, lines });
  if (!loaded.ok) return loaded;
  const checked = checkCart(
    actor,
    deps,
    customer,
    await heldBy(
      deps,
      customer.id,
      now,
      loaded.value.map((l) => l.product),
    ),
    loaded.value,
    now,
  );
  if (!checked.ok) return checked;
  if (!(await deps.pending.updatePayload(pendingId, { ...cart, lines }, now)))
    return err({ kind: 'expired', what: 'pending-action' });
  return ok(await withCatalog(deps, viewOf(pendingId, pending.expiresAt, customer, loaded.value), customer));
}

/** Showing a cart again as stored (e.g. after a refused change); only to its initiator. */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { Cart, CartView } from './cart.js';
import type { PendingAction } from '../confirmations/pending-action.js';
import { requireRole } from '../shared/authorize.js';
import { canBuyAnything, loadLines, viewOf, withCatalog, CartSchema } from './cart.js';
import { err, ok } from '../shared/result.js';

export type ShowCartDeps = Pick<
  AllDeps,
  'clock' | 'audit' | 'pending' | 'customers' | 'products' | 'partner'
>;

/** The cart as stored, for showing it again (e.g. after a refused change). */
export async function showCart(
  deps: ShowCartDeps,
  actor: Actor,
  pendingId: string,
): Promise<Result<CartView, DomainError>> {
  if (!canBuyAnything(actor)) return (await requireRole(deps, actor, 'subscription.buy'))!;
  const stored = await storedCart(deps, actor, pendingId);
  if (!stored) return err({ kind: 'not-found', what: 'pending-action', ref: pendingId });
  const { pending, cart } = stored;
  const customer = await deps.customers.findById(cart.customerId);
  if (!customer) return err({ kind: 'not-found', what: 'customer', ref: cart.customerId });
  const loaded = await loadLines(deps, cart);
  if (!loaded.ok) return loaded;
  return ok(await withCatalog(deps, viewOf(pendingId, pending.expiresAt, customer, loaded.value), customer));
}

/** The stored cart and its pending action, for its initiator only (null for anyone else or no cart). */
export async function storedCart(
  deps: Pick<AllDeps, 'pending'>,
  actor: Actor,
  pendingId: string,
): Promise<{ pending: PendingAction; cart: Cart } | null> {
  const pending = await deps.pending.find(pendingId);
  if (!pending || pending.action !== 'subscription.buy' || pending.initiatorAadObjectId !== actor.aadObjectId)
    return null;
  const cart = CartSchema.safeParse(pending.payload);
  return cart.success ? { pending, cart: cart.data } : null;
}

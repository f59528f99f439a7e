/**
 * A change to a cart under review, as the card shows it: the changed cart, or (a refused change leaves the
 * cart as it was) the stored cart with the refusal to show on it.
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { CartView } from './cart.js';
import { ok } from '../shared/result.js';
import { editCart, type CartEdit, type EditCartDeps } from './edit-cart.js';
import { showCart, type ShowCartDeps } from './show-cart.js';

export type ReviseCartDeps = EditCartDeps & ShowCartDeps;

export interface RevisedCart {
  readonly cart: CartView;
  /** Why the change was not made (the cart is as it was). */
  readonly refusal?: DomainError;
}

/** The refusals shown on the cart itself; anything else (a vanished cart included) is a failure. */
const shownOnCart = (error: DomainError): boolean =>
  (error.kind === 'refused' ||
    error.kind === 'not-found' ||
    error.kind === 'ambiguous' ||
    error.kind === 'invalid-input') &&
  !(error.kind === 'not-found' && error.what === 'pending-action');

export async function reviseCart(
  deps: ReviseCartDeps,
  actor: Actor,
  pendingId: string,
  edit: CartEdit,
): Promise<Result<RevisedCart, DomainError>> {
  const edited = await editCart(deps, actor, pendingId, edit);
  if (edited.ok) return ok({ cart: edited.value });
  if (!shownOnCart(edited.error)) return edited;
  const stored = await showCart(deps, actor, pendingId);
  return stored.ok ? ok({ cart: stored.value, refusal: edited.error }) : stored;
}

/** `buy` and the cart card: changing lines, adding, removing, purchasing. */
import type { ActionRoutes, CommandRoutes, Turn, VerbOf } from '../../turn.js';
import type { CartEdit } from '../../../domain/purchase/edit-cart.js';
import { cartLineInputs } from '../../card-actions.js';
import { confirmed, failure, reply } from '../../replies.js';
import { domainErrorText } from '../../common-views.js';
import { cartCard, purchaseResultCard } from './views.js';
import { PURCHASE_VERBS as V } from './verbs.js';

/** The cart card again, with a notice (a refused edit leaves the cart as it was). */
async function cartAgain(turn: Turn, pendingId: string, notice: string) {
  return reply(turn, await turn.useCases.showCart(turn.actor, pendingId), (cart) =>
    cartCard(turn.s, cart, notice),
  );
}

async function revise(turn: Turn, pendingId: string, edit: CartEdit) {
  return reply(turn, await turn.useCases.reviseCart(turn.actor, pendingId, edit), (revised) =>
    cartCard(
      turn.s,
      revised.cart,
      revised.refusal ? domainErrorText(turn.s, turn.actor, revised.refusal) : undefined,
    ),
  );
}

const badQuantity = (turn: Turn) => turn.s.m.refusals.quantity({ max: '…' });

export const purchaseCommands: CommandRoutes<'buy'> = {
  buy: async (turn, command) => {
    const result = await turn.useCases.startPurchase(turn.actor, command);
    return reply(
      turn,
      result,
      (cart) => cartCard(turn.s, cart),
      (c) => ({
        verb: V.buyStart,
        data: {
          ...(result.ok || result.error.kind !== 'ambiguous' || result.error.what !== 'product'
            ? { customer: c.id, product: command.product }
            : { customer: command.customer, product: c.id }),
          ...(command.quantity !== undefined ? { quantity: command.quantity } : {}),
          ...(command.billingCycle ? { billingCycle: command.billingCycle } : {}),
        },
      }),
    );
  },
};

export const purchaseActions: ActionRoutes<VerbOf<typeof V>> = {
  [V.buyStart]: (turn, action) =>
    turn.runCommand({
      kind: 'buy',
      customer: action.customer,
      product: action.product,
      ...(action.quantity !== undefined ? { quantity: action.quantity } : {}),
      ...(action.billingCycle ? { billingCycle: action.billingCycle } : {}),
    }),
  [V.cartUpdate]: (turn, action) => {
    const lines = cartLineInputs(action);
    if (lines === 'invalid') return cartAgain(turn, action.pendingId, badQuantity(turn));
    return lines
      ? revise(turn, action.pendingId, { kind: 'set', lines })
      : cartAgain(turn, action.pendingId, '');
  },
  [V.cartAdd]: (turn, action) =>
    revise(turn, action.pendingId, { kind: 'add', product: action.addProduct ?? '' }),
  [V.cartRemove]: (turn, action) => revise(turn, action.pendingId, { kind: 'remove', index: action.index }),
  [V.cartPurchase]: async (turn, action) => {
    const lines = cartLineInputs(action);
    if (lines === 'invalid') return cartAgain(turn, action.pendingId, badQuantity(turn));
    const outcome = await turn.useCases.purchaseEditedCart(turn.actor, action.pendingId, lines);
    if (!outcome.ok) return failure(turn, outcome.error);
    const value = outcome.value;
    switch (value.kind) {
      case 'changed':
        return cartCard(turn.s, value.cart, turn.s.m.cart.reviewChanged);
      case 'refused':
        return cartCard(turn.s, value.cart, domainErrorText(turn.s, turn.actor, value.refusal));
      case 'purchased':
        return confirmed(turn, { ok: true, value }, (r, n) => purchaseResultCard(turn.s, r, n));
    }
  },
};

/** `order ORD-…`, `products …`, `addons <subscription>`, and their buttons. */
import type { ActionRoutes, CommandRoutes, VerbOf } from '../../turn.js';
import { confirmed, reply } from '../../replies.js';
import { addOnPreviewCard, addOnResultCard, addOnsCard, orderCard, productsCard } from './views.js';
import { DASHBOARD_VERBS as V } from './verbs.js';
import { changePreviewCard, changeResultCard } from '../subscriptions/views.js';

export const dashboardCommands: CommandRoutes<'order' | 'products' | 'addons' | 'billing' | 'upgrade'> = {
  order: async (turn, command) =>
    reply(turn, await turn.useCases.dashboard.showOrder(turn.actor, { order: command.order }), (detail) =>
      orderCard(turn.s, detail),
    ),
  products: async (turn, command) => {
    const { kind: _kind, ...filters } = command;
    return reply(
      turn,
      await turn.useCases.dashboard.browseProducts(turn.actor, filters),
      (page) => productsCard(turn.s, page),
      (c) => ({ verb: V.catalogPage, data: { ...filters, customer: c.id } }),
    );
  },
  addons: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.dashboard.listAddOns(turn.actor, { subscription: command.subscription }),
      (listing) => addOnsCard(turn.s, listing),
      (c) => ({ verb: V.addOnList, data: { subscriptionId: c.id } }),
    ),
  billing: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.dashboard.previewBillingChange(turn.actor, {
        subscription: command.subscription,
        billingCycle: command.billingCycle,
      }),
      (change) => changePreviewCard(turn.s, change),
      (c) => ({ verb: V.billingStart, data: { ref: c.id, billingCycle: command.billingCycle } }),
    ),
  upgrade: async (turn, command) => {
    const result = await turn.useCases.dashboard.previewUpgrade(turn.actor, {
      subscription: command.subscription,
      ...(command.product ? { product: command.product } : {}),
    });
    // R-UPG-1: a choice of targets carries `subscriptionId|productId`; a choice of subscriptions, the id.
    return reply(
      turn,
      result,
      (change) => changePreviewCard(turn.s, change),
      (c) => {
        const [ref, product] = c.id.split('|');
        return { verb: V.upgradeStart, data: product ? { ref, product } : { ref: c.id } };
      },
    );
  },
};

export const dashboardActions: ActionRoutes<VerbOf<typeof V>> = {
  [V.orderShow]: (turn, action) => turn.runCommand({ kind: 'order', order: action.orderId }),
  [V.catalogPage]: (turn, action) => {
    const { verb: _verb, ...filters } = action;
    return turn.runCommand({ kind: 'products', ...filters });
  },
  [V.addOnList]: (turn, action) => turn.runCommand({ kind: 'addons', subscription: action.subscriptionId }),
  [V.addOnStart]: async (turn, action) =>
    reply(
      turn,
      await turn.useCases.dashboard.previewAddOn(turn.actor, {
        baseSubscriptionId: action.baseSubscriptionId,
        productId: action.productId,
      }),
      (preview) => addOnPreviewCard(turn.s, preview),
    ),
  [V.billingStart]: (turn, action) =>
    turn.runCommand({ kind: 'billing', subscription: action.ref, billingCycle: action.billingCycle }),
  [V.billingConfirm]: async (turn, action) =>
    confirmed(
      turn,
      await turn.useCases.dashboard.confirmBillingChange(turn.actor, action.pendingId),
      (r, note) => changeResultCard(turn.s, r, note),
    ),
  [V.upgradeStart]: (turn, action) =>
    turn.runCommand({
      kind: 'upgrade',
      subscription: action.ref,
      ...(action.product ? { product: action.product } : {}),
    }),
  [V.upgradeConfirm]: async (turn, action) =>
    confirmed(turn, await turn.useCases.dashboard.confirmUpgrade(turn.actor, action.pendingId), (r, note) =>
      changeResultCard(turn.s, r, note),
    ),
  [V.addOnConfirm]: async (turn, action) =>
    confirmed(
      turn,
      await turn.useCases.dashboard.confirmAddOn(turn.actor, action.pendingId, {
        quantity: (action as Record<string, unknown>).quantity,
      }),
      (result, note) => addOnResultCard(turn.s, result, note),
    ),
};

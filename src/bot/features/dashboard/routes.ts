/** `order ORD-…` and `products …`, and their buttons (Details, Next, Previous). */
import type { ActionRoutes, CommandRoutes, VerbOf } from '../../turn.js';
import { reply } from '../../replies.js';
import { orderCard, productsCard } from './views.js';
import { DASHBOARD_VERBS as V } from './verbs.js';

export const dashboardCommands: CommandRoutes<'order' | 'products'> = {
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
};

export const dashboardActions: ActionRoutes<VerbOf<typeof V>> = {
  [V.orderShow]: (turn, action) => turn.runCommand({ kind: 'order', order: action.orderId }),
  [V.catalogPage]: (turn, action) => {
    const { verb: _verb, ...filters } = action;
    return turn.runCommand({ kind: 'products', ...filters });
  },
};

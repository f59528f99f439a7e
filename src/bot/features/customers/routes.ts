/** `customers`, `subscriptions`, `orders`, and the buttons of a customer. */
import type { ActionRoutes, CommandRoutes, VerbOf } from '../../turn.js';
import { reply, type ChoiceButton } from '../../replies.js';
import { customersCard, ordersCard, subscriptionsCard } from './views.js';
import { CUSTOMER_VERBS as V } from './verbs.js';

const subscriptionsChoice: ChoiceButton = (c) => ({
  verb: V.customerSubscriptions,
  data: { customerId: c.id },
});
const ordersChoice: ChoiceButton = (c) => ({ verb: V.customerOrders, data: { customerId: c.id } });

export const customerCommands: CommandRoutes<'customers' | 'subscriptions' | 'orders'> = {
  customers: async (turn, command) =>
    reply(turn, await turn.useCases.findCustomers(turn.actor, { query: command.query }), (found) =>
      customersCard(turn.s, command.query, found),
    ),
  subscriptions: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.listSubscriptions(turn.actor, { customer: command.customer, page: command.page }),
      (value) => subscriptionsCard(turn.s, value, turn.actor),
      subscriptionsChoice,
    ),
  orders: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.listOrders(turn.actor, { customer: command.customer, page: command.page }),
      (value) => ordersCard(turn.s, value),
      ordersChoice,
    ),
};

export const customerActions: ActionRoutes<VerbOf<typeof V>> = {
  [V.customerSubscriptions]: (turn, action) =>
    turn.runCommand({ kind: 'subscriptions', customer: action.customerId, page: action.page }),
  [V.customerOrders]: (turn, action) =>
    turn.runCommand({ kind: 'orders', customer: action.customerId, page: action.page }),
};

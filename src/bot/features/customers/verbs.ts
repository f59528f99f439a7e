/** The buttons of a customer: its subscriptions, its orders. */
import { z } from 'zod';
import { id } from '../../card-fields.js';

export const CUSTOMER_VERBS = {
  customerSubscriptions: 'customer.subscriptions',
  customerOrders: 'customer.orders',
} as const;

export const CUSTOMER_ACTIONS = [
  z.object({ verb: z.literal(CUSTOMER_VERBS.customerSubscriptions), customerId: id }),
  z.object({ verb: z.literal(CUSTOMER_VERBS.customerOrders), customerId: id }),
] as const;

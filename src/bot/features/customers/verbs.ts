/** The buttons of a customer: its subscriptions, its orders. */
import { z } from 'zod';
import { id } from '../../card-fields.js';

export const CUSTOMER_VERBS = {
  customerSubscriptions: 'customer.subscriptions',
  customerOrders: 'customer.orders',
} as const;

/** A page of a long list (Previous/Next); absent: the first. */
const page = z.number().int().min(0).max(100_000).optional();

export const CUSTOMER_ACTIONS = [
  z.object({ verb: z.literal(CUSTOMER_VERBS.customerSubscriptions), customerId: id, page }),
  z.object({ verb: z.literal(CUSTOMER_VERBS.customerOrders), customerId: id, page }),
] as const;

/**
 * Orders in partner-center mode. Skeleton for pc-buy (cart then checkout with request ids derived from
 * the pending action, R-PC-3): orders are listed live; creating one is not wired yet and says so as a
 * refusal rather than writing a local order Partner Center never saw.
 */
import type { CustomerRepository } from '../../domain/ports/customers.js';
import type { OrderRepository } from '../../domain/ports/orders.js';
import type { Order } from '../../domain/shared/model.js';
import { at, type Clock } from '../../domain/shared/time.js';
import type { PartnerCenterClient } from '../client.js';
import type { Order as PcOrder } from '../parsers/order.js';
import { PartnerCenterReadError } from './partner-center-subscriptions.js';

/** A Partner Center order as the domain's Order (prices are not on Partner Center's order: 0). */
export function toDomainOrder(pc: PcOrder, customerId: string, readAt: string): Order {
  const cancelled = pc.status?.toLowerCase() === 'cancelled';
  return {
    id: pc.id,
    customerId,
    placedByAadObjectId: '',
    placedAt: at(pc.creationDate ?? readAt),
    status: cancelled ? 'cancelled' : 'completed',
    total: 0,
    currency: pc.currencyCode ?? 'USD',
    lines: pc.lineItems.map((line) => ({
      productId: line.offerId,
      productName: line.friendlyName ?? line.offerId,
      quantity: line.quantity,
      billingCycle: pc.billingCycle?.toLowerCase() === 'annual' ? 'annual' : 'monthly',
      unitPrice: 0,
      currency: pc.currencyCode ?? 'USD',
    })),
    source: { system: 'partner-center', readAt },
  };
}

export function createPartnerCenterOrders(
  client: PartnerCenterClient,
  index: CustomerRepository,
  clock: Clock,
): OrderRepository {
  return {
    async listByCustomer(customerId) {
      const customer = await index.findById(customerId);
      if (!customer) return [];
      const answer = await client.listOrders(customer.tenantId);
      if (!answer.ok) {
        if (answer.refusal.kind === 'not-found') return [];
        throw new PartnerCenterReadError('listOrders', answer.refusal);
      }
      const readAt = clock.now().toISOString();
      return answer.value
        .map((o) => toDomainOrder(o, customer.id, readAt))
        .sort((a, b) => b.placedAt.valueOf() - a.placedAt.valueOf());
    },
    // Partner Center reads an order under its customer; pc-buy keeps the customer with the order id.
    findById: async () => null,
    create: async () => ({ kind: 'partner-center-refused', reason: 'invalid-request' }),
  };
}

/**
 * Software orders in partner-center mode (R-PC-13): cancelling one PATCHes the Partner Center order to
 * `cancelled` (with the request id derived from the pending action, R-PC-3), and only then marks the
 * bot's record. The Partner Center order is found by the bot's order id, which every cart line carries
 * in its friendly name (R-PC-11). Partner Center's refusals (900117/900213 window passed; 800061 already
 * cancelled; 800063, 800077, 800019 not cancellable this way) come back as values the user sees
 * explained; keys and links stay the bot's affair (R-PC-14).
 */
import type { CustomerRepository } from '../../domain/ports/customers.js';
import type { SoftwareRepository } from '../../domain/ports/software.js';
import type { ExternalRefusal } from '../../domain/shared/external-refusal.js';
import type { PartnerCenterClient } from '../client.js';
import { MAX_ORDERS_READ } from './partner-center-orders.js';
import { deriveRequestId } from './request-id.js';
import { toDomainRefusal } from './to-domain-refusal.js';

/** The Partner Center order id of the bot's order, or a refusal. */
async function findPartnerCenterOrder(
  client: PartnerCenterClient,
  tenantId: string,
  botOrderId: string,
): Promise<string | ExternalRefusal> {
  const orders = await client.listOrders(tenantId, { max: MAX_ORDERS_READ });
  if (!orders.ok) return toDomainRefusal(orders.refusal);
  const match = orders.value.find((order) =>
    order.lineItems.some((line) => (line.friendlyName ?? '').startsWith(`${botOrderId} `)),
  );
  return match ? match.id : { kind: 'partner-center-refused', reason: 'not-found', code: '20000' };
}

export function createPartnerCenterSoftware(
  client: PartnerCenterClient,
  local: { readonly software: SoftwareRepository; readonly customers: CustomerRepository },
): SoftwareRepository {
  return {
    ...local.software,
    async cancelOrder(orderId, now, credit, reason, operationId) {
      const purchase = await local.software.findPurchase(orderId);
      const customer = purchase ? await local.customers.findById(purchase.customerId) : null;
      if (!customer) return { kind: 'partner-center-refused', reason: 'not-found' };
      const pcOrderId = await findPartnerCenterOrder(client, customer.tenantId, orderId);
      if (typeof pcOrderId !== 'string') return pcOrderId;
      const cancelled = await client.cancelSoftwareOrder(customer.tenantId, pcOrderId, undefined, {
        requestId: deriveRequestId(operationId, 'cancel-order'),
      });
      if (!cancelled.ok) return toDomainRefusal(cancelled.refusal);
      return local.software.cancelOrder(orderId, now, credit, reason, operationId);
    },
  };
}

/**
 * Partner-center mode for the dashboard-parity reads (issue 11), in the documented endpoints only:
 * - R-ORD-4: one of the bot's orders as Partner Center has it. The Partner Center order is the one whose
 *   lines' friendly names start with the bot's order id (as R-PC-13 finds it), then read by
 *   `GET /v1/customers/{cid}/orders/{orderId}` for its status and the subscriptions it provisioned.
 * - R-CAT-6: the product titles Partner Center's customer-scoped catalog offers a customer
 *   (`GET /v1/customers/{cid}/products?targetView=…`, online services and software).
 * Refusals come back as values; nothing here writes.
 */
import type { BackendOrder, OrderFactSource } from '../../domain/ports/order-facts.js';
import type { CatalogOfferSource } from '../../domain/ports/catalog-offers.js';
import type { ExternalRefusal } from '../../domain/shared/external-refusal.js';
import type { Clock } from '../../domain/shared/time.js';
import type { PartnerCenterClient } from '../client.js';
import { subscriptionRef } from './map-subscription.js';
import { MAX_ORDERS_READ } from './partner-center-orders.js';
import { toDomainRefusal } from './to-domain-refusal.js';

/** The catalog views whose titles the bot sells: online services (licence-based) and software. */
const OFFER_VIEWS = ['OnlineServices', 'Software'] as const;

export function createPartnerCenterOrderFacts(client: PartnerCenterClient, clock: Clock): OrderFactSource {
  return {
    async find(tenantId, botOrderId): Promise<BackendOrder | null | ExternalRefusal> {
      const listed = await client.listOrders(tenantId, { max: MAX_ORDERS_READ });
      if (!listed.ok) return toDomainRefusal(listed.refusal);
      const match = listed.value.find((order) =>
        order.lineItems.some((line) => (line.friendlyName ?? '').startsWith(`${botOrderId} `)),
      );
      if (!match) return null;
      const read = await client.getOrder(tenantId, match.id);
      if (!read.ok) return toDomainRefusal(read.refusal);
      const order = read.value;
      return {
        backendOrderId: order.id,
        status: order.status ?? 'unknown',
        lines: [...order.lineItems]
          .sort((a, b) => a.lineItemNumber - b.lineItemNumber)
          .map((line) => ({
            lineItemNumber: line.lineItemNumber,
            offerId: line.offerId,
            friendlyName: line.friendlyName ?? null,
            quantity: line.quantity,
            termDuration: line.termDuration ?? null,
            subscriptionId: line.subscriptionId ? subscriptionRef(tenantId, line.subscriptionId) : null,
          })),
        source: { system: 'partner-center', readAt: clock.now().toISOString() },
      };
    },
  };
}

export function createPartnerCenterCatalogOffers(
  client: PartnerCenterClient,
  clock: Clock,
): CatalogOfferSource {
  return {
    async offeredTo(tenantId) {
      const titles = new Set<string>();
      for (const targetView of OFFER_VIEWS) {
        const products = await client.getCatalogProducts(tenantId, { targetView });
        if (!products.ok) return toDomainRefusal(products.refusal);
        for (const product of products.value) {
          const title = (product.title ?? '').trim().toLowerCase();
          if (title) titles.add(title);
        }
      }
      return { titles, source: { system: 'partner-center', readAt: clock.now().toISOString() } };
    },
  };
}

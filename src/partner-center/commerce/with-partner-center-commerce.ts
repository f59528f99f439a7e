/**
 * Partner-center mode for buying (R-PC-10, R-PC-11): the cart is made and kept before the purchase's
 * transaction (orderPreparation), the orders port (in and out of transactions) checks it out, and the catalog items come from its customer-scoped
 * catalog. Customers, subscriptions and the rest are wired by the other commerce adapters.
 */
import type { AllDeps } from '../../domain/ports/deps.js';
import type { PartnerCenterClient } from '../client.js';
import { createPartnerCenterCatalogItems } from './partner-center-catalog-items.js';
import { createPartnerCenterOrders, prepareCart, type CartKeeping } from './partner-center-orders.js';
import { toDomainRefusal } from './to-domain-refusal.js';
import { createPartnerCenterSoftware } from './partner-center-software.js';
import { createPartnerCenterActivity } from './partner-center-activity.js';
import {
  createPartnerCenterCatalogOffers,
  createPartnerCenterOrderFacts,
} from './partner-center-dashboard.js';

export function withPartnerCenterCommerce(
  deps: AllDeps,
  client: PartnerCenterClient,
  keeping: CartKeeping,
): AllDeps {
  const clock = deps.clock;
  const catalogItems = createPartnerCenterCatalogItems(client);
  return {
    ...deps,
    catalogItems,
    orderPreparation: {
      prepare: (order, operationId) =>
        prepareCart(client, catalogItems, deps, keeping, order, operationId, clock.now().toDate()),
    },
    invitationLinks: {
      current: async () => {
        const link = await client.getRelationshipRequestUrl();
        return link.ok ? link.value : toDomainRefusal(link.refusal);
      },
    },
    orders: createPartnerCenterOrders(client, catalogItems, deps, clock, keeping),
    software: createPartnerCenterSoftware(client, deps),
    audit: createPartnerCenterActivity(client, deps, clock),
    // Issue 11: order view (R-ORD-4) and catalog browse (R-CAT-6) through the documented reads.
    orderFacts: createPartnerCenterOrderFacts(client, clock),
    catalogOffers: createPartnerCenterCatalogOffers(client, clock),
    // No documented endpoint attaches an add-on to a subscription, changes its cycle or term, or upgrades
    // it (docs/partner-center/README.md: PATCH subscription writes status, auto-renew and quantity only).
    backendGaps: new Set(['add-on', 'billing-change', 'upgrade'] as const),
    entitlements: {
      listSoftware: async (tenantId) => {
        const listed = await client.listEntitlements(tenantId, {
          entitlementType: 'software',
          showExpiry: true,
        });
        if (!listed.ok) return toDomainRefusal(listed.refusal);
        return {
          entitlements: listed.value.map((e) => ({
            orderId: e.referenceOrder?.id ?? null,
            lineItemId:
              e.referenceOrder?.lineItemId !== undefined ? String(e.referenceOrder.lineItemId) : null,
            productId: e.productId ?? null,
            skuId: e.skuId ?? null,
            quantity: e.quantity ?? null,
            expiresAt: e.expiryDate ?? null,
          })),
          source: { system: 'partner-center', readAt: clock.now().toISOString() },
        };
      },
    },
    uow: {
      run: (work) =>
        deps.uow.run((tx) =>
          work({
            ...tx,
            orders: createPartnerCenterOrders(client, catalogItems, tx, clock, keeping),
            software: createPartnerCenterSoftware(client, tx),
          }),
        ),
    },
  };
}

/** The buttons of the dashboard-parity features: an order's details, the catalog's pages. */
import { z } from 'zod';
import { BrowseProductsSchema } from '../../../domain/catalog/browse-products.js';
import { PendingIdSchema, id, ref } from '../../card-fields.js';
import { BillingCycleSchema } from '../../../domain/shared/model.js';

export const DASHBOARD_VERBS = {
  orderShow: 'order.show',
  catalogPage: 'catalog.page',
  addOnList: 'addon.list',
  addOnStart: 'addon.start',
  addOnConfirm: 'addon.confirm',
  billingStart: 'subscription.billing.start',
  billingConfirm: 'subscription.billing.confirm',
  upgradeStart: 'subscription.upgrade.start',
  upgradeConfirm: 'subscription.upgrade.confirm',
} as const;

export const DASHBOARD_ACTIONS = [
  z.object({ verb: z.literal(DASHBOARD_VERBS.orderShow), orderId: id }),
  BrowseProductsSchema.extend({ verb: z.literal(DASHBOARD_VERBS.catalogPage) }),
  z.object({ verb: z.literal(DASHBOARD_VERBS.addOnList), subscriptionId: id }),
  z.object({ verb: z.literal(DASHBOARD_VERBS.addOnStart), baseSubscriptionId: id, productId: id }),
  // The licence count arrives beside the verb (`quantity`).
  z.object({ verb: z.literal(DASHBOARD_VERBS.addOnConfirm), pendingId: PendingIdSchema }).passthrough(),
  z.object({ verb: z.literal(DASHBOARD_VERBS.billingStart), ref: ref, billingCycle: BillingCycleSchema }),
  z.object({ verb: z.literal(DASHBOARD_VERBS.billingConfirm), pendingId: PendingIdSchema }),
  z.object({ verb: z.literal(DASHBOARD_VERBS.upgradeStart), ref: ref, product: id.optional() }),
  z.object({ verb: z.literal(DASHBOARD_VERBS.upgradeConfirm), pendingId: PendingIdSchema }),
] as const;

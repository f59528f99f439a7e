/** The buttons of the dashboard-parity features: an order's details, the catalog's pages. */
import { z } from 'zod';
import { BrowseProductsSchema } from '../../../domain/catalog/browse-products.js';
import { id } from '../../card-fields.js';

export const DASHBOARD_VERBS = {
  orderShow: 'order.show',
  catalogPage: 'catalog.page',
} as const;

export const DASHBOARD_ACTIONS = [
  z.object({ verb: z.literal(DASHBOARD_VERBS.orderShow), orderId: id }),
  BrowseProductsSchema.extend({ verb: z.literal(DASHBOARD_VERBS.catalogPage) }),
] as const;

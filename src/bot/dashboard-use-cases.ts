/**
 * The dashboard-parity use cases (issue 11) the bot may call, grouped so that the features can grow
 * without touching the shared UseCases list: order view, catalog browse, add-ons, billing and term
 * changes, upgrades.
 */
import type { browseProducts } from '../domain/catalog/browse-products.js';
import type { showOrder } from '../domain/catalog/show-order.js';
import type { Bound } from './use-cases.js';

export interface DashboardUseCases {
  readonly showOrder: Bound<typeof showOrder>;
  readonly browseProducts: Bound<typeof browseProducts>;
}

/**
 * The commerce backend's own catalog item for a product bought on a given billing cycle (R-PC-10). Only an
 * external backend provides it (Partner Center's `catalogItemId`); the simulated backend has none, and the
 * cart review then shows nothing extra.
 */
import type { BillingCycle, Customer, Product } from '../shared/model.js';
import type { ExternalRefusal } from '../shared/external-refusal.js';

export interface CatalogItem {
  /** Partner Center's `product:sku:availability`. */
  readonly catalogItemId: string;
  /** The term bought (ISO 8601 duration, e.g. P1Y). */
  readonly termDuration: string;
  /** Partner Center's billing cycle for the line: the domain's cycle, or `one_time` for software. */
  readonly billingCycle: string;
}

export interface CatalogItemSource {
  find(
    customer: Pick<Customer, 'tenantId'>,
    product: Pick<Product, 'name' | 'kind'>,
    billingCycle: BillingCycle,
  ): Promise<CatalogItem | ExternalRefusal>;
}

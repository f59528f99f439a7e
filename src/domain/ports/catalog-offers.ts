/**
 * What the commerce backend offers one customer, by product title (R-CAT-6: Partner Center's
 * customer-scoped catalog, `GET /customers/{cid}/products?targetView=…`). Absent in simulated mode, where
 * the bot's catalog and its rules are all there is.
 */
import type { ExternalRefusal, FactSource } from '../shared/external-refusal.js';

export interface CatalogOffers {
  /** Product titles, lower case and trimmed. */
  readonly titles: ReadonlySet<string>;
  readonly source: FactSource;
}

export interface CatalogOfferSource {
  offeredTo(customerTenantId: string): Promise<CatalogOffers | ExternalRefusal>;
}

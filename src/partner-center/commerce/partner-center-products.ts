/**
 * Products in partner-center mode. Skeleton (pc-buy replaces it with the catalog: product → SKU →
 * availability): an offer seen on a subscription is described from that subscription, with the price,
 * currency and limits of the bot's catalog entry of the same name when there is one; anything else is
 * the bot's catalog.
 */
import type { ProductRepository } from '../../domain/ports/products.js';
import type { Product } from '../../domain/shared/model.js';
import { productOfSubscription } from './map-subscription.js';
import type { OfferCache } from './partner-center-subscriptions.js';

export function createPartnerCenterProducts(
  catalog: ProductRepository,
  offers: OfferCache,
): ProductRepository {
  return {
    async findById(id) {
      const offer = offers.find(id);
      if (!offer) return catalog.findById(id);
      const described = productOfSubscription(offer);
      const known = (await catalog.list()).find((p) => p.name.toLowerCase() === described.name.toLowerCase());
      if (!known) return described;
      const borrowed: Product = {
        ...described,
        unitPrice: known.unitPrice,
        currency: known.currency,
        billingCycles: known.billingCycles,
        maxQuantity: known.maxQuantity,
        segments: known.segments,
        billingType: known.billingType,
        category: known.category,
      };
      return borrowed;
    },
    list: () => catalog.list(),
  };
}

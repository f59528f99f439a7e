/**
 * The catalog item a cart line buys (R-PC-10): the customer-scoped catalog walked product → SKU →
 * availability, the product matched by its title to the bot's product name, and the availability chosen
 * explicitly by the line's billing cycle and term (annual → P1Y billed annually, monthly → P1M billed
 * monthly; software is paid once, `one_time`, for the SKU's one term) — never "the first". No match, or
 * more than one software term, is a refusal: Partner Center does not offer that item so.
 */
import type { CatalogItem, CatalogItemSource } from '../../domain/ports/catalog-items.js';
import type { ExternalRefusal } from '../../domain/shared/external-refusal.js';
import type { BillingCycle, Product } from '../../domain/shared/model.js';
import { isSoftware } from '../../domain/shared/model.js';
import type { PartnerCenterClient } from '../client.js';
import type { Availability } from '../parsers/catalog.js';
import { toDomainRefusal } from './to-domain-refusal.js';

/** The views searched, online services first (software is where the software titles are). */
const TARGET_VIEWS = ['OnlineServices', 'Software'] as const;

/** The term a domain billing cycle means. */
export const termOf = (billingCycle: BillingCycle): string => (billingCycle === 'annual' ? 'P1Y' : 'P1M');

/** The one term of `availability` a line on `billingCycle` buys, if it offers it. */
const termFor = (
  availability: Availability,
  kind: Product['kind'],
  billingCycle: BillingCycle,
): { duration: string; billingCycle: string } | null => {
  if (availability.isPurchasable === false) return null;
  const terms = (availability.terms ?? []).map((term) => ({
    duration: term.duration ?? '',
    billingCycle: (term.billingCycle ?? '').toLowerCase(),
  }));
  const matching = isSoftware(kind)
    ? terms.filter((term) => term.billingCycle === 'one_time')
    : terms.filter((term) => term.duration === termOf(billingCycle) && term.billingCycle === billingCycle);
  return matching.length === 1 ? matching[0]! : null;
};

/** Partner Center's "item not available" (400072), for an item it does not offer on that cycle. */
const UNAVAILABLE: ExternalRefusal = { kind: 'partner-center-refused', reason: 'not-found', code: '400072' };

export function createPartnerCenterCatalogItems(client: PartnerCenterClient): CatalogItemSource {
  return {
    async find(customer, product, billingCycle): Promise<CatalogItem | ExternalRefusal> {
      const wanted = product.name.trim().toLowerCase();
      for (const targetView of TARGET_VIEWS) {
        const products = await client.getCatalogProducts(customer.tenantId, { targetView });
        if (!products.ok) return toDomainRefusal(products.refusal);
        const match = products.value.find((p) => (p.title ?? '').trim().toLowerCase() === wanted);
        if (!match) continue;
        const skus = await client.getCatalogSkus(customer.tenantId, match.id);
        if (!skus.ok) return toDomainRefusal(skus.refusal);
        for (const sku of skus.value) {
          const availabilities = await client.getCatalogAvailabilities(customer.tenantId, match.id, sku.id);
          if (!availabilities.ok) return toDomainRefusal(availabilities.refusal);
          for (const availability of availabilities.value) {
            const term = termFor(availability, product.kind, billingCycle);
            if (term)
              return {
                catalogItemId: availability.catalogItemId,
                termDuration: term.duration,
                billingCycle: term.billingCycle,
              };
          }
        }
        return UNAVAILABLE;
      }
      return UNAVAILABLE;
    },
  };
}

/** Customer-scoped catalog (GET, as the examples do): products by targetView, their SKUs, availabilities. */
import { errorAnswer, type FakeContext, type FakeRequest, type Route } from './fake-types.js';
import { renderAvailability, renderProduct, renderSku } from './render.js';
import type { SeedCatalogItem } from './seed-data.js';

const SOFTWARE_VIEWS = ['software', 'softwareperpetual', 'softwaresubscriptions'];

const matchesView = (item: SeedCatalogItem, view: string | null): boolean => {
  const normalized = (view ?? 'OnlineServices').toLowerCase();
  if (normalized === 'onlineservices') return item.productType !== 'Software';
  if (normalized === 'softwareperpetual')
    return item.productType === 'Software' && item.softwareKind === 'perpetual';
  if (normalized === 'softwaresubscriptions')
    return item.productType === 'Software' && item.softwareKind === 'subscription';
  if (SOFTWARE_VIEWS.includes(normalized)) return item.productType === 'Software';
  return false;
};

const customerCountry = (request: FakeRequest, context: FakeContext): string | null =>
  context.commerce.customers.get((request.params.customerId ?? '').toLowerCase())?.country ?? null;

const uniqueBy = <T>(items: T[], key: (item: T) => string): T[] => {
  const seen = new Set<string>();
  return items.filter((item) => (seen.has(key(item)) ? false : (seen.add(key(item)), true)));
};

const collection = (items: unknown[]) => ({
  status: 200,
  body: { totalCount: items.length, items, links: {}, attributes: { objectType: 'Collection' } },
});

const unknownCustomer = () => errorAnswer(404, 60003, 'The customer tenant was not found.');

export const CATALOG_ROUTES: Route[] = [
  {
    name: 'products',
    method: 'GET',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/products$/,
    handle: (request, context) => {
      if (!customerCountry(request, context)) return unknownCustomer();
      const items = context.commerce.catalog.filter((item) =>
        matchesView(item, request.query.get('targetView')),
      );
      return collection(uniqueBy(items, (item) => item.productId).map(renderProduct));
    },
  },
  {
    name: 'skus',
    method: 'GET',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/products\/(?<productId>[^/]+)\/skus$/,
    handle: (request, context) => {
      if (!customerCountry(request, context)) return unknownCustomer();
      const items = context.commerce.catalog.filter((item) => item.productId === request.params.productId);
      if (items.length === 0) return errorAnswer(404, 400013, 'Product not found.');
      return collection(uniqueBy(items, (item) => item.skuId).map(renderSku));
    },
  },
  {
    name: 'availabilities',
    method: 'GET',
    pattern:
      /^\/v1\/customers\/(?<customerId>[^/]+)\/products\/(?<productId>[^/]+)\/skus\/(?<skuId>[^/]+)\/availabilities$/,
    handle: (request, context) => {
      const country = customerCountry(request, context);
      if (!country) return unknownCustomer();
      const items = context.commerce.catalog.filter(
        (item) => item.productId === request.params.productId && item.skuId === request.params.skuId,
      );
      if (items.length === 0) return errorAnswer(404, 400018, 'SKU not found.');
      return collection(items.map((item) => renderAvailability(item, country)));
    },
  },
];

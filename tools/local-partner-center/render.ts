/** Renders the fake's resources in Partner Center's camelCase shapes (as in the contract's examples/). */
import {
  DAY_MS,
  NCE_WINDOW_MS,
  SOFTWARE_WINDOW_MS,
  type FakeCart,
  type FakeOrder,
  type FakeSubscription,
} from './commerce-state.js';
import { catalogItemIdOf, type SeedCatalogItem, type SeedCustomer } from './seed-data.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const link = (uri: string) => ({ uri, method: 'GET', headers: [] });

export const etagOf = (kind: string, id: string, version: number): string =>
  Buffer.from(JSON.stringify({ kind, id, version })).toString('base64');

export const renderCustomer = (customer: SeedCustomer, detailed: boolean) => ({
  id: customer.id,
  ...(detailed ? { commerceId: customer.id } : {}),
  companyProfile: {
    tenantId: customer.id,
    domain: customer.domain,
    companyName: customer.companyName,
    ...(detailed ? { email: `admin@${customer.domain}` } : {}),
    attributes: { objectType: 'CustomerCompanyProfile' },
  },
  ...(detailed
    ? {
        billingProfile: {
          id: customer.id,
          companyName: customer.companyName,
          culture: customer.culture,
          language: customer.culture.slice(0, 2),
          defaultAddress: { country: customer.country },
          attributes: { etag: etagOf('billing', customer.id, 1), objectType: 'CustomerBillingProfile' },
        },
        allowDelegatedAccess: true,
        customDomains: [customer.domain],
      }
    : {}),
  relationshipToPartner: customer.relationshipToPartner,
  links: { self: link(`/v1/customers/${customer.id}`) },
  attributes: { objectType: 'Customer' },
});

/** The instant a subscription's cancellation window closes; null when it has none (legacy). */
export const cancellationDeadline = (subscription: FakeSubscription): number | null => {
  if (subscription.productType === 'OnlineServicesNCE') return subscription.createdAt + NCE_WINDOW_MS;
  if (subscription.productType === 'Software') return subscription.createdAt + SOFTWARE_WINDOW_MS;
  return null;
};

const termMs = (termDuration: string): number => {
  const match = /^P(\d+)([MY])$/.exec(termDuration);
  if (!match) return 365 * DAY_MS;
  return Number(match[1]) * (match[2] === 'Y' ? 365 : 30) * DAY_MS;
};

export const renderSubscription = (subscription: FakeSubscription, now: number) => {
  const [productId, skuId, availabilityId] = subscription.catalogItemId.split(':');
  const deadline = cancellationDeadline(subscription);
  const windowOpen = deadline !== null && now <= deadline && subscription.status !== 'deleted';
  const commitmentEnd = subscription.createdAt + termMs(subscription.termDuration);
  return {
    id: subscription.id,
    offerId: subscription.catalogItemId,
    offerName: subscription.offerName,
    friendlyName: subscription.friendlyName,
    productType: { id: subscription.productType, displayName: subscription.productType },
    quantity: subscription.quantity,
    unitType: 'Licenses',
    hasPurchasableAddons: false,
    creationDate: iso(subscription.createdAt),
    effectiveStartDate: iso(subscription.createdAt),
    commitmentEndDate: `${iso(commitmentEnd).slice(0, 10)}T00:00:00Z`,
    commitmentEndDateTime: `${iso(commitmentEnd).slice(0, 10)}T23:59:59Z`,
    ...(deadline !== null ? { cancellationAllowedUntilDate: iso(deadline) } : {}),
    status: subscription.status,
    autoRenewEnabled: subscription.autoRenewEnabled,
    isTrial: false,
    billingType: 'license',
    billingCycle: subscription.billingCycle,
    termDuration: subscription.termDuration,
    ...(windowOpen ? { refundOptions: [{ type: 'Full', expiresAt: iso(deadline) }] } : {}),
    ...(windowOpen
      ? {
          refundableQuantity: {
            totalQuantity: subscription.quantity,
            details: [{ quantity: subscription.quantity, allowedUntilDateTime: iso(deadline) }],
          },
        }
      : {}),
    ...(subscription.scheduledNextTermInstructions !== undefined
      ? { scheduledNextTermInstructions: subscription.scheduledNextTermInstructions }
      : {}),
    actions: subscription.status === 'deleted' ? [] : ['edit', 'cancel'],
    suspensionReasons: subscription.status === 'suspended' ? ['CustomerCancellation'] : [],
    isMicrosoftProduct: true,
    contractType: 'subscription',
    orderId: subscription.orderId,
    links: {
      product: link(`/products/${productId}`),
      sku: link(`/products/${productId}/skus/${skuId}`),
      availability: link(`/products/${productId}/skus/${skuId}/availabilities/${availabilityId}`),
      self: link(`/customers/${subscription.customerId}/subscriptions/${subscription.id}`),
    },
    attributes: {
      etag:
        subscription.status === 'deleted'
          ? ''
          : etagOf('subscription', subscription.id, subscription.version),
      objectType: 'Subscription',
    },
  };
};

export const renderOrder = (order: FakeOrder) => {
  const cancelled = order.lines.every((line) => line.quantity === 0);
  return {
    id: order.id,
    alternateId: order.id.replace(/-/g, '').slice(0, 12),
    referenceCustomerId: order.customerId,
    billingCycle: order.billingCycle,
    currencyCode: 'USD',
    currencySymbol: '$',
    lineItems: order.lines.map((line) => {
      const [productId, skuId, availabilityId] = line.offerId.split(':');
      return {
        lineItemNumber: line.lineItemNumber,
        offerId: line.offerId,
        ...(line.subscriptionId ? { subscriptionId: line.subscriptionId } : {}),
        termDuration: line.termDuration,
        transactionType: 'New',
        friendlyName: line.friendlyName,
        quantity: line.quantity,
        links: {
          product: link(`/products/${productId}`),
          sku: link(`/products/${productId}/skus/${skuId}`),
          availability: link(`/products/${productId}/skus/${skuId}/availabilities/${availabilityId}`),
          ...(line.subscriptionId
            ? { subscription: link(`/customers/${order.customerId}/subscriptions/${line.subscriptionId}`) }
            : {}),
        },
      };
    }),
    creationDate: iso(order.createdAt),
    status: cancelled ? 'cancelled' : 'completed',
    transactionType: 'UserPurchase',
    links: {
      self: link(`/customers/${order.customerId}/orders/${order.id}`),
      provisioningStatus: link(`/customers/${order.customerId}/orders/${order.id}/provisioningstatus`),
      patchOperation: {
        uri: `/customers/${order.customerId}/orders/${order.id}`,
        method: 'PATCH',
        headers: [],
      },
    },
    attributes: { etag: etagOf('order', order.id, order.version), objectType: 'Order' },
  };
};

export const renderCart = (cart: FakeCart, catalog: (id: string) => SeedCatalogItem | undefined) => ({
  id: cart.id,
  creationTimestamp: iso(cart.createdAt),
  lastModifiedTimestamp: iso(cart.createdAt),
  expirationTimestamp: iso(cart.createdAt + 7 * DAY_MS),
  lastModifiedUser: '9db12087-fbc3-481c-8965-73d44ff88e27',
  status: cart.status,
  lineItems: cart.lines.map((line) => {
    const item = catalog(line.catalogItemId);
    const price = item?.listPrice ?? 0;
    return {
      id: line.id,
      catalogItemId: line.catalogItemId,
      ...(line.friendlyName ? { friendlyName: line.friendlyName } : {}),
      quantity: line.quantity,
      currencyCode: 'USD',
      billingCycle: line.billingCycle,
      ...(line.termDuration ? { termDuration: line.termDuration } : {}),
      provisioningContext: line.provisioningContext ?? {},
      orderGroup: '0',
      pricing: {
        listPrice: price,
        discountedPrice: price,
        proratedPrice: price,
        price,
        extendedPrice: price * line.quantity,
      },
      ...(line.error ? { error: line.error } : {}),
    };
  }),
  links: { self: link(`/customers/${cart.customerId}/carts/${cart.id}`) },
  attributes: { objectType: 'Cart' },
});

export const renderProduct = (item: SeedCatalogItem) => ({
  id: item.productId,
  title: item.title,
  description: item.title,
  productType: { id: item.productType, displayName: item.productType },
  links: { skus: link(`/products/${item.productId}/skus`), self: link(`/products/${item.productId}`) },
  attributes: { objectType: 'Product' },
});

export const renderSku = (item: SeedCatalogItem) => ({
  id: item.skuId,
  productId: item.productId,
  title: item.title,
  description: item.title,
  minimumQuantity: item.minimumQuantity,
  maximumQuantity: item.maximumQuantity,
  isTrial: false,
  supportedBillingCycles: [...new Set(item.terms.map((term) => term.billingCycle))],
  purchasePrerequisites: [],
  provisioningVariables: [],
  actions: [],
  dynamicAttributes: { isAddon: false },
  links: {
    availabilities: link(`/products/${item.productId}/skus/${item.skuId}/availabilities`),
    self: link(`/products/${item.productId}/skus/${item.skuId}`),
  },
  attributes: { objectType: 'Sku' },
});

export const renderAvailability = (item: SeedCatalogItem, country: string) => ({
  id: item.availabilityId,
  productId: item.productId,
  skuId: item.skuId,
  catalogItemId: catalogItemIdOf(item),
  defaultCurrency: { code: 'USD', symbol: '$' },
  segment: 'commercial',
  country,
  isPurchasable: true,
  isRenewable: item.productType !== 'Software',
  renewalInstructions: [],
  terms: item.terms.map((term, index) => ({
    id: `term${index}`,
    duration: term.duration,
    description: `${term.duration} commitment, ${term.billingCycle} billing`,
    billingCycle: term.billingCycle,
    cancellationPolicies:
      item.productType === 'OnlineServicesNCE'
        ? [{ refundOptions: [{ sequenceId: 0, type: 'Full', expiresAfter: 'P7D' }] }]
        : [],
  })),
  links: {
    self: link(`/products/${item.productId}/skus/${item.skuId}/availabilities/${item.availabilityId}`),
  },
  attributes: { objectType: 'Availability' },
});

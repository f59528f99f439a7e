/**
 * The fake's commerce record: customers, catalog, subscriptions, carts, orders, audit. Resources are kept
 * in the fake's own shape and rendered camelCase, as Partner Center answers.
 */
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from './audit-log.js';
import {
  catalogItemIdOf,
  SEED_CATALOG,
  SEED_CUSTOMERS,
  SEED_SUBSCRIPTIONS,
  type SeedCatalogItem,
  type SeedCustomer,
} from './seed-data.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** New-commerce cancellation and seat-reduction window (7 days, README/NCE rules). */
export const NCE_WINDOW_MS = 7 * DAY_MS;
/** Software purchases can be cancelled within 60 days (R-SWC-1 of the bot's rules). */
export const SOFTWARE_WINDOW_MS = 60 * DAY_MS;

export interface FakeSubscription {
  id: string;
  customerId: string;
  catalogItemId: string;
  offerName: string;
  friendlyName: string;
  productType: SeedCatalogItem['productType'];
  quantity: number;
  billingCycle: string;
  termDuration: string;
  status: 'active' | 'suspended' | 'deleted';
  autoRenewEnabled: boolean;
  createdAt: number;
  orderId: string | null;
  version: number;
  /** When true, a PATCH answers 409 800082 (renewal in progress). */
  renewing: boolean;
  scheduledNextTermInstructions?: unknown;
}

export interface FakeOrderLine {
  lineItemNumber: number;
  offerId: string;
  subscriptionId: string | null;
  termDuration: string;
  friendlyName: string;
  quantity: number;
}

export interface FakeOrder {
  id: string;
  customerId: string;
  billingCycle: string;
  createdAt: number;
  lines: FakeOrderLine[];
  version: number;
}

export interface FakeCartLine {
  id: number;
  catalogItemId: string;
  quantity: number;
  billingCycle: string;
  termDuration?: string;
  friendlyName?: string;
  provisioningContext?: Record<string, unknown>;
  error?: { errorCode: number; errorDescription: string };
}

export interface FakeCart {
  id: string;
  customerId: string;
  createdAt: number;
  status: 'Active' | 'Ordered';
  lines: FakeCartLine[];
}

export interface CommerceState {
  customers: Map<string, SeedCustomer>;
  catalog: SeedCatalogItem[];
  subscriptions: Map<string, FakeSubscription>;
  orders: Map<string, FakeOrder>;
  carts: Map<string, FakeCart>;
  audit: AuditEntry[];
  /** Checkout answers by MS-RequestId: the same id replays the first answer, never a second order. */
  checkoutsByRequestId: Map<string, { status: number; body: unknown }>;
  findCatalogItem(catalogItemId: string): SeedCatalogItem | undefined;
  /** Adds a catalog item (tests use it to accept documented examples with other ids). */
  addCatalogItem(item: SeedCatalogItem): void;
  addCustomer(customer: SeedCustomer): void;
  addSubscription(subscription: FakeSubscription): void;
  addOrder(order: FakeOrder): void;
}

export const createCommerceState = (now: number): CommerceState => {
  const catalog = [...SEED_CATALOG];
  const findCatalogItem = (catalogItemId: string): SeedCatalogItem | undefined =>
    catalog.find((item) => catalogItemIdOf(item).toLowerCase() === catalogItemId.toLowerCase());
  const customers = new Map(SEED_CUSTOMERS.map((customer) => [customer.id, { ...customer }]));
  const subscriptions = new Map<string, FakeSubscription>();
  const orders = new Map<string, FakeOrder>();
  for (const seed of SEED_SUBSCRIPTIONS) {
    const item = findCatalogItem(seed.catalogItemId);
    if (!item) throw new Error(`seed subscription ${seed.id} names an unknown catalog item`);
    const createdAt = now - seed.boughtHoursAgo * HOUR_MS;
    const orderId = randomUUID();
    orders.set(orderId, {
      id: orderId,
      customerId: seed.customerId,
      billingCycle: seed.billingCycle,
      createdAt,
      version: 1,
      lines: [
        {
          lineItemNumber: 0,
          offerId: seed.catalogItemId,
          subscriptionId: seed.id,
          termDuration: seed.termDuration,
          friendlyName: item.title,
          quantity: seed.quantity,
        },
      ],
    });
    subscriptions.set(seed.id, {
      id: seed.id,
      customerId: seed.customerId,
      catalogItemId: seed.catalogItemId,
      offerName: item.title,
      friendlyName: item.title,
      productType: item.productType,
      quantity: seed.quantity,
      billingCycle: seed.billingCycle,
      termDuration: seed.termDuration,
      status: seed.status,
      autoRenewEnabled: seed.autoRenewEnabled,
      createdAt,
      orderId,
      version: 1,
      renewing: false,
    });
  }
  return {
    customers,
    catalog,
    subscriptions,
    orders,
    carts: new Map(),
    audit: [],
    checkoutsByRequestId: new Map(),
    findCatalogItem,
    addCatalogItem: (item) => {
      if (!findCatalogItem(catalogItemIdOf(item))) catalog.push(item);
    },
    addCustomer: (customer) => {
      customers.set(customer.id, customer);
    },
    addSubscription: (subscription) => {
      subscriptions.set(subscription.id, subscription);
    },
    addOrder: (order) => {
      orders.set(order.id, order);
    },
  };
};

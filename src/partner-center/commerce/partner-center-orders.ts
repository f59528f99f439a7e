/**
 * Orders in partner-center mode. A purchase (R-PC-11) becomes a Partner Center cart, then its checkout:
 * each line's catalog item is read right before (R-PC-10), the cart is created, and the checkout is sent
 * with the MS-RequestId derived from the pending action's id (R-PC-3). Partner Center replays the first
 * answer to the same request id, so a second press, a retry after a dropped connection or a restart gives
 * one order, never two (a retry may leave an unused cart behind, which Partner Center expires). A refusal
 * (credit limit, risk check, quantity, availability) is returned as a value and nothing is written here.
 * Once Partner Center has the order, the bot keeps its own record of it (who placed it, from which
 * pending action), through the local repository.
 */
import type { NewOrder, OrderRepository } from '../../domain/ports/orders.js';
import type { CustomerRepository } from '../../domain/ports/customers.js';
import type { ProductRepository } from '../../domain/ports/products.js';
import type { CatalogItemSource } from '../../domain/ports/catalog-items.js';
import type { CreateOutcome, ExternalRefusal } from '../../domain/shared/external-refusal.js';
import type { Order } from '../../domain/shared/model.js';
import type { Clock } from '../../domain/shared/time.js';
import { at } from '../../domain/shared/time.js';
import type { Order as PcOrder } from '../parsers/order.js';
import type { PartnerCenterClient } from '../client.js';
import type { CartLineInput } from '../operations/carts.js';
import { REFUSAL_BY_CODE } from '../refusals.js';
import { deriveRequestId } from './request-id.js';
import { DOMAIN_REASON, toDomainRefusal } from './to-domain-refusal.js';

export interface PartnerCenterOrdersLocal {
  readonly customers: CustomerRepository;
  readonly products: ProductRepository;
  readonly orders: OrderRepository;
}

/** Cart line error codes (CartErrorCode): unknown catalog item, quantity out of range. */
const LINE_CODES: Readonly<Record<string, ExternalRefusal['reason']>> = {
  '10001': 'not-found',
  '10010': 'quantity-invalid',
};

/** A refusal for a Partner Center error code met in a 2xx answer (a cart line error or an order error). */
export const refusalOfCode = (code: number | string): ExternalRefusal => {
  const text = String(code);
  const kind = REFUSAL_BY_CODE[text];
  const reason = LINE_CODES[text] ?? (kind ? DOMAIN_REASON[kind] : 'unknown');
  return { kind: 'partner-center-refused', reason, code: text };
};

/** Partner Center keeps friendly names short; 50 characters is the documented subscription maximum. */
const FRIENDLY_NAME_MAX = 50;

export async function placeOrder(
  client: PartnerCenterClient,
  catalog: CatalogItemSource,
  local: PartnerCenterOrdersLocal,
  order: NewOrder,
  operationId: string | undefined,
): Promise<{ pcOrderIds: string[]; cartId: string } | ExternalRefusal> {
  const customer = await local.customers.findById(order.customerId);
  if (!customer) return { kind: 'partner-center-refused', reason: 'not-found' };
  const lines: CartLineInput[] = [];
  for (const [index, line] of order.lines.entries()) {
    const product = await local.products.findById(line.productId);
    if (!product) return { kind: 'partner-center-refused', reason: 'not-found', code: '400072' };
    const item = await catalog.find(customer, product, line.billingCycle);
    if (!('catalogItemId' in item)) return item;
    lines.push({
      id: index,
      catalogItemId: item.catalogItemId,
      quantity: line.quantity,
      billingCycle: item.billingCycle,
      termDuration: item.termDuration,
      // The bot's order id first, so the Partner Center order can be found again (R-PC-13).
      friendlyName: `${order.id} ${product.name}`.slice(0, FRIENDLY_NAME_MAX),
    });
  }
  const cart = await client.createCart(customer.tenantId, lines, {
    requestId: deriveRequestId(operationId, 'cart'),
  });
  if (!cart.ok) return toDomainRefusal(cart.refusal);
  const lineError = cart.value.lineItems.find((line) => line.error)?.error;
  if (lineError) return refusalOfCode(lineError.errorCode);
  const checkout = await client.checkoutCart(customer.tenantId, cart.value.id, {
    requestId: deriveRequestId(operationId, 'checkout'),
  });
  if (!checkout.ok) return toDomainRefusal(checkout.refusal);
  const firstError = checkout.value.orderErrors[0];
  if (checkout.value.orders.length === 0)
    return firstError ? refusalOfCode(firstError.code) : refusalOfCode('unknown');
  return { pcOrderIds: checkout.value.orders.map((o) => o.id), cartId: cart.value.id };
}

/** How many orders `orders <customer>` reads from Partner Center (R-PC-12); the newest are shown. */
export const MAX_ORDERS_READ = 100;

/**
 * A Partner Center order as the domain's (R-PC-12). Partner Center's order carries no prices, so the total
 * is 0 and the card leaves it out; `one_time` (software) reads as annual, the domain's one-payment cycle.
 */
export function toDomainOrder(order: PcOrder, customerId: string, readAt: string): Order {
  const billingCycle = (order.billingCycle ?? '').toLowerCase() === 'monthly' ? 'monthly' : 'annual';
  const lines = order.lineItems.map((line) => ({
    productId: line.offerId,
    productName: line.friendlyName ?? line.offerId,
    quantity: line.quantity,
    billingCycle,
    unitPrice: 0,
    currency: order.currencyCode ?? '',
  })) satisfies Order['lines'];
  return {
    id: order.id,
    customerId,
    placedByAadObjectId: '',
    placedAt: at(Date.parse(order.creationDate ?? '') || 0),
    status:
      (order.status ?? '').toLowerCase() === 'cancelled' || order.lineItems.every((l) => l.quantity === 0)
        ? 'cancelled'
        : 'completed',
    total: 0,
    currency: order.currencyCode ?? '',
    lines,
    source: { system: 'partner-center', readAt },
  };
}

export function createPartnerCenterOrders(
  client: PartnerCenterClient,
  catalog: CatalogItemSource,
  local: PartnerCenterOrdersLocal,
  clock: Clock,
): OrderRepository {
  return {
    /** Partner Center's orders, newest first; the bot's own record when Partner Center cannot be read. */
    async listByCustomer(customerId, window) {
      const customer = await local.customers.findById(customerId);
      if (!customer) return [];
      const read = await client.listOrders(customer.tenantId, { max: MAX_ORDERS_READ });
      if (!read.ok) return local.orders.listByCustomer(customerId, window);
      const readAt = clock.now().toISOString();
      const sorted = read.value
        .map((order) => toDomainOrder(order, customerId, readAt))
        .sort((a, b) => b.placedAt.valueOf() - a.placedAt.valueOf());
      return window ? sorted.slice(window.offset, window.offset + window.limit) : sorted;
    },
    findById: (id) => local.orders.findById(id),
    async create(order, operationId): Promise<CreateOutcome> {
      const placed = await placeOrder(client, catalog, local, order, operationId);
      if ('kind' in placed) return placed;
      return local.orders.create(order, operationId);
    },
  };
}

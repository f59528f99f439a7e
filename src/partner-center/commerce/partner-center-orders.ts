/**
 * Orders in partner-center mode. A purchase (R-PC-11) becomes a Partner Center cart, then its checkout:
 * each line's catalog item is read right before (R-PC-10), the cart is created, and the checkout is sent
 * with the MS-RequestId derived from the pending action's id (R-PC-3). The cart is made before the
 * purchase's transaction and its id kept with the pending action's id, so a second press, a retry after a
 * dropped connection or a restart checks out the same cart, which Partner Center answers idempotently (and
 * the same request id is replayed): one order, never two. A refusal
 * (credit limit, risk check, quantity, availability) is returned as a value and nothing is written here.
 * Once Partner Center has the order, the bot keeps its own record of it (who placed it, from which
 * pending action), through the local repository.
 */
import { createHash } from 'node:crypto';
import type { NewOrder, OrderRepository } from '../../domain/ports/orders.js';
import type { CustomerRepository } from '../../domain/ports/customers.js';
import type { ProductRepository } from '../../domain/ports/products.js';
import type { CatalogItemSource } from '../../domain/ports/catalog-items.js';
import type { ExternalRefusal } from '../../domain/shared/external-refusal.js';
import type { Order } from '../../domain/shared/model.js';
import type { Clock } from '../../domain/shared/time.js';
import { at } from '../../domain/shared/time.js';
import type { Order as PcOrder } from '../parsers/order.js';
import type { PartnerCenterClient } from '../client.js';
import type { CartLineInput } from '../operations/carts.js';
import { REFUSAL_BY_CODE } from '../refusals.js';
import { deriveRequestId } from './request-id.js';
import { subscriptionRef } from './map-subscription.js';
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

/** The lines of an order as a cart sees them: a changed cart (counts, cycles) gets a cart of its own. */
export const cartFingerprint = (order: NewOrder): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        order.customerId,
        order.lines.map((line) => [line.productId, line.quantity, line.billingCycle]),
      ]),
    )
    .digest('hex')
    .slice(0, 32);

/** The durable record of carts made for purchases (the bot's database implements it). */
export interface KeptCarts {
  find(operationId: string, fingerprint: string): Promise<string | null>;
  /** Keeps `cartId` unless one is kept already; returns the one kept. */
  keep(operationId: string, fingerprint: string, cartId: string, at: Date): Promise<string>;
}

/**
 * Where the carts made for purchases are kept (R-PC-11): `kept` is the durable record (committed outside
 * any transaction, before the purchase's transaction starts), `handoff` passes the cart of a press from its
 * preparation to its transaction in this process (the transaction's repositories are the commerce ports, which
 * do not include this partner-center-only record). After a restart the next press prepares again and finds
 * the kept cart.
 */
export interface CartKeeping {
  readonly kept: KeptCarts;
  readonly handoff: Map<string, string>;
}

export const createCartKeeping = (kept: KeptCarts): CartKeeping => ({
  kept,
  handoff: new Map(),
});

const handoffKey = (operationId: string, fingerprint: string) => `${operationId}\u0000${fingerprint}`;

/** Creates the Partner Center cart for `order`: each line's catalog item read right before (R-PC-10). */
async function createCart(
  client: PartnerCenterClient,
  catalog: CatalogItemSource,
  local: Pick<PartnerCenterOrdersLocal, 'customers' | 'products'>,
  order: NewOrder,
  requestId: string,
): Promise<{ cartId: string; tenantId: string } | ExternalRefusal> {
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
  const cart = await client.createCart(customer.tenantId, lines, { requestId });
  if (!cart.ok) return toDomainRefusal(cart.refusal);
  const lineError = cart.value.lineItems.find((line) => line.error)?.error;
  if (lineError) return refusalOfCode(lineError.errorCode);
  return { cartId: cart.value.id, tenantId: customer.tenantId };
}

/**
 * Before the purchase's transaction (R-PC-11): the cart kept for this press's operation and lines, or a new
 * one, kept at once. Two presses racing both may make a cart; the first one kept is the one both use.
 */
export async function prepareCart(
  client: PartnerCenterClient,
  catalog: CatalogItemSource,
  local: Pick<PartnerCenterOrdersLocal, 'customers' | 'products'>,
  keeping: CartKeeping,
  order: NewOrder,
  operationId: string,
  at: Date,
): Promise<'prepared' | ExternalRefusal> {
  const fingerprint = cartFingerprint(order);
  let cartId = await keeping.kept.find(operationId, fingerprint);
  if (cartId === null) {
    const made = await createCart(
      client,
      catalog,
      local,
      order,
      deriveRequestId(operationId, `cart:${fingerprint}`),
    );
    if ('kind' in made) return made;
    cartId = await keeping.kept.keep(operationId, fingerprint, made.cartId, at);
  }
  keeping.handoff.set(handoffKey(operationId, fingerprint), cartId);
  return 'prepared';
}

/**
 * A purchase (R-PC-11) is a Partner Center cart, then its checkout, sent with the MS-RequestId derived from
 * the pending action's id (R-PC-3). The cart is the one prepared (and kept) before the transaction when
 * there is one; otherwise (a write outside a confirmation) it is made here.
 */
export async function placeOrder(
  client: PartnerCenterClient,
  catalog: CatalogItemSource,
  local: PartnerCenterOrdersLocal,
  order: NewOrder,
  operationId: string | undefined,
  keeping?: CartKeeping,
): Promise<
  { pcOrderIds: string[]; cartId: string; subscriptionIds: Array<string | null> } | ExternalRefusal
> {
  const customer = await local.customers.findById(order.customerId);
  if (!customer) return { kind: 'partner-center-refused', reason: 'not-found' };
  const key = operationId === undefined ? undefined : handoffKey(operationId, cartFingerprint(order));
  let cartId = key === undefined ? undefined : keeping?.handoff.get(key);
  if (cartId === undefined) {
    const made = await createCart(client, catalog, local, order, deriveRequestId(operationId, 'cart'));
    if ('kind' in made) return made;
    cartId = made.cartId;
  }
  const checkout = await client.checkoutCart(customer.tenantId, cartId, {
    requestId: deriveRequestId(operationId, 'checkout'),
  });
  if (!checkout.ok) return toDomainRefusal(checkout.refusal);
  if (key !== undefined) keeping?.handoff.delete(key);
  const firstError = checkout.value.orderErrors[0];
  if (checkout.value.orders.length === 0)
    return firstError ? refusalOfCode(firstError.code) : refusalOfCode('unknown');
  // Partner Center numbers each order's lines in cart order; with every line ordered, they pair up.
  const ordered = checkout.value.orders.flatMap((o) =>
    [...o.lineItems].sort((a, b) => a.lineItemNumber - b.lineItemNumber),
  );
  const subscriptionIds = order.lines.map((_, i) => {
    const id = ordered.length === order.lines.length ? ordered[i]!.subscriptionId : null;
    return id ? subscriptionRef(customer.tenantId, id) : null;
  });
  return { pcOrderIds: checkout.value.orders.map((o) => o.id), cartId, subscriptionIds };
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
  keeping?: CartKeeping,
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
    async create(order, operationId) {
      const placed = await placeOrder(client, catalog, local, order, operationId, keeping);
      if ('kind' in placed) return placed;
      // The bot keeps its record of the order with Partner Center's subscription ids, so what its cards and
      // reminders name is what Partner Center knows; a line not provisioned yet is recorded without one.
      const ids = placed.subscriptionIds;
      const subscriptions = order.subscriptions.flatMap((sub, i) => (ids[i] ? [{ ...sub, id: ids[i] }] : []));
      const recorded = await local.orders.create({ ...order, subscriptions }, operationId);
      return 'kind' in recorded && recorded.kind === 'created'
        ? { kind: 'created', subscriptionIds: ids }
        : recorded;
    },
  };
}

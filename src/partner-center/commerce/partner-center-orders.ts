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

export function createPartnerCenterOrders(
  client: PartnerCenterClient,
  catalog: CatalogItemSource,
  local: PartnerCenterOrdersLocal,
): OrderRepository {
  return {
    listByCustomer: (customerId) => local.orders.listByCustomer(customerId),
    findById: (id) => local.orders.findById(id),
    async create(order, operationId): Promise<CreateOutcome> {
      const placed = await placeOrder(client, catalog, local, order, operationId);
      if ('kind' in placed) return placed;
      return local.orders.create(order, operationId);
    },
  };
}

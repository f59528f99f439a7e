/**
 * Cart and checkout. A line whose catalogItemId is unknown or whose quantity is out of range carries a
 * line error (CartErrorCode 10001 / 10010). Checkout is idempotent by MS-RequestId: the same id replays
 * the first answer (one order, never a second); another id on a cart already ordered → 400 800065.
 */
import { randomUUID } from 'node:crypto';
import type { FakeCartLine, FakeOrder, FakeSubscription } from './commerce-state.js';
import {
  errorAnswer,
  type FakeAnswer,
  type FakeContext,
  type FakeRequest,
  type Route,
} from './fake-types.js';
import { recordWrite } from './record-write.js';
import { renderCart, renderOrder } from './render.js';

const readLines = (body: unknown): FakeCartLine[] | null => {
  if (typeof body !== 'object' || body === null) return null;
  const lines = (body as { lineItems?: unknown }).lineItems;
  if (!Array.isArray(lines) || lines.length === 0) return null;
  const result: FakeCartLine[] = [];
  for (const [index, raw] of lines.entries()) {
    if (typeof raw !== 'object' || raw === null) return null;
    const line = raw as Record<string, unknown>;
    const catalogItemId = line.catalogItemId ?? line.catalogId;
    if (typeof catalogItemId !== 'string' || typeof line.quantity !== 'number') return null;
    result.push({
      id: typeof line.id === 'number' ? line.id : index,
      catalogItemId,
      quantity: line.quantity,
      billingCycle: typeof line.billingCycle === 'string' ? line.billingCycle.toLowerCase() : 'monthly',
      ...(typeof line.termDuration === 'string' ? { termDuration: line.termDuration } : {}),
      ...(typeof line.friendlyName === 'string' ? { friendlyName: line.friendlyName } : {}),
      ...(typeof line.provisioningContext === 'object' && line.provisioningContext !== null
        ? { provisioningContext: line.provisioningContext as Record<string, unknown> }
        : {}),
    });
  }
  return result;
};

const createCart = (request: FakeRequest, context: FakeContext): FakeAnswer => {
  const customerId = (request.params.customerId ?? '').toLowerCase();
  if (!context.commerce.customers.has(customerId))
    return errorAnswer(404, 60003, 'The customer tenant was not found.');
  const lines = readLines(request.body);
  if (!lines)
    return errorAnswer(400, 800009, 'The cart needs lineItems with a catalogItemId and a quantity.');
  for (const line of lines) {
    const item = context.commerce.findCatalogItem(line.catalogItemId);
    if (!item) line.error = { errorCode: 10001, errorDescription: 'The catalog item id is not valid.' };
    else if (line.quantity < item.minimumQuantity || line.quantity > item.maximumQuantity)
      line.error = {
        errorCode: 10010,
        errorDescription: `The quantity must be between ${item.minimumQuantity} and ${item.maximumQuantity}.`,
      };
  }
  const cart = { id: randomUUID(), customerId, createdAt: context.now(), status: 'Active' as const, lines };
  context.commerce.carts.set(cart.id, cart);
  const body = renderCart(cart, context.commerce.findCatalogItem);
  recordWrite(context, request, {
    customerId,
    resourceType: 'cart',
    operationType: 'create_cart',
    oldValue: null,
    newValue: body,
  });
  return { status: 201, body };
};

const checkout = (request: FakeRequest, context: FakeContext): FakeAnswer => {
  const replay = context.commerce.checkoutsByRequestId.get(request.requestId);
  if (replay) return replay;
  const customerId = (request.params.customerId ?? '').toLowerCase();
  const cart = context.commerce.carts.get(request.params.cartId ?? '');
  if (!cart || cart.customerId !== customerId) return errorAnswer(404, 800008, 'The cart was not found.');
  if (cart.status === 'Ordered') return errorAnswer(400, 800065, 'The cart was already submitted.');
  const now = context.now();
  const order: FakeOrder = {
    id: randomUUID(),
    customerId,
    billingCycle: cart.lines[0]?.billingCycle ?? 'monthly',
    createdAt: now,
    version: 1,
    lines: [],
  };
  const orderErrors: Array<{ orderGroupId: string; code: number; description: string }> = [];
  for (const line of cart.lines) {
    const item = context.commerce.findCatalogItem(line.catalogItemId);
    if (!item || line.error) {
      orderErrors.push({ orderGroupId: '0', code: 10001, description: `Line ${line.id} cannot be ordered.` });
      continue;
    }
    const subscription: FakeSubscription | null =
      item.softwareKind === 'perpetual'
        ? null
        : {
            id: randomUUID(),
            customerId,
            catalogItemId: line.catalogItemId,
            offerName: item.title,
            friendlyName: line.friendlyName ?? item.title,
            productType: item.productType,
            quantity: line.quantity,
            billingCycle: line.billingCycle,
            termDuration: line.termDuration ?? item.terms[0]?.duration ?? 'P1Y',
            status: 'active',
            autoRenewEnabled: item.productType !== 'Software',
            createdAt: now,
            orderId: order.id,
            version: 1,
            renewing: false,
          };
    if (subscription) context.commerce.subscriptions.set(subscription.id, subscription);
    order.lines.push({
      lineItemNumber: order.lines.length,
      offerId: line.catalogItemId,
      subscriptionId: subscription?.id ?? null,
      termDuration: line.termDuration ?? item.terms[0]?.duration ?? 'P1Y',
      friendlyName: line.friendlyName ?? item.title,
      quantity: line.quantity,
    });
  }
  const orders = order.lines.length > 0 ? [order] : [];
  for (const placed of orders) context.commerce.orders.set(placed.id, placed);
  cart.status = 'Ordered';
  const answer = { status: 201, body: { orders: orders.map(renderOrder), orderErrors } };
  context.commerce.checkoutsByRequestId.set(request.requestId, answer);
  for (const placed of orders)
    recordWrite(context, request, {
      customerId,
      resourceType: 'order',
      operationType: 'create_order',
      oldValue: null,
      newValue: renderOrder(placed),
    });
  return answer;
};

export const CART_ROUTES: Route[] = [
  {
    name: 'createCart',
    method: 'POST',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/carts$/,
    handle: createCart,
  },
  {
    name: 'checkout',
    method: 'POST',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/carts\/(?<cartId>[^/]+)\/checkout$/,
    handle: checkout,
  },
];

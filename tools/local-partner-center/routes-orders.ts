/**
 * Orders: list (paged), get, and PATCH to cancel a software purchase. Only software lines cancel this
 * way (another line → 400 800063); past 60 days → 900117; a line number out of range → 800071; a line
 * already cancelled → 800061. Cancelled lines keep their number with quantity 0.
 */
import type { FakeOrder } from './commerce-state.js';
import { SOFTWARE_WINDOW_MS } from './commerce-state.js';
import {
  errorAnswer,
  type FakeAnswer,
  type FakeContext,
  type FakeRequest,
  type Route,
} from './fake-types.js';
import { recordWrite } from './record-write.js';
import { renderOrder } from './render.js';

const findOrder = (request: FakeRequest, context: FakeContext): FakeOrder | undefined => {
  const order = context.commerce.orders.get(request.params.orderId ?? '');
  return order && order.customerId === (request.params.customerId ?? '').toLowerCase() ? order : undefined;
};

const notFound = (): FakeAnswer => errorAnswer(404, 20000, 'Order not found.');

const cancelOrder = (request: FakeRequest, context: FakeContext): FakeAnswer => {
  const order = findOrder(request, context);
  if (!order) return notFound();
  const body = (request.body ?? {}) as { status?: unknown; lineItems?: unknown };
  if (typeof body.status !== 'string' || body.status.toLowerCase() !== 'cancelled')
    return errorAnswer(400, 800061, 'Only status "cancelled" can be set on an order.');
  const requested = Array.isArray(body.lineItems)
    ? body.lineItems.map((line) => Number((line as { lineItemNumber?: unknown }).lineItemNumber))
    : order.lines.map((line) => line.lineItemNumber);
  const targets = [];
  for (const number of requested) {
    const line = order.lines.find((candidate) => candidate.lineItemNumber === number);
    if (!line) return errorAnswer(400, 800071, `Line item ${number} is out of range.`);
    targets.push(line);
  }
  for (const line of targets) {
    const item = context.commerce.findCatalogItem(line.offerId);
    if (item && item.productType !== 'Software')
      return errorAnswer(
        400,
        800063,
        'This order line is a subscription: cancel it with PATCH subscription.',
      );
    if (line.quantity === 0) return errorAnswer(400, 800061, 'This order line is already cancelled.');
  }
  if (context.now() > order.createdAt + SOFTWARE_WINDOW_MS)
    return errorAnswer(400, 900117, 'The order can no longer be cancelled: the 60-day window has passed.');
  const before = renderOrder(order);
  for (const line of targets) {
    line.quantity = 0;
    const subscription = line.subscriptionId
      ? context.commerce.subscriptions.get(line.subscriptionId)
      : undefined;
    if (subscription) {
      subscription.status = 'deleted';
      subscription.version += 1;
    }
  }
  order.version += 1;
  const after = renderOrder(order);
  recordWrite(context, request, {
    customerId: order.customerId,
    resourceType: 'order',
    operationType: 'update_order',
    oldValue: before,
    newValue: after,
  });
  return { status: 200, body: after };
};

export const ORDER_ROUTES: Route[] = [
  {
    name: 'listOrders',
    method: 'GET',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/orders$/,
    handle: (request, context) => {
      const customerId = (request.params.customerId ?? '').toLowerCase();
      if (!context.commerce.customers.has(customerId))
        return errorAnswer(404, 60003, 'The customer tenant was not found.');
      const billingType = request.query.get('billingType')?.toLowerCase();
      const items = [...context.commerce.orders.values()]
        .filter((order) => order.customerId === customerId)
        .filter((order) => !billingType || order.billingCycle === billingType)
        .map(renderOrder);
      // Absolute, to exercise the third documented form of a link.
      const page = context.pager.page(
        `orders:${customerId}`,
        items,
        request.headers['ms-continuationtoken'] as string | undefined,
        `${request.headers.host ? `http://${request.headers.host}` : ''}/v1/customers/${customerId}/orders`,
      );
      return page.ok
        ? { status: 200, body: page.body }
        : errorAnswer(400, 400, 'The continuation token is invalid.');
    },
  },
  {
    name: 'getOrder',
    method: 'GET',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/orders\/(?<orderId>[^/]+)$/,
    handle: (request, context) => {
      const order = findOrder(request, context);
      return order ? { status: 200, body: renderOrder(order) } : notFound();
    },
  },
  {
    name: 'patchOrder',
    method: 'PATCH',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/orders\/(?<orderId>[^/]+)$/,
    handle: cancelOrder,
  },
];

/** Orders: list, get, and cancel a software purchase (PATCH the order with `status: cancelled`). */
import { collectPages } from '../paging.js';
import type { OperationContext } from '../http-pipeline.js';
import { parseResponseBody } from '../parse-response.js';
import { orderCollectionSchema, orderSchema, type Order } from '../parsers/order.js';
import type { Result } from '../result.js';
import type { OperationDeps } from './operation-deps.js';

const ordersPath = (customerId: string): string => `/customers/${encodeURIComponent(customerId)}/orders`;

export const listOrders = (
  deps: OperationDeps,
  customerId: string,
  options: { max?: number; billingType?: string } = {},
  context?: OperationContext,
): Promise<Result<Order[]>> =>
  collectPages(
    deps.pipeline,
    {
      method: 'GET',
      uri: ordersPath(customerId),
      query: { billingType: options.billingType },
      auth: deps.authFor('A'),
      resourceKey: `customer:${customerId}`,
    },
    orderCollectionSchema,
    options.max ?? Number.MAX_SAFE_INTEGER,
    context,
  );

export const getOrder = async (
  deps: OperationDeps,
  customerId: string,
  orderId: string,
  context?: OperationContext,
): Promise<Result<Order>> => {
  const answer = await deps.pipeline.send(
    {
      method: 'GET',
      uri: `${ordersPath(customerId)}/${encodeURIComponent(orderId)}`,
      auth: deps.authFor('A'),
      resourceKey: `order:${orderId}`,
    },
    context,
  );
  return answer.ok ? parseResponseBody(orderSchema, answer.value) : answer;
};

/** Without `lineItems` the whole order is cancelled. */
export const cancelSoftwareOrder = async (
  deps: OperationDeps,
  customerId: string,
  orderId: string,
  lineItems?: Array<{ lineItemNumber: number; offerId: string }>,
  context?: OperationContext,
): Promise<Result<Order>> => {
  const answer = await deps.pipeline.send(
    {
      method: 'PATCH',
      uri: `${ordersPath(customerId)}/${encodeURIComponent(orderId)}`,
      body: { id: orderId, status: 'cancelled', ...(lineItems ? { lineItems } : {}) },
      auth: deps.authFor('A'),
      resourceKey: `order:${orderId}`,
    },
    context,
  );
  return answer.ok ? parseResponseBody(orderSchema, answer.value) : answer;
};

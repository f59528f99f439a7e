/**
 * Cart and checkout. Checkout is idempotent by MS-RequestId: the caller stores the request id with its
 * pending action before the first attempt and passes it again on any retry, even after a restart.
 */
import type { OperationContext } from '../http-pipeline.js';
import { parseResponseBody } from '../parse-response.js';
import { cartSchema, checkoutResultSchema, type Cart, type CheckoutResult } from '../parsers/cart.js';
import type { Result } from '../result.js';
import type { OperationDeps } from './operation-deps.js';

export interface CartLineInput {
  /** Client-chosen line number. */
  id: number;
  catalogItemId: string;
  quantity: number;
  billingCycle: string;
  termDuration?: string;
  friendlyName?: string;
}

export const createCart = async (
  deps: OperationDeps,
  customerId: string,
  lineItems: CartLineInput[],
  context?: OperationContext,
): Promise<Result<Cart>> => {
  const answer = await deps.pipeline.send(
    {
      method: 'POST',
      uri: `/customers/${encodeURIComponent(customerId)}/carts`,
      body: { lineItems },
      auth: deps.authFor('A'),
      resourceKey: `customer:${customerId}`,
    },
    context,
  );
  return answer.ok ? parseResponseBody(cartSchema, answer.value) : answer;
};

export const checkoutCart = async (
  deps: OperationDeps,
  customerId: string,
  cartId: string,
  context?: OperationContext,
): Promise<Result<CheckoutResult>> => {
  const answer = await deps.pipeline.send(
    {
      method: 'POST',
      uri: `/customers/${encodeURIComponent(customerId)}/carts/${encodeURIComponent(cartId)}/checkout`,
      auth: deps.authFor('A'),
      resourceKey: `customer:${customerId}`,
    },
    context,
  );
  return answer.ok ? parseResponseBody(checkoutResultSchema, answer.value) : answer;
};

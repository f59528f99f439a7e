/**
 * What the order line that created a subscription charged (R-MON-1): unit price per term × quantity, as
 * recorded on the order. Credits and refunds are computed from it and never exceed it. Orders read from
 * Partner Center carry no prices (R-PC-12), so there is no recorded charge for them (undefined).
 */
import type { OrderRepository } from '../ports/orders.js';
import type { Order, Subscription } from '../shared/model.js';

export const lineCharge = (line: Order['lines'][number]): number =>
  Math.round(line.unitPrice * line.quantity * 100) / 100;

/** The order line a subscription came from: same product and billing cycle on its order. */
export function lineOf(order: Order, sub: Pick<Subscription, 'productId' | 'billingCycle'>) {
  return (
    order.lines.find((l) => l.productId === sub.productId && l.billingCycle === sub.billingCycle) ??
    order.lines.find((l) => l.productId === sub.productId)
  );
}

export async function chargedFor(
  orders: Pick<OrderRepository, 'findById'>,
  sub: Pick<Subscription, 'orderId' | 'productId' | 'billingCycle'>,
): Promise<number | undefined> {
  const order = await orders.findById(sub.orderId);
  if (!order || order.source) return undefined;
  const line = lineOf(order, sub);
  return line ? lineCharge(line) : undefined;
}

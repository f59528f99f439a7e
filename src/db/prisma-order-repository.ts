/** Orders and the subscriptions they create (the OrderRepository port). */
import type { OrderRepository } from '../domain/ports/orders.js';
import { ORDER_INCLUDE, toOrder, type Db } from './mappers.js';

export function makeOrderRepository(db: Db): OrderRepository {
  return {
    async listByCustomer(customerId, window) {
      const rows = await db.order.findMany({
        relationLoadStrategy: 'join',
        where: { customerId },
        include: ORDER_INCLUDE,
        orderBy: [{ placedAt: 'desc' }, { id: 'asc' }],
        skip: window?.offset ?? 0,
        take: window?.limit ?? 100,
      });
      return rows.map(toOrder);
    },
    async findById(id) {
      const row = await db.order.findUnique({
        relationLoadStrategy: 'join',
        where: { id },
        include: ORDER_INCLUDE,
      });
      return row ? toOrder(row) : null;
    },
    async create(order) {
      // createMany: a nested create would read the order back after inserting it (one statement more).
      await db.order.createMany({
        data: [
          {
            id: order.id,
            customerId: order.customerId,
            placedByAadObjectId: order.placedByAadObjectId,
            placedAt: order.placedAt.toDate(),
            total: order.total,
            currency: order.currency,
            pendingActionId: order.pendingActionId,
          },
        ],
      });
      if (order.lines.length > 0) {
        await db.orderLine.createMany({
          data: order.lines.map((line) => ({
            id: line.id,
            orderId: order.id,
            productId: line.productId,
            quantity: line.quantity,
            billingCycle: line.billingCycle,
            unitPrice: line.unitPrice,
          })),
        });
      }
      if (order.subscriptions.length > 0) {
        await db.subscription.createMany({
          data: order.subscriptions.map((sub) => ({
            id: sub.id,
            customerId: sub.customerId,
            productId: sub.productId,
            orderId: sub.orderId,
            quantity: sub.quantity,
            billingCycle: sub.billingCycle,
            status: sub.status,
            autoRenew: sub.autoRenew,
            orderedAt: sub.orderedAt.toDate(),
            termStartAt: sub.termStartAt.toDate(),
            renewsAt: sub.renewsAt.toDate(),
            trialEndsAt: sub.trialEndsAt?.toDate() ?? null,
            baseSubscriptionId: sub.baseSubscriptionId ?? null,
            termAnchorAt: sub.termAnchorAt?.toDate() ?? null,
            licenceAdditions: [{ at: sub.orderedAt.toISOString(), count: sub.quantity }],
          })),
        });
      }
      return { kind: 'created', subscriptionIds: order.subscriptions.map((sub) => sub.id) };
    },
  };
}

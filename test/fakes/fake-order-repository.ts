/** OrderRepository in memory: an order, its lines and its subscriptions, with the database's keys checked. */
import type { OrderRepository } from '../../src/domain/ports/orders.js';
import type { Order } from '../../src/domain/shared/model.js';
import { ConstraintViolation, type FakeDatabase, type OrderRow } from './fake-database.js';

export function makeFakeOrderRepository(db: FakeDatabase): OrderRepository {
  const toOrder = (row: OrderRow): Order => ({
    id: row.id,
    customerId: row.customerId,
    placedByAadObjectId: row.placedByAadObjectId,
    placedAt: row.placedAt,
    status: row.status,
    total: row.total,
    currency: row.currency,
    lines: [...row.lines]
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((line) => ({
        productId: line.productId,
        productName: db.tables.products.get(line.productId)?.name ?? line.productId,
        quantity: line.quantity,
        billingCycle: line.billingCycle,
        unitPrice: line.unitPrice,
        currency: row.currency,
      })),
  });
  return {
    async listByCustomer(customerId, window) {
      const offset = window?.offset ?? 0;
      return [...db.tables.orders.values()]
        .filter((o) => o.customerId === customerId)
        .sort((a, b) => b.placedAt.valueOf() - a.placedAt.valueOf() || (a.id < b.id ? -1 : 1))
        .slice(offset, offset + (window?.limit ?? 100))
        .map(toOrder);
    },
    async findById(id) {
      const row = db.tables.orders.get(id);
      return row ? toOrder(row) : null;
    },
    async create(order) {
      const t = db.tables;
      if (t.orders.has(order.id)) throw new ConstraintViolation(`order ${order.id} exists`);
      if (!t.customers.has(order.customerId))
        throw new ConstraintViolation(`no customer ${order.customerId}`);
      if (
        order.pendingActionId &&
        [...t.orders.values()].some((o) => o.pendingActionId === order.pendingActionId)
      )
        throw new ConstraintViolation(`an order for pending action ${order.pendingActionId} exists`);
      for (const line of order.lines)
        if (!t.products.has(line.productId)) throw new ConstraintViolation(`no product ${line.productId}`);
      for (const sub of order.subscriptions)
        if (t.subscriptions.has(sub.id)) throw new ConstraintViolation(`subscription ${sub.id} exists`);
      t.orders.set(order.id, {
        id: order.id,
        customerId: order.customerId,
        placedByAadObjectId: order.placedByAadObjectId,
        placedAt: order.placedAt,
        status: 'completed',
        total: order.total,
        currency: order.currency,
        pendingActionId: order.pendingActionId,
        cancelledAt: null,
        creditAmount: null,
        cancelReason: null,
        lines: order.lines.map((line) => ({ ...line })),
      });
      for (const sub of order.subscriptions) {
        t.subscriptions.set(sub.id, {
          id: sub.id,
          customerId: sub.customerId,
          productId: sub.productId,
          orderId: sub.orderId,
          quantity: sub.quantity,
          billingCycle: sub.billingCycle,
          status: sub.status,
          autoRenew: sub.autoRenew,
          orderedAt: sub.orderedAt,
          termStartAt: sub.termStartAt,
          renewsAt: sub.renewsAt,
          trialEndsAt: sub.trialEndsAt,
          baseSubscriptionId: sub.baseSubscriptionId ?? null,
          termAnchorAt: sub.termAnchorAt ?? null,
          suspendedAt: null,
          dataDeletedAt: null,
          cancelledAt: null,
          cancelAt: null,
          version: 0,
          licenseAdditions: [{ at: sub.orderedAt, count: sub.quantity }],
        });
      }
      return { kind: 'created', subscriptionIds: order.subscriptions.map((sub) => sub.id) };
    },
  };
}

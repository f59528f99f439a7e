/** Orders and the subscriptions they create (the OrderRepository port). */
import type { OrderRepository } from '../domain/ports/orders.js';
import type { Dayjs } from '../domain/shared/time.js';
import { dateOrNull, licenceAdditionsJson, ORDER_INCLUDE, toOrder, type Db } from './mappers.js';
import { prismaSql, type Sql } from './sql.js';

export function makeOrderRepository(db: Db, sql: Sql = prismaSql(db)): OrderRepository {
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
      // One statement (plain SQL, sql.ts): the order, its lines and the subscriptions it provisions. The
      // foreign keys are checked at the end of the statement, when the order row is there.
      const values: unknown[] = [];
      const value = (v: unknown, cast = '') => `$${values.push(v)}${cast}`;
      const parts = [
        `o AS (INSERT INTO orders ("id", "customerId", "placedByAadObjectId", "placedAt", "total", "currency",
                 "pendingActionId")
               VALUES (${value(order.id)}, ${value(order.customerId)}, ${value(order.placedByAadObjectId)},
                 ${value(order.placedAt.toDate(), '::timestamptz')}, ${value(order.total, '::numeric')},
                 ${value(order.currency)}, ${value(order.pendingActionId)}))`,
      ];
      if (order.lines.length > 0) {
        const rows = order.lines.map(
          (line) =>
            `(${value(line.id)}, ${value(order.id)}, ${value(line.productId)}, ${value(line.quantity, '::int')},
              ${value(line.billingCycle)}, ${value(line.unitPrice, '::numeric')})`,
        );
        parts.push(`l AS (INSERT INTO order_lines ("id", "orderId", "productId", "quantity", "billingCycle", "unitPrice")
                          VALUES ${rows.join(', ')})`);
      }
      if (order.subscriptions.length > 0) {
        const date = (d: Dayjs | null | undefined) => value(dateOrNull(d), '::timestamptz');
        const rows = order.subscriptions.map(
          (sub) =>
            `(${value(sub.id)}, ${value(sub.customerId)}, ${value(sub.productId)}, ${value(sub.orderId)},
              ${value(sub.quantity, '::int')}, ${value(sub.billingCycle)}, ${value(sub.status)},
              ${value(sub.autoRenew, '::boolean')}, ${date(sub.orderedAt)}, ${date(sub.termStartAt)},
              ${date(sub.renewsAt)}, ${date(sub.trialEndsAt)}, ${value(sub.baseSubscriptionId ?? null)},
              ${date(sub.termAnchorAt)},
              ${value(licenceAdditionsJson([{ at: sub.orderedAt, count: sub.quantity }]), '::jsonb')})`,
        );
        parts.push(`s AS (INSERT INTO subscriptions ("id", "customerId", "productId", "orderId", "quantity",
                            "billingCycle", "status", "autoRenew", "orderedAt", "termStartAt", "renewsAt",
                            "trialEndsAt", "baseSubscriptionId", "termAnchorAt", "licenceAdditions")
                          VALUES ${rows.join(', ')})`);
      }
      await sql.query(`WITH ${parts.join(',\n')} SELECT 1 AS done`, values);
      return { kind: 'created', subscriptionIds: order.subscriptions.map((sub) => sub.id) };
    },
  };
}

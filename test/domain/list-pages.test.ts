/**
 * A customer's subscriptions and orders are read one card page at a time (the page and one row more, to
 * know there is a next page), newest first, and walking the pages shows every row exactly once.
 */
import { describe, expect, it } from 'vitest';
import { listOrders } from '../../src/domain/customers/list-orders.js';
import { LIST_PAGE_SIZE, listSubscriptions } from '../../src/domain/customers/list-subscriptions.js';
import type { ReadWindow, SubscriptionSelection } from '../../src/domain/ports/subscriptions.js';
import { addHours, at } from '../../src/domain/shared/time.js';
import { seededFakeDeps } from '../fakes/fake-deps.js';
import { aCustomer, aSubscription, anActor } from '../support/builders.js';

const NOW = '2026-11-21T09:00:00.000Z';
const SALES = anActor(['sales-agent']);
const COUNT = 2 * LIST_PAGE_SIZE + 5;

async function customerWithMany() {
  const deps = seededFakeDeps(NOW);
  const customer = aCustomer({
    id: 'cus-many',
    companyName: 'Many Things Ltd',
    primaryDomain: 'many.example',
  });
  deps.db.tables.customers.set(customer.id, customer);
  const product = (await deps.products.findById('m365-e3'))!;
  for (let i = 0; i < COUNT; i++) {
    const sub = aSubscription({
      id: `SUB-many-${String(i).padStart(3, '0')}`,
      customerId: customer.id,
      productId: product.id,
      productName: product.name,
      orderId: `ORD-MANY${String(i).padStart(3, '0')}`,
      orderedAt: addHours(at(NOW), -i),
    });
    await deps.orders.create({
      id: sub.orderId,
      customerId: customer.id,
      placedByAadObjectId: SALES.aadObjectId!,
      placedAt: sub.orderedAt,
      total: 1,
      currency: product.currency,
      pendingActionId: null,
      lines: [
        { id: `${sub.orderId}-1`, productId: product.id, quantity: 1, billingCycle: 'monthly', unitPrice: 1 },
      ],
      subscriptions: [sub],
    });
  }
  const windows: Array<ReadWindow | undefined> = [];
  const subscriptions = deps.subscriptions;
  const orders = deps.orders;
  const spied = {
    ...deps,
    subscriptions: {
      ...subscriptions,
      listByCustomer: (
        id: string,
        select?: SubscriptionSelection | readonly SubscriptionSelection[],
        window?: ReadWindow,
      ) => {
        windows.push(window);
        return subscriptions.listByCustomer(id, select, window);
      },
    },
    orders: {
      ...orders,
      listByCustomer: (id: string, window?: ReadWindow) => {
        windows.push(window);
        return orders.listByCustomer(id, window);
      },
    },
  };
  return { deps: spied, windows };
}

describe('paged lists of a customer', () => {
  it('subscriptions: each page reads the page and one more, and the pages show every one once, newest first', async () => {
    const { deps, windows } = await customerWithMany();
    const seen: string[] = [];
    const shape: Array<[number, boolean]> = [];
    for (let page = 0; page < 10; page++) {
      const result = await listSubscriptions(deps, SALES, { customer: 'Many Things', page });
      if (!result.ok) throw new Error(result.error.kind);
      seen.push(...result.value.subscriptions.map((s) => s.id));
      shape.push([result.value.subscriptions.length, result.value.hasMore]);
      if (!result.value.hasMore) break;
    }
    expect(shape).toEqual([
      [LIST_PAGE_SIZE, true],
      [LIST_PAGE_SIZE, true],
      [5, false],
    ]);
    expect(seen).toEqual(Array.from({ length: COUNT }, (_, i) => `SUB-many-${String(i).padStart(3, '0')}`));
    expect(windows).toEqual(
      [0, 1, 2].map((p) => ({ offset: p * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE + 1 })),
    );
  });

  it('orders: the same, newest first', async () => {
    const { deps, windows } = await customerWithMany();
    const first = await listOrders(deps, SALES, { customer: 'cus-many' });
    const third = await listOrders(deps, SALES, { customer: 'cus-many', page: 2 });
    if (!first.ok || !third.ok) throw new Error('not found');
    expect(first.value).toMatchObject({ page: 0, hasMore: true });
    expect(first.value.orders).toHaveLength(LIST_PAGE_SIZE);
    expect(first.value.orders[0]!.id).toBe('ORD-MANY000');
    expect(third.value).toMatchObject({ page: 2, hasMore: false });
    expect(third.value.orders.map((o) => o.id)).toEqual(
      [60, 61, 62, 63, 64].map((i) => `ORD-MANY${String(i).padStart(3, '0')}`),
    );
    expect(windows.every((w) => w !== undefined && w.limit === LIST_PAGE_SIZE + 1)).toBe(true);
  });

  it('a page out of range is the first page', async () => {
    const { deps } = await customerWithMany();
    const result = await listSubscriptions(deps, SALES, { customer: 'cus-many', page: -3 });
    expect(result).toMatchObject({ ok: true, value: { page: 0, hasMore: true } });
  });
});

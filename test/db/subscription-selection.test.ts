/**
 * A customer's subscriptions read by selection (the SubscriptionRepository port's `select`), on the
 * embedded database and on PostgreSQL: the rows the database answers are exactly those the in-memory
 * reading of the same selection (`selects`, used by the fakes and by partner-center mode) picks from the
 * customer's whole list, in the same order, for every kind of condition and for several at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/db/create-deps.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { seedDatabase } from '../../src/db/seed.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import { selects, type SubscriptionSelection } from '../../src/domain/ports/subscriptions.js';
import { fixedClock } from '../../src/domain/shared/time.js';
import { DATABASES, type TestDatabase } from '../support/databases.js';
import { seededRandom } from '../support/random.js';
import { insertCustomerWithOrder } from '../support/seeded-database.js';

const NOW = new Date('2026-11-21T09:00:00.000Z');
const DAY = 86_400_000;
const CUSTOMER = 'cus-selection';
const ORDERS = ['ORD-SELECT1', 'ORD-SELECT2', 'ORD-SELECT3'];
const PRODUCTS = ['m365-e3', 'exchange-online-p1', 'defender-for-business'];
const STATUSES = ['active', 'suspended', 'expired', 'cancelled'] as const;

/** 60 subscriptions of every status, product and order; some are add-ons of the first few. */
function generated() {
  const random = seededRandom(12);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  return Array.from({ length: 60 }, (_, i) => {
    const orderedAt = new Date(NOW.getTime() - Math.floor(random() * 20) * DAY);
    return {
      id: `SUB-SEL-${String(i).padStart(2, '0')}`,
      customerId: CUSTOMER,
      productId: pick(PRODUCTS),
      orderId: pick(ORDERS),
      quantity: 1 + Math.floor(random() * 5),
      billingCycle: 'monthly',
      status: pick(STATUSES),
      orderedAt,
      termStartAt: orderedAt,
      renewsAt: new Date(orderedAt.getTime() + 30 * DAY),
      baseSubscriptionId: i >= 4 && random() < 0.4 ? `SUB-SEL-0${Math.floor(random() * 4)}` : null,
    };
  });
}

const SELECTIONS: ReadonlyArray<[string, SubscriptionSelection | readonly SubscriptionSelection[]]> = [
  ['one product', { productIds: ['m365-e3'] }],
  ['two products', { productIds: ['m365-e3', 'defender-for-business'] }],
  ['stored states that may still be held', { statuses: ['active', 'suspended'] }],
  ['an order', { orderId: 'ORD-SELECT2' }],
  ['the add-ons of a base', { baseSubscriptionId: 'SUB-SEL-01' }],
  ['given ids', { ids: ['SUB-SEL-03', 'SUB-SEL-10', 'SUB-SEL-59', 'SUB-NOT-THERE'] }],
  ['every condition at once', { productIds: ['m365-e3'], statuses: ['active'], orderId: 'ORD-SELECT1' }],
  [
    'any of several (what a cart checks: suspended of all, active of the one-per-customer)',
    [
      { productIds: PRODUCTS, statuses: ['suspended'] },
      { productIds: ['defender-for-business'], statuses: ['active'] },
    ],
  ],
  ['a base and its add-ons', [{ ids: ['SUB-SEL-02'] }, { baseSubscriptionId: 'SUB-SEL-02' }]],
  ['an order, or ids a backend names', [{ orderId: 'ORD-SELECT3' }, { ids: ['SUB-SEL-00'] }]],
  ['none of them (an empty list)', []],
];

for (const { name, create } of DATABASES) {
  describe(`subscriptions by selection on the ${name} database`, () => {
    let target: TestDatabase;
    let db: Database;
    let deps: AllDeps;
    const rows = generated();

    beforeAll(async () => {
      target = await create();
      db = await openDatabase(target.target);
      await seedDatabase(db.prisma, { now: NOW });
      await insertCustomerWithOrder(db.prisma, {
        id: CUSTOMER,
        name: 'Selection Ltd',
        tenantId: 'cccccccc-0000-4000-8000-000000000012',
        orderId: ORDERS[0]!,
        since: new Date(NOW.getTime() - 400 * DAY),
        placedAt: new Date(NOW.getTime() - 30 * DAY),
      });
      await db.prisma.order.createMany({
        data: ORDERS.slice(1).map((id) => ({
          id,
          customerId: CUSTOMER,
          placedByAadObjectId: '00000000-0000-4000-8000-000000000005',
          placedAt: new Date(NOW.getTime() - 30 * DAY),
          total: 0,
          currency: 'USD',
        })),
      });
      await db.prisma.subscription.createMany({ data: rows });
      // Another customer's, matching every selection but the customer.
      await insertCustomerWithOrder(db.prisma, {
        id: 'cus-selection-other',
        name: 'Other Selection Ltd',
        tenantId: 'cccccccc-0000-4000-8000-000000000013',
        orderId: 'ORD-SELECT9',
        since: new Date(NOW.getTime() - 400 * DAY),
        placedAt: new Date(NOW.getTime() - 30 * DAY),
      });
      await db.prisma.subscription.createMany({
        data: rows.slice(0, 10).map((r) => ({
          ...r,
          id: `${r.id}-OTHER`,
          customerId: 'cus-selection-other',
          orderId: 'ORD-SELECT9',
          baseSubscriptionId: null,
        })),
      });
      deps = createDeps(db, fixedClock(NOW));
    });

    afterAll(async () => {
      await db?.close();
      await target?.drop();
    });

    it('the generated subscriptions cover every status, product, order and some add-ons', () => {
      expect(new Set(rows.map((r) => r.status)).size).toBe(STATUSES.length);
      expect(new Set(rows.map((r) => r.productId)).size).toBe(PRODUCTS.length);
      expect(new Set(rows.map((r) => r.orderId)).size).toBe(ORDERS.length);
      expect(rows.filter((r) => r.baseSubscriptionId === 'SUB-SEL-01').length).toBeGreaterThan(1);
    });

    it.each(SELECTIONS)(
      '%s: the same rows as the in-memory reading, newest first',
      async (_label, select) => {
        const whole = await deps.subscriptions.listByCustomer(CUSTOMER);
        expect(whole).toHaveLength(rows.length);
        const expected = whole.filter((s) => selects(select, s)).map((s) => s.id);
        const read = (await deps.subscriptions.listByCustomer(CUSTOMER, select)).map((s) => s.id);
        expect(read).toEqual(expected);
        if (!Array.isArray(select) || select.length > 0) expect(read.length).toBeGreaterThan(0);
        expect(read.length).toBeLessThan(rows.length);
      },
    );

    it("never reads another customer's subscriptions", async () => {
      const read = await deps.subscriptions.listByCustomer(CUSTOMER, { productIds: PRODUCTS });
      expect(read.every((s) => s.customerId === CUSTOMER)).toBe(true);
      expect(read).toHaveLength(rows.length);
      const anywhere = await db.prisma.subscription.count({ where: { id: { endsWith: '-OTHER' } } });
      expect(anywhere).toBe(10);
    });

    it('a window applies to the selection', async () => {
      const select = { statuses: ['active', 'suspended'] } as const;
      const all = await deps.subscriptions.listByCustomer(CUSTOMER, select);
      const page = await deps.subscriptions.listByCustomer(CUSTOMER, select, { offset: 2, limit: 3 });
      expect(page.map((s) => s.id)).toEqual(all.slice(2, 5).map((s) => s.id));
    });
  });
}

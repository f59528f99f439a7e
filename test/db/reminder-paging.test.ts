/**
 * The subscriptions whose reminder check time has come are read in (check time, id) order, page after
 * page, so that every due reminder is created, and created once, whatever the number of candidates: here
 * more candidates than fit in a page (the page size is made small), interleaved with rows that give none,
 * on the embedded database and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/db/create-deps.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { seedDatabase } from '../../src/db/seed.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import { discoverReminders } from '../../src/domain/reminders/discover-reminders.js';
import { fixedClock } from '../../src/domain/shared/time.js';
import { DATABASES, type TestDatabase } from '../support/databases.js';
import { insertCustomerWithOrder } from '../support/seeded-database.js';

const NOW = new Date('2026-11-21T09:00:00.000Z');
const DAY = 86_400_000;
const days = (n: number) => new Date(NOW.getTime() + n * DAY);
const DUE = 23;
const PAGE = 5;

const subscription = (id: string, due: boolean) => ({
  id,
  customerId: 'cus-paging',
  productId: 'm365-e3',
  orderId: 'ORD-PAGING1',
  quantity: 1,
  billingCycle: 'monthly',
  // Due: a trial ending in two days (its 3-day reminder is due). Not due: cancelled long ago.
  status: due ? 'active' : 'cancelled',
  autoRenew: true,
  orderedAt: days(-28),
  termStartAt: days(-28),
  renewsAt: days(2),
  trialEndsAt: days(2),
  cancelledAt: due ? null : days(-20),
});

for (const { name, create } of DATABASES) {
  describe(`reminder sources on the ${name} database`, () => {
    let target: TestDatabase;
    let db: Database;
    let deps: AllDeps;
    const dueIds = Array.from({ length: DUE }, (_, i) => `SUB-paging-${String(i * 2).padStart(3, '0')}`);

    beforeAll(async () => {
      target = await create();
      db = await openDatabase(target.target);
      await seedDatabase(db.prisma, { now: NOW });
      await insertCustomerWithOrder(db.prisma, {
        id: 'cus-paging',
        name: 'Paging Ltd',
        tenantId: 'cccccccc-0000-4000-8000-000000000001',
        orderId: 'ORD-PAGING1',
        since: days(-400),
        placedAt: days(-28),
      });
      // Due and not-due rows alternate in id order, so every page holds both.
      await db.prisma.subscription.createMany({
        data: Array.from({ length: DUE * 2 }, (_, i) =>
          subscription(`SUB-paging-${String(i).padStart(3, '0')}`, i % 2 === 0),
        ),
      });
      deps = createDeps(db, fixedClock(NOW));
    });

    afterAll(async () => {
      await db?.close();
      await target?.drop();
    });

    const storedTrialReminders = async () =>
      (
        await db.prisma.reminder.findMany({
          where: { kind: 'trial-ends-3d', subjectId: { startsWith: 'SUB-paging-' } },
          select: { subjectId: true },
        })
      )
        .map((r) => r.subjectId)
        .sort();
    /** A pass from scratch (no reminder known, every row queued, as after the upgrade) with this page size. */
    const trialReminders = async (pageSize: number) => {
      await db.prisma.reminder.deleteMany({ where: { subjectId: { startsWith: 'SUB-paging-' } } });
      await db.prisma.subscription.updateMany({ data: { reminderCheckAt: new Date(0) } });
      const pass = await discoverReminders(deps, deps.clock.now(), { pageSize, maxPages: 1000 });
      expect(pass.complete).toBe(true);
      return storedTrialReminders();
    };

    it('finds every due reminder with pages smaller than the candidates, as with one large page', async () => {
      expect(DUE).toBeGreaterThan(PAGE * 4);
      expect(await trialReminders(PAGE)).toEqual(dueIds);
      expect(await trialReminders(1)).toEqual(dueIds);
      expect(await trialReminders(10_000)).toEqual(dueIds);
    });

    it('creates each of them exactly once, however often the pass runs', async () => {
      await db.prisma.reminder.deleteMany({ where: { subjectId: { startsWith: 'SUB-paging-' } } });
      await db.prisma.subscription.updateMany({ data: { reminderCheckAt: new Date(0) } });
      const first = (await discoverReminders(deps, deps.clock.now(), { pageSize: PAGE, maxPages: 1000 }))
        .created;
      // Again at the same instant, and again with every row queued once more (as after a crash between
      // creating and advancing): the unique key keeps each reminder single.
      const again = (await discoverReminders(deps, deps.clock.now(), { pageSize: PAGE })).created;
      await db.prisma.subscription.updateMany({ data: { reminderCheckAt: new Date(0) } });
      const requeued = (await discoverReminders(deps, deps.clock.now(), { pageSize: PAGE, maxPages: 1000 }))
        .created;
      expect(again).toBe(0);
      expect(requeued).toBe(0);
      const rows = await db.prisma.reminder.findMany({
        where: { kind: 'trial-ends-3d', subjectId: { startsWith: 'SUB-paging-' } },
        select: { subjectId: true },
      });
      expect(rows.map((r) => r.subjectId).sort()).toEqual(dueIds);
      expect(first).toBeGreaterThanOrEqual(DUE);
    });
  });
}

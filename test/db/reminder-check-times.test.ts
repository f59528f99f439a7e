/**
 * R-REM-2: the reminder pass reads only the subscriptions whose check time has come, and advances each
 * one's check time only if it was not changed meanwhile, on the embedded database and on PostgreSQL. The
 * rows read are counted by the pass's report (the rows its pages returned), not timed.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/db/create-deps.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { seedDatabase } from '../../src/db/seed.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import type { ReminderRepository } from '../../src/domain/ports/reminders.js';
import { discoverReminders } from '../../src/domain/reminders/discover-reminders.js';
import { fixedClock } from '../../src/domain/shared/time.js';
import { DATABASES, type TestDatabase } from '../support/databases.js';
import { insertCustomerWithOrder } from '../support/seeded-database.js';

const NOW = new Date('2026-11-21T09:00:00.000Z');
const DAY = 86_400_000;
const days = (n: number) => new Date(NOW.getTime() + n * DAY);
const EPOCH = new Date(0);
const PAGE = 4;

/** Active, a trial ending in two days: its 3-day reminder is due at NOW, and again its state at the trial end. */
const subscription = (id: string) => ({
  id,
  customerId: 'cus-checks',
  productId: 'm365-e3',
  orderId: 'ORD-CHECKS1',
  quantity: 1,
  billingCycle: 'monthly',
  status: 'active',
  autoRenew: true,
  orderedAt: days(-28),
  termStartAt: days(-28),
  renewsAt: days(2),
  trialEndsAt: days(2),
});

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `SUB-checks-${prefix}-${String(i).padStart(3, '0')}`);
const QUEUED = ids('queued', 10);
const FAR = ids('far', 30);
const NEVER = ids('never', 5);

for (const { name, create } of DATABASES) {
  describe(`reminder check times on the ${name} database`, () => {
    let target: TestDatabase;
    let db: Database;
    let deps: AllDeps;

    beforeAll(async () => {
      target = await create();
      db = await openDatabase(target.target);
      await seedDatabase(db.prisma, { now: NOW });
      await insertCustomerWithOrder(db.prisma, {
        id: 'cus-checks',
        name: 'Checks Ltd',
        tenantId: 'cccccccc-0000-4000-8000-000000000002',
        orderId: 'ORD-CHECKS1',
        since: days(-400),
        placedAt: days(-28),
      });
      await db.prisma.subscription.createMany({ data: [...QUEUED, ...FAR, ...NEVER].map(subscription) });
      deps = createDeps(db, fixedClock(NOW));
    });

    beforeEach(async () => {
      // Only the queued rows' time has come: the demo's and the far ones are checked in a year, the
      // last ones never again.
      await db.prisma.reminder.deleteMany({ where: { subjectId: { startsWith: 'SUB-checks-' } } });
      await db.prisma.subscription.updateMany({ data: { reminderCheckAt: days(365) } });
      await db.prisma.subscription.updateMany({
        where: { id: { in: QUEUED } },
        data: { reminderCheckAt: EPOCH },
      });
      await db.prisma.subscription.updateMany({
        where: { id: { in: NEVER } },
        data: { reminderCheckAt: null },
      });
    });

    afterAll(async () => {
      await db?.close();
      await target?.drop();
    });

    const checkAt = async (id: string) =>
      (await db.prisma.subscription.findUniqueOrThrow({ where: { id }, select: { reminderCheckAt: true } }))
        .reminderCheckAt;

    it('R-REM-2: a new row is queued for the next pass by the column default, whatever inserts it', async () => {
      await db.prisma.subscription.create({ data: subscription('SUB-checks-inserted') });
      expect(await checkAt('SUB-checks-inserted')).toEqual(EPOCH);
      await db.prisma.subscription.delete({ where: { id: 'SUB-checks-inserted' } });
    });

    it('R-REM-2: rows whose check time is far or null are not read; a second pass at the same instant reads none', async () => {
      const first = await discoverReminders(deps, deps.clock.now(), { pageSize: PAGE });
      expect(first.subscriptionRowsRead).toBe(QUEUED.length);
      expect(first.pages).toBe(Math.ceil((QUEUED.length + 1) / PAGE));
      expect(first.created).toBe(QUEUED.length);
      expect(first.advanced).toBe(QUEUED.length);
      expect(first.complete).toBe(true);
      // Advanced to the trial's end (the next instant its state changes), strictly after now.
      for (const id of QUEUED) expect(await checkAt(id)).toEqual(days(2));
      const second = await discoverReminders(deps, deps.clock.now(), { pageSize: PAGE });
      expect(second.subscriptionRowsRead).toBe(0);
      expect(second.created).toBe(0);
    });

    it('R-REM-2: a change saved between the pass reading a row and advancing it keeps the row queued', async () => {
      const changed = QUEUED[1]!;
      // The save happens right after the pass read the page holding the row (another instance's turn).
      const reminders: ReminderRepository = {
        ...deps.reminders,
        subscriptionsToCheck: async (now, page) => {
          const read = await deps.reminders.subscriptionsToCheck(now, page);
          if (read.rows.some((r) => r.subscription.id === changed)) {
            const sub = (await deps.subscriptions.findById(changed))!;
            expect(await deps.subscriptions.save({ ...sub, quantity: 2 }, sub.version, {})).toBe('saved');
          }
          return read;
        },
      };
      const pass = await discoverReminders({ ...deps, reminders }, deps.clock.now(), { pageSize: PAGE });
      expect(pass.subscriptionRowsRead).toBe(QUEUED.length);
      expect(pass.advanced).toBe(QUEUED.length - 1);
      expect(await checkAt(changed)).toEqual(EPOCH);
      // The next pass looks at that row, and at it only.
      const next = await discoverReminders(deps, deps.clock.now(), { pageSize: PAGE });
      expect(next.subscriptionRowsRead).toBe(1);
      expect(next.advanced).toBe(1);
      expect(await checkAt(changed)).toEqual(days(2));
    });

    it('R-REM-2: any save re-queues the row (the check time goes back to the epoch)', async () => {
      const id = FAR[0]!;
      const sub = (await deps.subscriptions.findById(id))!;
      expect(await deps.subscriptions.save(sub, sub.version, {})).toBe('saved');
      expect(await checkAt(id)).toEqual(EPOCH);
    });

    it('R-REM-2: a catalog change to what a product reminds of re-queues its subscriptions at the next start', async () => {
      const id = FAR[1]!;
      const product = await db.prisma.product.findUniqueOrThrow({ where: { id: 'm365-e3' } });
      // The stored product differs from the seed's (as after a release that changes its policy).
      await db.prisma.product.update({
        where: { id: 'm365-e3' },
        data: { commercePolicy: product.commercePolicy === 'legacy' ? 'new-commerce' : 'legacy' },
      });
      await seedDatabase(db.prisma, { now: NOW });
      expect(await checkAt(id)).toEqual(EPOCH);
      // An unchanged catalog leaves check times alone.
      await db.prisma.subscription.update({ where: { id }, data: { reminderCheckAt: days(365) } });
      await seedDatabase(db.prisma, { now: NOW });
      expect(await checkAt(id)).toEqual(days(365));
    });

    it('R-REM-2: a pass reads at most its page bound, and the next pass continues where it stopped', async () => {
      const bounded = await discoverReminders(deps, deps.clock.now(), { pageSize: PAGE, maxPages: 2 });
      expect(bounded.subscriptionRowsRead).toBe(2 * PAGE);
      expect(bounded.complete).toBe(false);
      const rest = await discoverReminders(deps, deps.clock.now(), { pageSize: PAGE, maxPages: 2 });
      expect(rest.subscriptionRowsRead).toBe(QUEUED.length - 2 * PAGE);
      expect(rest.complete).toBe(true);
      expect(bounded.created + rest.created).toBe(QUEUED.length);
    });
  });
}

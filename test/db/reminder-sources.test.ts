/**
 * What the reminder repository reads and writes for a pass, on the embedded database and on PostgreSQL:
 * who last suspended or cancelled each subscription (read in the page's own statement), the reminders
 * created (their rows in one JSON parameter, each once by its unique key) and the check times advanced
 * (likewise, each conditional on the version read).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/db/create-deps.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { seedDatabase } from '../../src/db/seed.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import type { NewReminder } from '../../src/domain/ports/reminders.js';
import { at, fixedClock } from '../../src/domain/shared/time.js';
import { DATABASES, type TestDatabase } from '../support/databases.js';
import { insertCustomerWithOrder } from '../support/seeded-database.js';

const NOW = new Date('2026-11-21T09:00:00.000Z');
const DAY = 86_400_000;
const days = (n: number) => new Date(NOW.getTime() + n * DAY);
const BUYER = 'bbbbbbbb-0000-4000-8000-000000000001';

const subscription = (id: string) => ({
  id,
  customerId: 'cus-sources',
  productId: 'm365-e3',
  orderId: 'ORD-SOURCES1',
  quantity: 1,
  billingCycle: 'monthly',
  status: 'active',
  autoRenew: true,
  orderedAt: days(-28),
  termStartAt: days(-28),
  renewsAt: days(2),
  reminderCheckAt: new Date(0),
});

/** An audit event about a subscription, `minutes` after NOW minus a day. */
const audit = (
  subjectId: string,
  action: string,
  actor: string | null,
  minutes: number,
  outcome = 'allowed',
) => ({
  at: new Date(NOW.getTime() - DAY + minutes * 60_000),
  actorAadObjectId: actor,
  action,
  outcome,
  subjectId,
  customerId: 'cus-sources',
});

const reminder = (id: string, overrides: Partial<NewReminder> = {}): NewReminder => ({
  id,
  kind: 'cancellation-1d',
  subjectId: 'SUB-sources-acted',
  recipientAadObjectId: BUYER,
  eventAt: at('2026-11-22T08:59:59.123Z'),
  uniqueKey: `cancellation-1d:SUB-sources-acted:${id}`,
  payload: {
    subscriptionId: 'SUB-sources-acted',
    product: 'Microsoft 365 E3 "annual" — ünïcode',
    seats: 3,
    none: null,
  },
  createdAt: at(NOW),
  nextAttemptAt: at('2026-11-21T09:00:00.001Z'),
  ...overrides,
});

for (const { name, create } of DATABASES) {
  describe(`reminder sources and writes on the ${name} database`, () => {
    let target: TestDatabase;
    let db: Database;
    let deps: AllDeps;

    beforeAll(async () => {
      target = await create();
      db = await openDatabase(target.target);
      await seedDatabase(db.prisma, { now: NOW });
      await insertCustomerWithOrder(db.prisma, {
        id: 'cus-sources',
        name: 'Sources Ltd',
        tenantId: 'cccccccc-0000-4000-8000-000000000003',
        orderId: 'ORD-SOURCES1',
        since: days(-400),
        placedAt: days(-28),
      });
      await db.prisma.subscription.createMany({
        data: ['SUB-sources-acted', 'SUB-sources-quiet', 'SUB-sources-other'].map(subscription),
      });
      // Everything else waits a year, so a pass reads only these three.
      await db.prisma.subscription.updateMany({
        where: { id: { notIn: ['SUB-sources-acted', 'SUB-sources-quiet', 'SUB-sources-other'] } },
        data: { reminderCheckAt: days(365) },
      });
      await db.prisma.auditEvent.createMany({
        data: [
          audit('SUB-sources-acted', 'subscription.suspend', 'suspender-first', 1),
          audit('SUB-sources-acted', 'subscription.suspend', 'suspender-last', 2),
          // Newer, but refused, or without an actor: not who last suspended it.
          audit('SUB-sources-acted', 'subscription.suspend', 'suspender-denied', 3, 'denied'),
          audit('SUB-sources-acted', 'subscription.suspend', null, 4),
          audit('SUB-sources-acted', 'subscription.cancel', 'canceller-last', 5),
          audit('SUB-sources-acted', 'subscription.cancel', 'canceller-first', 0),
          // Another action on it, and the same actions on another subscription.
          audit('SUB-sources-acted', 'subscription.reactivate', 'reactivator', 6),
          audit('SUB-sources-other', 'subscription.suspend', 'someone-else', 1),
        ],
      });
      deps = createDeps(db, fixedClock(NOW));
    });

    afterAll(async () => {
      await db?.close();
      await target?.drop();
    });

    const expectedActors = {
      'SUB-sources-acted': {
        'subscription.suspend': 'suspender-last',
        'subscription.cancel': 'canceller-last',
      },
      'SUB-sources-quiet': {},
      'SUB-sources-other': { 'subscription.suspend': 'someone-else' },
    };

    it('reads who last suspended and who last cancelled each subscription with the page of its check time', async () => {
      const page = await deps.reminders.subscriptionsToCheck(at(NOW), { after: null, limit: 10 });
      expect(Object.fromEntries(page.rows.map((r) => [r.subscription.id, r.lastActorFor]))).toEqual(
        expectedActors,
      );
      expect(page.rows.map((r) => r.placedBy)).toEqual(page.rows.map(() => expect.any(String)));
    });

    it('reads the same when the sources are asked for by id (claimed reminders re-evaluated)', async () => {
      const rows = await deps.reminders.subscriptionSourcesById(Object.keys(expectedActors));
      expect(Object.fromEntries(rows.map((r) => [r.subscription.id, r.lastActorFor]))).toEqual(
        expectedActors,
      );
    });

    it('creates each reminder once by its unique key, its instants to the millisecond and its payload as given', async () => {
      expect(await deps.reminders.create([reminder('rem-a'), reminder('rem-b')])).toBe(2);
      // The same unique keys again (another instance, or a pass after a crash), and one new: one created.
      expect(
        await deps.reminders.create([
          reminder('rem-a2', { uniqueKey: reminder('rem-a').uniqueKey }),
          reminder('rem-b2', { uniqueKey: reminder('rem-b').uniqueKey }),
          reminder('rem-c'),
        ]),
      ).toBe(1);
      const stored = await db.prisma.reminder.findMany({
        where: { id: { startsWith: 'rem-' } },
        orderBy: { id: 'asc' },
      });
      expect(stored.map((r) => r.id)).toEqual(['rem-a', 'rem-b', 'rem-c']);
      const a = stored[0]!;
      expect(a).toMatchObject({
        kind: 'cancellation-1d',
        subjectId: 'SUB-sources-acted',
        recipientAadObjectId: BUYER,
        uniqueKey: 'cancellation-1d:SUB-sources-acted:rem-a',
        payload: reminder('rem-a').payload,
        attempts: 0,
        sentAt: null,
      });
      expect(a.eventAt.toISOString()).toBe('2026-11-22T08:59:59.123Z');
      expect(a.createdAt.toISOString()).toBe(NOW.toISOString());
      expect(a.nextAttemptAt.toISOString()).toBe('2026-11-21T09:00:00.001Z');
      expect(await deps.reminders.create([])).toBe(0);
    });

    it('advances check times to the millisecond, or to never, only for rows still at the version read', async () => {
      const current = await db.prisma.subscription.findMany({
        where: { id: { in: ['SUB-sources-acted', 'SUB-sources-quiet', 'SUB-sources-other'] } },
        select: { id: true, version: true },
      });
      const version = (id: string) => current.find((c) => c.id === id)!.version;
      const advanced = await deps.reminders.advanceReminderChecks([
        {
          id: 'SUB-sources-acted',
          version: version('SUB-sources-acted'),
          checkAt: at('2026-11-23T01:02:03.456Z'),
        },
        { id: 'SUB-sources-quiet', version: version('SUB-sources-quiet'), checkAt: null },
        // Saved since it was read: stays queued.
        { id: 'SUB-sources-other', version: version('SUB-sources-other') - 1, checkAt: at(days(30)) },
      ]);
      expect(advanced).toBe(2);
      const after = await db.prisma.subscription.findMany({
        where: { id: { in: ['SUB-sources-acted', 'SUB-sources-quiet', 'SUB-sources-other'] } },
        select: { id: true, reminderCheckAt: true },
        orderBy: { id: 'asc' },
      });
      expect(after.map((r) => [r.id, r.reminderCheckAt?.toISOString() ?? null])).toEqual([
        ['SUB-sources-acted', '2026-11-23T01:02:03.456Z'],
        ['SUB-sources-other', '1970-01-01T00:00:00.000Z'],
        ['SUB-sources-quiet', null],
      ]);
      expect(await deps.reminders.advanceReminderChecks([])).toBe(0);
    });

    it('lets two instances write overlapping pages at once in opposite orders without a deadlock', async () => {
      // Two instances can hold the same rows when their passes overlap; each statement must take its row
      // locks in one order, whatever order its rows were given in, or PostgreSQL kills one as a deadlock.
      const ids = Array.from({ length: 400 }, (_, i) => `SUB-sources-many-${String(i).padStart(3, '0')}`);
      await db.prisma.subscription.createMany({
        data: ids.map((id) => ({ ...subscription(id), reminderCheckAt: days(365) })),
      });
      const rows = await db.prisma.subscription.findMany({
        where: { id: { in: ids } },
        select: { id: true, version: true },
      });
      for (let round = 0; round < 10; round++) {
        const checks = rows.map((r) => ({ id: r.id, version: r.version, checkAt: at(days(365 + round)) }));
        const reminders = ids.map((id) =>
          reminder(`many-${round}-${id}`, {
            subjectId: id,
            uniqueKey: `cancellation-1d:${id}:round-${round}`,
          }),
        );
        const [forward, backward, createdForward, createdBackward] = await Promise.all([
          deps.reminders.advanceReminderChecks(checks),
          deps.reminders.advanceReminderChecks([...checks].reverse()),
          deps.reminders.create(reminders),
          deps.reminders.create([...reminders].reverse().map((r) => ({ ...r, id: `${r.id}-again` }))),
        ]);
        expect(forward + backward).toBe(2 * ids.length);
        expect(createdForward + createdBackward).toBe(ids.length);
      }
    });
  });
}

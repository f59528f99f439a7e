/**
 * Reminders with several instances against one PostgreSQL database at read committed (the embedded
 * database serializes everything and would hide races): each reminder is claimed by one instance
 * (FOR UPDATE SKIP LOCKED and a lease) and delivered once. Runs when TEST_DATABASE_URL is set.
 *
 * Two ways: two real bots (startTestBot) on one database whose passes run at the same time, counting
 * what arrives at the local connector; and several `runReminders` instances on their own connections,
 * counting what a fake notifier is asked to deliver. The demo's own subscriptions are ended first, so
 * everything counted was made here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps } from '../../src/db/create-deps.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { seedDatabase } from '../../src/db/seed.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import { purchaseExecutor } from '../../src/domain/purchase/purchase-cart.js';
import { startPurchase } from '../../src/domain/purchase/start-purchase.js';
import { confirmPendingAction } from '../../src/domain/confirmations/confirm-pending-action.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import type { ReminderKind, StoredReminder } from '../../src/domain/ports/reminders.js';
import { REMINDER_LEAD } from '../../src/domain/reminders/reminder-schedule.js';
import { runReminders } from '../../src/domain/reminders/run-reminders.js';
import { type ReminderNotifier } from '../../src/domain/reminders/reminder-notifier.js';
import { addHours, at, movableClock } from '../../src/domain/shared/time.js';
import {
  buttonsOf,
  cardsOf,
  messageActivity,
  post,
  startTestBot,
  textOf,
  type Card,
  type TestBot,
} from '../support/bot.js';
import { TEST_DATABASE_URL, createPostgresDatabase, type TestDatabase } from '../support/databases.js';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector.js';
import { staffWithRole, type TestPerson } from '../support/staff.js';

const START = '2026-11-21T09:00:00.000Z';
const HOUR_MS = 3_600_000;

// English speakers who may buy subscriptions: the reminders go to them.
const BUYERS = [staffWithRole('helpdesk-agent'), staffWithRole('admin-agent'), staffWithRole('global-admin')];
const CUSTOMERS = ['cus-contoso', 'cus-litware', 'cus-coho-winery', 'cus-fourth-coffee'];

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

async function buy(deps: AllDeps, person: TestPerson, customer: string): Promise<string> {
  const staff = (await deps.staff.find(person.aadObjectId))!;
  const actor: Actor = {
    aadObjectId: person.aadObjectId,
    displayName: person.displayName,
    roles: staff.roles,
  };
  const cart = value(
    await startPurchase(deps, actor, { customer, product: 'm365-e3', quantity: 1, billingCycle: 'monthly' }),
  );
  return value(await confirmPendingAction(deps, actor, purchaseExecutor, cart.pendingId)).result.lines[0]!
    .subscriptionId!;
}

/** Buys `perBuyer` monthly subscriptions for each buyer now: their ids. */
async function buyMany(deps: AllDeps, perBuyer: number): Promise<string[]> {
  const subs: string[] = [];
  for (const person of BUYERS)
    for (let i = 0; i < perBuyer; i++) subs.push(await buy(deps, person, CUSTOMERS[i % CUSTOMERS.length]!));
  return subs;
}

/** The passes a scheduler timer would run from `from` to 25 h later, every `stepMs`. */
function* instantsThroughTheWindow(from: number, stepMs: number) {
  for (let t = from; t <= from + 25 * HOUR_MS; t += stepMs) yield t;
}

describe.runIf(!!TEST_DATABASE_URL)('reminders on PostgreSQL with two bot instances', () => {
  const clock = movableClock(START);
  let database: TestDatabase;
  let connector: RecordingConnector;
  let first: TestBot;
  let second: TestBot;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    connector = await startRecordingConnector();
    const env = {
      REMINDER_INTERVAL_SECONDS: '0',
      RELATIONSHIP_WEBHOOK_SECRET: 'pg-webhook-secret-0123456789',
    };
    first = await startTestBot({ database: database.target, clock, env });
    second = await startTestBot({ database: database.target, clock, env });
    await first.db.prisma.subscription.updateMany({
      data: { status: 'cancelled', cancelledAt: clock.now().toDate(), cancelAt: null, autoRenew: false },
    });
    for (const person of BUYERS) {
      const reply = await post(
        first.endpoint,
        messageActivity('help', { from: person, serviceUrl: connector.serviceUrl, locale: 'en-US' }),
      );
      expect(reply.status).toBe(200);
    }
  }, 120_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await connector?.close();
    await database?.drop();
  });

  it('two schedulers running their passes at the same time, again and again, deliver each reminder exactly once', async () => {
    const subs = await buyMany(first.deps, 6); // 18 subscriptions: 36 reminders (24 h and 2 h ahead)
    const since = connector.requests.length;

    for (const instant of instantsThroughTheWindow(clock.now().valueOf(), HOUR_MS / 2)) {
      clock.set(instant);
      await Promise.all([
        first.reminders.runOnce(),
        second.reminders.runOnce(),
        first.reminders.runOnce(),
        second.reminders.runOnce(),
      ]);
    }

    const delivered = connector.requests.slice(since).filter((r) => r.status === 200);
    const seen = delivered.map((r) => {
      const card = (r.activity.attachments as Array<{ content: Card }>)[0]!.content;
      const kind = textOf(card).includes('Less than 24 hours') ? '24h' : '2h';
      return `${String(buttonsOf(card)[0]?.data.ref)}:${kind}`;
    });
    const expected = subs.flatMap((sub) => [`${sub}:24h`, `${sub}:2h`]);
    expect([...seen].sort()).toEqual([...expected].sort());

    const rows = await first.db.prisma.reminder.findMany({ where: { subjectId: { in: subs } } });
    expect(rows).toHaveLength(expected.length);
    expect(rows.every((r) => r.sentAt !== null && r.skippedAt === null && r.attempts === 0)).toBe(true);
    const instances = new Set([first.reminders.instanceId, second.reminders.instanceId]);
    expect(rows.every((r) => instances.has(r.claimedBy ?? ''))).toBe(true);
  }, 120_000);

  it('R-REL-1: two people inviting the same customer at once through the two instances store one pending request', async () => {
    const [a, b] = [staffWithRole('sales-agent'), staffWithRole('billing-admin')];
    const replies = await Promise.all([
      post(first.endpoint, messageActivity('invite Humongous Insurance', { from: a, locale: 'en-US' })),
      post(second.endpoint, messageActivity('invite Humongous Insurance', { from: b, locale: 'en-US' })),
    ]);
    const texts = replies.map((r) => textOf(cardsOf(r)[0]));
    expect(texts.every((t) => t.includes('Reseller relationship invitation: Humongous Insurance'))).toBe(
      true,
    );
    expect(texts.filter((t) => t.includes('already waiting'))).toHaveLength(1);
    const requests = await first.db.prisma.resellerRelationshipRequest.findMany({
      where: { customerId: 'cus-humongous-insurance' },
    });
    expect(requests).toHaveLength(1);
  });
});

describe.runIf(!!TEST_DATABASE_URL)('reminders on PostgreSQL with four runReminders instances', () => {
  const clock = movableClock(START);
  let database: TestDatabase;
  const dbs: Database[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase();
    for (let i = 0; i < 4; i++) dbs.push(await openDatabase(database.target));
    await seedDatabase(dbs[0]!.prisma, { now: new Date(START), includeDemo: true });
    await dbs[0]!.prisma.subscription.updateMany({
      data: { status: 'cancelled', cancelledAt: new Date(START), cancelAt: null, autoRenew: false },
    });
  }, 120_000);

  afterAll(async () => {
    for (const db of dbs) await db.close();
    await database?.drop();
  });

  it('instances on their own connections, 8 passes at a time through the window, are asked to deliver each reminder once, and sentAt is set once', async () => {
    const deps = dbs.map((db) => createDeps(db, clock));
    const subs = await buyMany(deps[0]!, 10); // 30 subscriptions: 60 reminders
    const deliveries: Array<{ instance: string; reminder: StoredReminder }> = [];
    const notifierFor = (instance: string): ReminderNotifier => ({
      async deliver(_recipient, reminders) {
        // A little time on the wire, so that passes overlap.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        for (const reminder of reminders) deliveries.push({ instance, reminder });
        return { kind: 'sent' };
      },
    });

    for (const instant of instantsThroughTheWindow(clock.now().valueOf(), HOUR_MS)) {
      clock.set(instant);
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          runReminders(
            deps[i % deps.length]!,
            notifierFor(`instance-${i % 4}`),
            `instance-${i % 4}`,
            Math.random,
          ),
        ),
      );
    }

    const mine = deliveries.filter((d) => subs.includes(d.reminder.subjectId));
    const ids = mine.map((d) => d.reminder.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(subs.length * 2);
    const byKind = mine.map((d) => `${d.reminder.subjectId}:${d.reminder.kind}`).sort();
    expect(byKind).toEqual(
      subs.flatMap((sub) => [`${sub}:cancel-window-24h`, `${sub}:cancel-window-2h`]).sort(),
    );

    const rows = await dbs[0]!.prisma.reminder.findMany({ where: { subjectId: { in: subs } } });
    expect(rows).toHaveLength(subs.length * 2);
    for (const row of rows) {
      const sentBy = mine.filter((d) => d.reminder.id === row.id).map((d) => d.instance);
      expect(sentBy).toEqual([row.claimedBy]);
      expect(row.sentAt).not.toBeNull();
      // Sent once due, and before the window closed.
      const dueAt = addHours(at(row.eventAt), -REMINDER_LEAD[row.kind as ReminderKind]);
      expect(at(row.sentAt!).isBefore(dueAt)).toBe(false);
      expect(at(row.sentAt!).isBefore(at(row.eventAt))).toBe(true);
    }
  }, 180_000);
});

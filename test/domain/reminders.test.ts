/**
 * Proactive reminders (src/domain/reminders/) over the in-memory fakes seeded with the demo: a
 * movable clock walked through each window, passes of `runReminders`, and a fake notifier that records
 * every delivery it is asked for. Subscriptions, suspensions, cancellations and download links are made
 * through the same use cases the bot calls, so the recipient is whoever really acted. The demo's own
 * subscriptions remind their owners too: every assertion looks only at the subjects its test made.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/shared/actor.js';
import { purchaseExecutor } from '../../src/domain/purchase/purchase-cart.js';
import { startPurchase } from '../../src/domain/purchase/start-purchase.js';
import { cancelExecutor } from '../../src/domain/subscriptions/cancel-subscription.js';
import { previewCancellation } from '../../src/domain/subscriptions/preview-cancellation.js';
import { confirmPendingAction } from '../../src/domain/confirmations/confirm-pending-action.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import type { ReminderKind, StoredReminder } from '../../src/domain/ports/reminders.js';
import type { ReminderPreferences } from '../../src/domain/ports/staff.js';
import {
  QUIET_HOURS_AFTER_ACTION,
  backoffMs,
  CLAIM_LEASE_MS,
  MAX_BACKOFF_MS,
  nextDigestAt,
  REMINDER_LEAD,
} from '../../src/domain/reminders/reminder-schedule.js';
import { runReminders } from '../../src/domain/reminders/run-reminders.js';
import { setReminderPreferences } from '../../src/domain/reminders/set-reminder-preferences.js';
import { type DeliveryResult, type ReminderNotifier } from '../../src/domain/reminders/reminder-notifier.js';
import { issueKeyExecutor } from '../../src/domain/software/issue-key.js';
import { startKeyRequest } from '../../src/domain/software/request-key.js';
import { previewSuspend, suspendExecutor } from '../../src/domain/subscriptions/suspend-subscription.js';
import { addDays, addHours, at, HOUR_MS, movableClock, type Dayjs } from '../../src/domain/shared/time.js';
import type { FakeDatabase, ReminderRow } from '../fakes/fake-database.js';
import { fakeDeps, seededFakeDeps, sequentialIds } from '../fakes/fake-deps.js';
import { fakeSecrets } from '../fakes/fake-secrets.js';
import { anActor } from '../support/builders.js';

const NOW = '2026-11-21T09:00:00.000Z';
const MINUTE_MS = 60_000;

const SALES = anActor(['sales-agent']); // Sam Chen
const BILLING = anActor(['billing-admin']); // Bora Lee, Asia/Seoul
const HELPDESK = anActor(['helpdesk-agent']); // Hana Choi
const ADMIN_AGENT = anActor(['admin-agent']); // Ada Wong
const GLOBAL = anActor(['global-admin']); // Grace Kim

const clock = movableClock(NOW);
const now = () => clock.now();
beforeEach(() => clock.set(NOW));

// ---- fake tables per group of tests, seeded with the demo ----

interface World {
  db: FakeDatabase;
  deps: AllDeps;
}

/** Its own seeded fake database for the tests of one `describe`. */
function useWorld(): World {
  const world = {} as World;
  beforeAll(() => {
    const deps = seededFakeDeps(NOW, { clock });
    world.db = deps.db;
    world.deps = deps;
  });
  return world;
}

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

// ---- a notifier that records what it is asked to deliver ----

interface Delivery {
  readonly at: string;
  readonly recipient: string;
  readonly reminders: readonly StoredReminder[];
  readonly preferences: ReminderPreferences;
  readonly result: DeliveryResult;
}

type Answer = (recipient: string, reminders: readonly StoredReminder[]) => DeliveryResult;

function fakeNotifier(answer: Answer = () => ({ kind: 'sent' })): ReminderNotifier & { calls: Delivery[] } {
  const calls: Delivery[] = [];
  return {
    calls,
    async deliver(recipient, reminders, preferences) {
      const result = answer(recipient, reminders);
      calls.push({ at: now().toISOString(), recipient, reminders: [...reminders], preferences, result });
      return result;
    },
  };
}

/** The reminders about `subjectId` that were delivered (the notifier said 'sent'), in order. */
const sentAbout = (notifier: { calls: Delivery[] }, subjectId: string) =>
  notifier.calls
    .filter((call) => call.result.kind === 'sent')
    .flatMap((call) =>
      call.reminders
        .filter((r) => r.subjectId === subjectId)
        .map((r) => ({
          kind: r.kind,
          recipient: call.recipient,
          at: call.at,
          eventAt: r.eventAt.toISOString(),
          id: r.id,
        })),
    );

const kindsAbout = (notifier: { calls: Delivery[] }, subjectId: string): ReminderKind[] =>
  sentAbout(notifier, subjectId).map((r) => r.kind);

const pass = (world: World, notifier: ReminderNotifier, instanceId = 'instance-a') =>
  runReminders(world.deps, notifier, instanceId, () => 0.5);

/** The stored reminders about `subjectId`, oldest first, with their instants as a row gives them (Dates). */
const rowsAbout = async (world: World, subjectId: string) =>
  [...world.db.tables.reminders.values()]
    .filter((r) => r.subjectId === subjectId)
    .sort((a, b) => a.createdAt.valueOf() - b.createdAt.valueOf())
    .map((r: ReminderRow) => ({
      ...r,
      eventAt: r.eventAt.toDate(),
      createdAt: r.createdAt.toDate(),
      nextAttemptAt: r.nextAttemptAt.toDate(),
      claimedUntil: r.claimedUntil?.toDate() ?? null,
      sentAt: r.sentAt?.toDate() ?? null,
      skippedAt: r.skippedAt?.toDate() ?? null,
    }));

// ---- data made through the use cases ----

/**
 * Buys one subscription as `actor`: its id. Bought QUIET_HOURS_AFTER_ACTION hours before now, so that
 * reminders about it may be due now (R-REM-1); `{ rightNow: true }` buys at this very instant.
 */
async function buy(
  world: World,
  actor: Actor,
  customer: string,
  product: string,
  billingCycle?: 'monthly' | 'annual',
  { rightNow = false }: { rightNow?: boolean } = {},
): Promise<string> {
  const present = now();
  if (!rightNow) clock.set(addHours(present, -QUIET_HOURS_AFTER_ACTION).valueOf());
  try {
    return await buyNow(world, actor, customer, product, billingCycle);
  } finally {
    clock.set(present.valueOf());
  }
}

async function buyNow(
  world: World,
  actor: Actor,
  customer: string,
  product: string,
  billingCycle?: 'monthly' | 'annual',
): Promise<string> {
  const cart = value(
    await startPurchase(world.deps, actor, {
      customer,
      product,
      quantity: 5,
      ...(billingCycle ? { billingCycle } : {}),
    }),
  );
  const bought = value(await confirmPendingAction(world.deps, actor, purchaseExecutor, cart.pendingId));
  return bought.result.lines[0]!.subscriptionId!;
}

/** Suspends as `actor` now: the instant its data is deleted. */
async function suspend(world: World, actor: Actor, subscriptionId: string): Promise<Dayjs> {
  const preview = value(await previewSuspend(world.deps, actor, { subscription: subscriptionId }));
  value(await confirmPendingAction(world.deps, actor, suspendExecutor, preview.pendingId!));
  const stored = await world.deps.subscriptions.findById(subscriptionId);
  return stored!.dataDeletedAt!;
}

/** Cancels as `actor` now, past the full-credit window: the instant the cancellation takes effect. */
async function scheduleCancellation(world: World, actor: Actor, subscriptionId: string): Promise<Dayjs> {
  const preview = value(
    await previewCancellation(world.deps, actor, { subscriptionId, reason: 'moving to another plan' }),
  );
  expect(preview.effect.kind).toBe('cancel-at-renewal');
  value(await confirmPendingAction(world.deps, actor, cancelExecutor, preview.pendingId));
  const stored = await world.deps.subscriptions.findById(subscriptionId);
  return stored!.cancelAt!;
}

let orders = 0;

/** A perpetual-software order placed by `placedBy` now, and a key and download link issued by `issuer`. */
async function issueDownloadLink(
  world: World,
  placedBy: Actor,
  issuer: Actor,
): Promise<{ linkId: string; orderId: string; expiresAt: Dayjs }> {
  orders += 1;
  const orderId = `ORD-REM${orders}`;
  const product = (await world.deps.products.findById('office-ltsc-2021'))!;
  await world.deps.orders.create({
    id: orderId,
    customerId: 'cus-coho-winery',
    placedByAadObjectId: placedBy.aadObjectId!,
    placedAt: now(),
    total: product.unitPrice,
    currency: product.currency,
    pendingActionId: null,
    lines: [
      {
        id: `${orderId}-1`,
        productId: product.id,
        quantity: 1,
        billingCycle: 'annual',
        unitPrice: product.unitPrice,
      },
    ],
    subscriptions: [],
  });
  const chooser = value(await startKeyRequest(world.deps, issuer, { product: orderId, customer: '' }));
  value(
    await confirmPendingAction(world.deps, issuer, issueKeyExecutor, chooser.pendingId, {
      version: '2021',
      language: 'en-US',
      variant: 'x64',
    }),
  );
  const link = [...world.db.tables.downloadLinks.values()].find((l) => l.orderId === orderId)!;
  return { linkId: link.id, orderId, expiresAt: link.expiresAt };
}

// ---- each kind in its window, to the person who acted ----

describe('each reminder in its window, to the person who acted', () => {
  const world = useWorld();

  it('R-CAN-1, R-REM-1: a monthly legacy subscription bought at T reminds its buyer of the window once the quiet hours are over (not 1 ms before), and 2 h ahead at T+22h', async () => {
    const boughtAt = now();
    const sub = await buy(world, SALES, 'cus-litware', 'm365-e3', 'monthly', { rightNow: true });
    const closesAt = addHours(boughtAt, 24);
    const quietEnds = addHours(boughtAt, QUIET_HOURS_AFTER_ACTION);
    const notifier = fakeNotifier();

    // Right after the purchase its card has just shown the window: nothing to remind of yet.
    await pass(world, notifier);
    clock.set(quietEnds.subtract(1, 'ms').valueOf());
    await pass(world, notifier);
    expect(sentAbout(notifier, sub)).toEqual([]);

    clock.set(quietEnds.valueOf());
    await pass(world, notifier);
    expect(sentAbout(notifier, sub)).toEqual([
      expect.objectContaining({
        kind: 'cancel-window-24h',
        recipient: SALES.aadObjectId,
        at: quietEnds.toISOString(),
        eventAt: closesAt.toISOString(),
      }),
    ]);

    clock.set(addHours(boughtAt, 22).subtract(1, 'ms').valueOf());
    await pass(world, notifier);
    expect(kindsAbout(notifier, sub)).toEqual(['cancel-window-24h']);

    clock.set(addHours(boughtAt, 22).valueOf());
    await pass(world, notifier);
    expect(sentAbout(notifier, sub)).toEqual([
      expect.objectContaining({ kind: 'cancel-window-24h' }),
      expect.objectContaining({
        kind: 'cancel-window-2h',
        recipient: SALES.aadObjectId,
        at: addHours(boughtAt, 22).toISOString(),
        eventAt: closesAt.toISOString(),
      }),
    ]);

    // The window closes at T+24h (half-open): nothing more, then or later.
    for (const later of [closesAt.subtract(1, 'ms'), closesAt, addHours(closesAt, 1), addDays(closesAt, 3)]) {
      clock.set(later.valueOf());
      await pass(world, notifier);
    }
    expect(kindsAbout(notifier, sub)).toEqual(['cancel-window-24h', 'cancel-window-2h']);
  });

  it('R-CAN-1: when no pass runs until the window has closed, no late reminder is sent for it', async () => {
    const boughtAt = now();
    const sub = await buy(world, SALES, 'cus-trey-research', 'exchange-online-p1', 'monthly');
    const notifier = fakeNotifier();

    clock.set(addHours(boughtAt, 24).valueOf());
    await pass(world, notifier);
    clock.set(addDays(boughtAt, 2).valueOf());
    await pass(world, notifier);

    expect(sentAbout(notifier, sub)).toEqual([]);
    expect(await rowsAbout(world, sub)).toEqual([]);
  });

  it('R-BUY-9: a trial reminds its buyer 3 days (72 h) before it converts to paid, not 1 ms earlier', async () => {
    const boughtAt = now();
    const sub = await buy(world, SALES, 'cus-fourth-coffee', 'm365-e5-trial', undefined, { rightNow: true });
    const trialEndsAt = (await world.deps.subscriptions.findById(sub))!.trialEndsAt!;
    expect(trialEndsAt.toISOString()).toBe(addDays(boughtAt, 30).toISOString());
    const dueAt = addHours(trialEndsAt, -REMINDER_LEAD['trial-ends-3d']);
    const notifier = fakeNotifier();

    await pass(world, notifier); // at the purchase: a trial has no full-credit window to remind of
    clock.set(dueAt.subtract(1, 'ms').valueOf());
    await pass(world, notifier);
    expect(sentAbout(notifier, sub)).toEqual([]);

    clock.set(dueAt.valueOf());
    await pass(world, notifier);
    clock.set(addHours(dueAt, 71).valueOf());
    await pass(world, notifier);
    expect(sentAbout(notifier, sub)).toEqual([
      {
        kind: 'trial-ends-3d',
        recipient: SALES.aadObjectId,
        at: dueAt.toISOString(),
        eventAt: trialEndsAt.toISOString(),
        id: expect.any(String),
      },
    ]);
  });

  it('R-SUS-2: a suspended subscription reminds the person who suspended it (not the buyer) 7 days before its data is deleted', async () => {
    const sub = await buy(world, SALES, 'cus-contoso', 'm365-e5', 'annual');
    clock.advance(3 * HOUR_MS);
    const deletedAt = await suspend(world, BILLING, sub);
    expect(deletedAt.toISOString()).toBe(addDays(now(), 90).toISOString());
    const dueAt = addDays(deletedAt, -7);
    const notifier = fakeNotifier();

    await pass(world, notifier);
    clock.set(dueAt.subtract(1, 'ms').valueOf());
    await pass(world, notifier);
    expect(kindsAbout(notifier, sub)).not.toContain('data-deletion-7d');

    clock.set(dueAt.valueOf());
    await pass(world, notifier);
    expect(sentAbout(notifier, sub).filter((r) => r.kind === 'data-deletion-7d')).toEqual([
      expect.objectContaining({
        recipient: BILLING.aadObjectId,
        at: dueAt.toISOString(),
        eventAt: deletedAt.toISOString(),
      }),
    ]);
  });

  it('R-KEY-3: a download link reminds the person it was issued to (not the buyer) 24 h before it expires', async () => {
    const issuedAt = now();
    const link = await issueDownloadLink(world, GLOBAL, ADMIN_AGENT);
    expect(link.expiresAt.toISOString()).toBe(addDays(issuedAt, 14).toISOString());
    const dueAt = addHours(link.expiresAt, -24);
    const notifier = fakeNotifier();

    await pass(world, notifier);
    clock.set(dueAt.subtract(1, 'ms').valueOf());
    await pass(world, notifier);
    expect(sentAbout(notifier, link.linkId)).toEqual([]);

    clock.set(dueAt.valueOf());
    await pass(world, notifier);
    expect(sentAbout(notifier, link.linkId)).toEqual([
      expect.objectContaining({
        kind: 'link-expires-1d',
        recipient: ADMIN_AGENT.aadObjectId,
        at: dueAt.toISOString(),
        eventAt: link.expiresAt.toISOString(),
      }),
    ]);
    const delivered = notifier.calls.find((c) => c.reminders.some((r) => r.subjectId === link.linkId))!;
    expect(delivered.reminders[0]!.payload).toMatchObject({
      orderId: link.orderId,
      product: 'Office LTSC Professional Plus 2021',
    });
  });

  it('R-CAN-2: a scheduled cancellation reminds the person who scheduled it (not the buyer) the day before it takes effect', async () => {
    const sub = await buy(world, SALES, 'cus-coho-winery', 'm365-e3', 'monthly', { rightNow: true });
    clock.advance(2 * 24 * HOUR_MS);
    const cancelAt = await scheduleCancellation(world, HELPDESK, sub);
    expect(cancelAt.toISOString()).toBe(at(NOW).add(1, 'month').toISOString());
    const dueAt = addHours(cancelAt, -24);
    const notifier = fakeNotifier();

    await pass(world, notifier);
    clock.set(dueAt.subtract(1, 'ms').valueOf());
    await pass(world, notifier);
    expect(kindsAbout(notifier, sub)).not.toContain('cancellation-1d');

    clock.set(dueAt.valueOf());
    await pass(world, notifier);
    expect(sentAbout(notifier, sub).filter((r) => r.kind === 'cancellation-1d')).toEqual([
      expect.objectContaining({
        recipient: HELPDESK.aadObjectId,
        at: dueAt.toISOString(),
        eventAt: cancelAt.toISOString(),
      }),
    ]);
  });

  it('R-CAN-6: a reminder whose subject changed before it went out (cancellation withdrawn) is dropped, not sent', async () => {
    const sub = await buy(world, SALES, 'cus-fourth-coffee', 'm365-e3', 'monthly');
    clock.advance(2 * 24 * HOUR_MS);
    const cancelAt = await scheduleCancellation(world, HELPDESK, sub);
    const dueAt = addHours(cancelAt, -24);
    // The reminder fell due, but its first delivery failed; it waits for the next attempt.
    clock.set(dueAt.valueOf());
    await pass(
      world,
      fakeNotifier(() => ({ kind: 'retry', error: 'send failed (502)' })),
    );
    const waiting = (await rowsAbout(world, sub)).filter((r) => r.kind === 'cancellation-1d');
    expect(waiting.map((r) => Boolean(r.sentAt))).toEqual([false]);
    // Meanwhile the cancellation is withdrawn: auto-renew turned back on.
    const stored = (await world.deps.subscriptions.findById(sub))!;
    await world.deps.subscriptions.save({ ...stored, autoRenew: true, cancelAt: null }, stored.version, {});
    const notifier = fakeNotifier();
    clock.advance(2 * HOUR_MS);
    await pass(world, notifier);
    expect(kindsAbout(notifier, sub)).not.toContain('cancellation-1d');
    const rows = (await rowsAbout(world, sub)).filter((r) => r.kind === 'cancellation-1d');
    expect(rows.map((r) => [Boolean(r.sentAt), Boolean(r.skippedAt)])).toEqual([[false, true]]);
  });

  it('R-CAN-6, R-REM-2: a held reminder is judged afresh from its subject even when the pass does not look at that subject', async () => {
    const sub = await buy(world, SALES, 'cus-fourth-coffee', 'm365-e3', 'monthly');
    clock.advance(2 * 24 * HOUR_MS);
    const cancelAt = await scheduleCancellation(world, HELPDESK, sub);
    clock.set(addHours(cancelAt, -24).valueOf());
    await pass(
      world,
      fakeNotifier(() => ({ kind: 'retry', error: 'send failed (502)' })),
    );
    // The cancellation is withdrawn, and another instance's pass has already looked at the subscription
    // since: its check time is next month, so this instance's pass does not read it.
    const stored = (await world.deps.subscriptions.findById(sub))!;
    await world.deps.subscriptions.save({ ...stored, autoRenew: true, cancelAt: null }, stored.version, {});
    world.db.tables.reminderChecks.set(sub, addDays(now(), 30));
    const notifier = fakeNotifier();
    clock.advance(2 * HOUR_MS);
    await pass(world, notifier);
    expect(kindsAbout(notifier, sub)).not.toContain('cancellation-1d');
    const rows = (await rowsAbout(world, sub)).filter((r) => r.kind === 'cancellation-1d');
    expect(rows.map((r) => [Boolean(r.sentAt), Boolean(r.skippedAt)])).toEqual([[false, true]]);
  });

  it('R-NCE-1: a new-commerce subscription that renewed reminds its buyer the day before the renewal window closes', async () => {
    const sub = await buy(world, SALES, 'cus-woodgrove-bank', 'm365-e3-nce', 'annual');
    const renewedAt = (await world.deps.subscriptions.findById(sub))!.renewsAt;
    // R-NCE-1: the 7-day window opens again at the renewal; it closes 168 h later.
    const closesAt = addHours(renewedAt, 168);
    const notifier = fakeNotifier();

    clock.set(addHours(closesAt, -23).valueOf());
    await pass(world, notifier);

    expect(sentAbout(notifier, sub)).toEqual([
      expect.objectContaining({
        kind: 'cancel-window-24h',
        recipient: SALES.aadObjectId,
        eventAt: closesAt.toISOString(),
      }),
    ]);
  });
});

// ---- once ----

describe('each reminder is sent once', () => {
  const world = useWorld();

  it('passes run again and again, and after a restart (new deps, new instance id on the same database), send it once', async () => {
    const sub = await buy(world, SALES, 'cus-litware', 'm365-business-premium', 'monthly');
    const notifier = fakeNotifier();

    for (let i = 0; i < 5; i++) await pass(world, notifier);
    clock.advance(30 * MINUTE_MS);
    for (let i = 0; i < 5; i++) await pass(world, notifier);
    // "Restart": the process is new, with new repositories over the same rows.
    const restarted = {
      db: world.db,
      deps: fakeDeps({
        db: world.db,
        clock,
        newId: sequentialIds('after-restart'),
        secrets: fakeSecrets('after-restart'),
      }),
    };
    for (let i = 0; i < 5; i++) await pass(restarted, notifier, 'instance-after-restart');
    clock.advance(2 * HOUR_MS);
    await pass(restarted, notifier, 'instance-after-restart');

    expect(kindsAbout(notifier, sub)).toEqual(['cancel-window-24h']);
    const rows = await rowsAbout(world, sub);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'cancel-window-24h',
      recipientAadObjectId: SALES.aadObjectId,
      sentAt: new Date(NOW),
      claimedBy: 'instance-a',
      attempts: 0,
      skippedAt: null,
    });
  });
});

// ---- preferences ----

describe('reminders off, and the daily digest', () => {
  const world = useWorld();

  it('reminders off: a reminder that falls due is skipped, and not sent later when reminders are on again', async () => {
    await setReminderPreferences(world.deps, SALES, { enabled: false });
    const boughtAt = addHours(now(), -QUIET_HOURS_AFTER_ACTION);
    const sub = await buy(world, SALES, 'cus-litware', 'm365-e3', 'monthly');
    const notifier = fakeNotifier();

    const report = await pass(world, notifier);
    expect(report.skipped).toBeGreaterThanOrEqual(1);
    expect(sentAbout(notifier, sub)).toEqual([]);
    expect(notifier.calls.filter((c) => c.recipient === SALES.aadObjectId)).toEqual([]);
    const [skipped] = await rowsAbout(world, sub);
    expect(skipped).toMatchObject({ kind: 'cancel-window-24h', sentAt: null, skippedAt: new Date(NOW) });

    await setReminderPreferences(world.deps, SALES, { enabled: true });
    clock.advance(MINUTE_MS);
    await pass(world, notifier);
    expect(sentAbout(notifier, sub)).toEqual([]);

    // What falls due after they turned them back on is sent.
    clock.set(addHours(boughtAt, 22).valueOf());
    await pass(world, notifier);
    expect(kindsAbout(notifier, sub)).toEqual(['cancel-window-2h']);
  });

  it('digest on: reminders wait for 09:00 in the recipient’s zone (Asia/Seoul) and come together in one delivery', async () => {
    await setReminderPreferences(world.deps, BILLING, { digest: true });
    try {
      // 2026-11-21T09:00Z is 18:00 in Seoul: the next digest is 09:00 KST = 2026-11-22T00:00Z.
      const digestAt = at('2026-11-22T00:00:00.000Z');
      expect(nextDigestAt(now(), 'Asia/Seoul').toISOString()).toBe(digestAt.toISOString());
      const first = await buy(world, BILLING, 'cus-contoso', 'm365-e3', 'monthly');
      clock.advance(10 * MINUTE_MS);
      const second = await buy(world, BILLING, 'cus-trey-research', 'm365-e3', 'monthly');
      const notifier = fakeNotifier();

      const report = await pass(world, notifier);
      expect(report.deferred).toBeGreaterThanOrEqual(2);
      const held = [...(await rowsAbout(world, first)), ...(await rowsAbout(world, second))];
      expect(held.map((r) => [r.kind, r.sentAt, r.nextAttemptAt.toISOString(), r.attempts])).toEqual([
        ['cancel-window-24h', null, digestAt.toISOString(), 0],
        ['cancel-window-24h', null, digestAt.toISOString(), 0],
      ]);

      clock.set(digestAt.subtract(1, 'ms').valueOf());
      await pass(world, notifier);
      expect([...sentAbout(notifier, first), ...sentAbout(notifier, second)]).toEqual([]);

      clock.set(digestAt.valueOf());
      await pass(world, notifier);
      await pass(world, notifier);
      const digests = notifier.calls.filter(
        (c) => c.result.kind === 'sent' && c.reminders.some((r) => [first, second].includes(r.subjectId)),
      );
      expect(digests).toHaveLength(1);
      expect(digests[0]).toMatchObject({
        at: digestAt.toISOString(),
        recipient: BILLING.aadObjectId,
        preferences: { enabled: true, digest: true, timeZone: 'Asia/Seoul', locale: 'ko-KR' },
      });
      expect(digests[0]!.reminders.map((r) => r.subjectId)).toEqual(expect.arrayContaining([first, second]));
    } finally {
      await setReminderPreferences(world.deps, BILLING, { digest: false });
    }
  });

  it('digest on: a reminder whose event comes before the next 09:00 is not held until after the event (the 2-hour cancellation warning)', async () => {
    await setReminderPreferences(world.deps, BILLING, { digest: true });
    try {
      const boughtAt = now();
      const sub = await buy(world, BILLING, 'cus-coho-winery', 'exchange-online-p1', 'monthly');
      const closesAt = addHours(boughtAt, 24); // 2026-11-22T09:00Z, 18:00 in Seoul
      const notifier = fakeNotifier();

      // Passes every 30 minutes from the purchase until the window closes.
      for (let t = boughtAt; t.isBefore(closesAt); t = t.add(30, 'minute')) {
        clock.set(t.valueOf());
        await pass(world, notifier);
      }

      const warning = sentAbout(notifier, sub).filter((r) => r.kind === 'cancel-window-2h');
      // Created at 07:00Z (16:00 in Seoul), its digest would be the next day's 09:00 KST: a day after the
      // window closed. It must reach the person while there is still time to act.
      expect(warning).toEqual([expect.objectContaining({ recipient: BILLING.aadObjectId })]);
      expect(at(warning[0]!.at).isBefore(closesAt)).toBe(true);
    } finally {
      await setReminderPreferences(world.deps, BILLING, { digest: false });
    }
  });
});

// ---- failures ----

describe('a delivery that fails is retried with back-off, never lost', () => {
  const world = useWorld();

  const failures = new Set<string>();
  /** Answers `first` for the first delivery that carries `subjectId`, then 'sent'. */
  const failingOnce =
    (subjectId: () => string, first: DeliveryResult): Answer =>
    (_recipient, reminders) => {
      if (!reminders.some((r) => r.subjectId === subjectId())) return { kind: 'sent' };
      const failedBefore = failures.has(subjectId());
      failures.add(subjectId());
      return failedBefore ? { kind: 'sent' } : first;
    };

  it("'retry' (429): the reminder is rescheduled after a back-off with jitter, attempts + 1, and sent once it is due again", async () => {
    let sub = '';
    const notifier = fakeNotifier(failingOnce(() => sub, { kind: 'retry', error: 'send failed (429)' }));
    sub = await buy(world, SALES, 'cus-litware', 'm365-e3', 'monthly');
    const failedAt = now();

    const report = await pass(world, notifier);
    expect(report.failed).toBeGreaterThanOrEqual(1);
    expect(sentAbout(notifier, sub)).toEqual([]);
    const wait = backoffMs(0, 0.5);
    expect(wait).toBe(750);
    const [row] = await rowsAbout(world, sub);
    expect(row).toMatchObject({
      sentAt: null,
      attempts: 1,
      lastError: 'send failed (429)',
      claimedUntil: null,
    });
    expect(row!.nextAttemptAt.toISOString()).toBe(failedAt.add(wait, 'ms').toISOString());

    clock.advance(wait - 1);
    await pass(world, notifier);
    expect(sentAbout(notifier, sub)).toEqual([]);

    clock.advance(1);
    await pass(world, notifier);
    await pass(world, notifier);
    expect(kindsAbout(notifier, sub)).toEqual(['cancel-window-24h']);
    const [after] = await rowsAbout(world, sub);
    expect(after).toMatchObject({ attempts: 1, lastError: null });
    expect(after!.sentAt?.toISOString()).toBe(failedAt.add(wait, 'ms').toISOString());
  });

  it("'retry' with Retry-After waits at least that long; a notifier that throws is retried the same way", async () => {
    let sub = '';
    let throwing = true;
    const notifier = fakeNotifier((recipient, reminders) => {
      if (reminders.some((r) => r.subjectId === sub) && throwing) {
        throwing = false;
        throw new Error('connection reset');
      }
      return failingOnce(() => sub, { kind: 'retry', error: 'send failed (429)', retryAfterMs: 30_000 })(
        recipient,
        reminders,
      );
    });
    sub = await buy(world, SALES, 'cus-contoso', 'exchange-online-p1', 'monthly');
    const start = now();

    await pass(world, notifier); // throws: retried after backoffMs(0) = 750 ms
    let [row] = await rowsAbout(world, sub);
    expect(row).toMatchObject({ attempts: 1, lastError: 'connection reset', sentAt: null });
    expect(row!.nextAttemptAt.toISOString()).toBe(start.add(750, 'ms').toISOString());

    clock.advance(750);
    await pass(world, notifier); // 429 with Retry-After: 30 s
    [row] = await rowsAbout(world, sub);
    expect(row).toMatchObject({ attempts: 2, sentAt: null });
    expect(row!.nextAttemptAt.toISOString()).toBe(start.add(750 + 30_000, 'ms').toISOString());

    clock.advance(29_999);
    await pass(world, notifier);
    expect(sentAbout(notifier, sub)).toEqual([]);
    clock.advance(1);
    await pass(world, notifier);
    expect(kindsAbout(notifier, sub)).toEqual(['cancel-window-24h']);
  });

  it("'no-conversation': kept and tried again an hour later, then sent", async () => {
    let sub = '';
    const notifier = fakeNotifier(failingOnce(() => sub, { kind: 'no-conversation' }));
    sub = await buy(world, SALES, 'cus-trey-research', 'm365-e3', 'monthly');
    const start = now();

    await pass(world, notifier);
    const [row] = await rowsAbout(world, sub);
    expect(row).toMatchObject({
      sentAt: null,
      skippedAt: null,
      attempts: 1,
      lastError: 'no personal conversation yet',
    });
    expect(row!.nextAttemptAt.toISOString()).toBe(start.add(MAX_BACKOFF_MS, 'ms').toISOString());

    clock.advance(MAX_BACKOFF_MS - 1);
    await pass(world, notifier);
    expect(sentAbout(notifier, sub)).toEqual([]);
    clock.advance(1);
    await pass(world, notifier);
    expect(kindsAbout(notifier, sub)).toEqual(['cancel-window-24h']);
  });

  it('back-off grows with the attempts, is jittered, capped at an hour, and never shorter than Retry-After', () => {
    expect(backoffMs(0, 0)).toBe(500);
    expect(backoffMs(0, 0.999)).toBeCloseTo(999.5, 5);
    expect(backoffMs(3, 0.5)).toBe(6_000);
    expect(backoffMs(30, 0.999)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
    expect(backoffMs(0, 0.5, 120_000)).toBe(120_000);
  });
});

// ---- several instances ----

describe('two instances', () => {
  const world = useWorld();

  it('instances that take turns never send a reminder twice', async () => {
    const subs = [
      await buy(world, SALES, 'cus-litware', 'm365-e5', 'monthly'),
      await buy(world, HELPDESK, 'cus-contoso', 'm365-business-premium', 'monthly'),
      await buy(world, BILLING, 'cus-coho-winery', 'm365-e5', 'monthly'),
    ];
    const notifier = fakeNotifier();
    for (let hour = 0; hour <= 26; hour++) {
      await pass(world, notifier, hour % 2 === 0 ? 'instance-a' : 'instance-b');
      await pass(world, notifier, hour % 2 === 0 ? 'instance-b' : 'instance-a');
      clock.advance(HOUR_MS);
    }
    for (const sub of subs)
      expect(kindsAbout(notifier, sub).sort()).toEqual(['cancel-window-24h', 'cancel-window-2h']);
  });

  it('a slow pass (throttled sending) keeps each reminder it still holds, and one taken over by another instance is sent by that one only', async () => {
    const subs = [
      await buy(world, SALES, 'cus-contoso-pharmaceuticals', 'm365-e3', 'monthly'),
      await buy(world, SALES, 'cus-northwind-traders', 'm365-e3', 'monthly'),
      await buy(world, SALES, 'cus-woodgrove-bank', 'm365-e3', 'monthly'),
    ];
    const other = fakeNotifier();
    const slow = fakeNotifier();
    let deliveriesByA = 0;
    // Each of instance A's deliveries takes almost a whole lease; during its second one, the lease on the
    // reminders it has not reached yet has run out and instance B's timer fires.
    const slowNotifier: ReminderNotifier = {
      async deliver(recipient, reminders, preferences) {
        if (reminders.some((r) => subs.includes(r.subjectId))) {
          deliveriesByA += 1;
          clock.advance(CLAIM_LEASE_MS - 1_000);
          if (deliveriesByA === 2) await pass(world, other, 'instance-b');
        }
        return slow.deliver(recipient, reminders, preferences);
      },
    };

    await pass(world, slowNotifier, 'instance-a');

    expect(
      sentAbout(other, subs[0]!).length +
        sentAbout(other, subs[1]!).length +
        sentAbout(other, subs[2]!).length,
    ).toBeGreaterThan(0);
    const deliveries = subs.flatMap((sub) => [...sentAbout(slow, sub), ...sentAbout(other, sub)]);
    expect(deliveries.map((d) => d.kind)).toEqual([
      'cancel-window-24h',
      'cancel-window-24h',
      'cancel-window-24h',
    ]);
  });
});

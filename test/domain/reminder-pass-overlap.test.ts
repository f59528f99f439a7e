/**
 * R-REM-2: the pass reads the next page while it evaluates this one, and writes (create, then advance) up
 * to two pages at once. That must change nothing but the time: every page is read once, in keyset order,
 * every due reminder is created once, each page's reminders are created before its check times advance
 * (so a crash in between only makes the next pass look again), and a failed write fails the pass only
 * after everything it started has finished, leaving that page's rows queued.
 */
import { describe, expect, it } from 'vitest';
import type {
  NewReminder,
  ReminderCheck,
  ReminderRepository,
  SourceCursor,
} from '../../src/domain/ports/reminders.js';
import {
  discoverReminders,
  REMINDER_PAGE_WRITES_IN_FLIGHT,
} from '../../src/domain/reminders/discover-reminders.js';
import { subscriptionReminders } from '../../src/domain/reminders/reminder-events.js';
import { at } from '../../src/domain/shared/time.js';
import type { SubscriptionRow } from '../fakes/fake-database.js';
import { anOrder } from '../fakes/builders.js';
import { fakeDeps } from '../fakes/fake-deps.js';
import { aCustomer, aProduct } from '../support/builders.js';

const NOW = at('2026-11-21T09:00:00.000Z');
const DAY_MS = 86_400_000;
const PAGE = 4;
const ROWS = 22;
const BUYER = '00000000-0000-4000-8000-000000000005';

/** Rows in id order: two in three end their trial in two days (a 3-day reminder due), the rest cancelled. */
function setup() {
  const deps = fakeDeps();
  const t = deps.db.tables;
  t.products.set('prod-online-service', { ...aProduct(), softwareOptions: null });
  t.customers.set('cus-test', aCustomer());
  t.orders.set(
    'ORD-OVL-1',
    anOrder({
      id: 'ORD-OVL-1',
      placedByAadObjectId: BUYER,
      placedAt: NOW.subtract(28 * DAY_MS, 'ms'),
      total: 0,
      lines: [],
    }),
  );
  for (let i = 0; i < ROWS; i++) {
    const due = i % 3 !== 2;
    const row: SubscriptionRow = {
      id: `SUB-ovl-${String(i).padStart(3, '0')}`,
      customerId: 'cus-test',
      productId: 'prod-online-service',
      orderId: 'ORD-OVL-1',
      quantity: 1,
      billingCycle: 'monthly',
      status: due ? 'active' : 'cancelled',
      autoRenew: true,
      orderedAt: NOW.subtract(28 * DAY_MS, 'ms'),
      termStartAt: NOW.subtract(28 * DAY_MS, 'ms'),
      renewsAt: NOW.add(2 * DAY_MS, 'ms'),
      trialEndsAt: NOW.add(2 * DAY_MS, 'ms'),
      suspendedAt: null,
      dataDeletedAt: null,
      cancelledAt: due ? null : NOW.subtract(20 * DAY_MS, 'ms'),
      cancelAt: null,
      version: 0,
      baseSubscriptionId: null,
      termAnchorAt: null,
      scheduledChange: null,
      licenseAdditions: [],
    };
    t.subscriptions.set(row.id, row);
  }
  return deps;
}

/** A gate a test opens; the repository call waiting on it resumes then. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Every callback the pass can run without the test has run (the fakes answer in microtasks). */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The repository, recording each call's start and end (reads numbered from 1, writes by the page of the
 * rows they carry), holding the writes a test gates, and failing the ones it says.
 */
function recorded(
  inner: ReminderRepository,
  hold: Map<string, Promise<void>> = new Map(),
  fail: ReadonlySet<string> = new Set(),
) {
  const log: string[] = [];
  const pages: string[][] = [];
  const cursors: Array<SourceCursor | null> = [];
  const nexts: Array<SourceCursor | null> = [];
  const advanced: string[][] = [];
  const pageOf = (id: string) => pages.findIndex((ids) => ids.includes(id)) + 1;
  const write = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    log.push(`${label} start`);
    await hold.get(label);
    if (fail.has(label)) {
      log.push(`${label} failed`);
      throw new Error(`${label} failed`);
    }
    const result = await run();
    log.push(`${label} end`);
    return result;
  };
  const repository: ReminderRepository = {
    ...inner,
    async subscriptionsToCheck(now, page) {
      const n = cursors.push(page.after);
      log.push(`read ${n} start`);
      const result = await inner.subscriptionsToCheck(now, page);
      pages[n - 1] = result.rows.map((r) => r.subscription.id);
      nexts[n - 1] = result.next;
      log.push(`read ${n} end`);
      return result;
    },
    create: (reminders: readonly NewReminder[]) =>
      reminders.length === 0 || !reminders[0]!.subjectId.startsWith('SUB-')
        ? inner.create(reminders)
        : write(`create ${pageOf(reminders[0]!.subjectId)}`, () => inner.create(reminders)),
    advanceReminderChecks: (checks: readonly ReminderCheck[]) =>
      write(`advance ${pageOf(checks[0]!.id)}`, () => {
        advanced.push(checks.map((c) => c.id));
        return inner.advanceReminderChecks(checks);
      }),
  };
  return { repository, log, pages, cursors, nexts, advanced };
}

const before = (log: readonly string[], a: string, b: string) => {
  expect(log, `${a} happened`).toContain(a);
  expect(log, `${b} happened`).toContain(b);
  return log.indexOf(a) < log.indexOf(b);
};

describe('R-REM-2: reading ahead and writing two pages at once change nothing but the time', () => {
  it('reads every page once and in keyset order, advances each row once, and creates every due reminder once', async () => {
    const deps = setup();
    const expected = subscriptionReminders(
      deps,
      NOW,
      await deps.reminders.subscriptionSourcesById([...deps.db.tables.subscriptions.keys()]),
    ).map((r) => r.uniqueKey);
    const rec = recorded(deps.reminders);
    const report = await discoverReminders({ ...deps, reminders: rec.repository }, NOW, { pageSize: PAGE });

    const pageCount = Math.ceil((ROWS + 1) / PAGE);
    expect(report).toMatchObject({
      pages: pageCount,
      subscriptionRowsRead: ROWS,
      due: expected.length,
      created: expected.length,
      advanced: ROWS,
      complete: true,
    });
    // Each read starts where the previous one stopped; together they hold every row once, in id order.
    expect(rec.cursors).toEqual([null, ...rec.nexts.slice(0, -1)]);
    expect(rec.pages.flat()).toEqual([...deps.db.tables.subscriptions.keys()].sort());
    // Each page's rows advanced once, in one call of their own.
    expect([...rec.advanced].sort()).toEqual(rec.pages.filter((p) => p.length > 0).sort());
    // Every due reminder exists once.
    const stored = [...deps.db.tables.reminders.values()].map((r) => r.uniqueKey);
    expect(stored.sort()).toEqual([...expected].sort());
    expect(new Set(stored).size).toBe(stored.length);
    // Per page: created before advanced.
    for (let page = 1; page <= pageCount; page++)
      if (rec.log.includes(`advance ${page} start`))
        expect(before(rec.log, `create ${page} end`, `advance ${page} start`)).toBe(true);
    // And the next page was asked for before this page's writes began.
    expect(before(rec.log, 'read 2 start', 'create 1 start')).toBe(true);
  });

  it('writes a second page while the first page’s create is still running, and no third until it is done', async () => {
    expect(REMINDER_PAGE_WRITES_IN_FLIGHT).toBe(2);
    const deps = setup();
    const first = gate();
    const rec = recorded(deps.reminders, new Map([['create 1', first.opened]]));
    const pass = discoverReminders({ ...deps, reminders: rec.repository }, NOW, { pageSize: PAGE });
    await settled();
    // Page 1 is held in its create: page 2 was read, evaluated and written meanwhile; page 1 is not
    // advanced before its reminders exist; page 3 waits for page 1's writes.
    expect(rec.log).toContain('create 2 end');
    expect(rec.log).toContain('advance 2 end');
    expect(rec.log).toContain('read 3 end');
    expect(rec.log).not.toContain('advance 1 start');
    expect(rec.log).not.toContain('create 3 start');
    first.open();
    const report = await pass;
    expect(report.created).toBe(15);
    expect(report.advanced).toBe(ROWS);
    expect(before(rec.log, 'create 1 end', 'advance 1 start')).toBe(true);
    expect(before(rec.log, 'create 1 end', 'create 3 start')).toBe(true);
  });

  it('fails on a failed write only once what it started has finished, and leaves that page queued', async () => {
    const deps = setup();
    const held = gate();
    // Page 2's create fails while page 1's create is still held.
    const rec = recorded(deps.reminders, new Map([['create 1', held.opened]]), new Set(['create 2']));
    const pass = discoverReminders({ ...deps, reminders: rec.repository }, NOW, { pageSize: PAGE });
    const outcome = pass.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await settled();
    expect(rec.log).toContain('create 2 failed');
    held.open();
    expect(await outcome).toBe('create 2 failed');
    // Page 1 finished its writes before the pass failed; page 2 was never advanced; every call started
    // had ended when the pass failed.
    expect(rec.log).toContain('advance 1 end');
    expect(rec.log).not.toContain('advance 2 start');
    expect(rec.log.filter((l) => l.endsWith(' start')).length).toBe(
      rec.log.filter((l) => l.endsWith(' end') || l.endsWith(' failed')).length,
    );
    // The next pass looks at page 2's rows again (and at every row not advanced), and creates each
    // reminder once in all.
    const again = await discoverReminders(deps, NOW, { pageSize: PAGE });
    expect(again.subscriptionRowsRead).toBe(ROWS - rec.advanced.flat().length);
    const stored = [...deps.db.tables.reminders.values()].map((r) => r.uniqueKey);
    expect(new Set(stored).size).toBe(stored.length);
    expect(stored.length).toBe(15);
  });
});

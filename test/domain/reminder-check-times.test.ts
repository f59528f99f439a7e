/**
 * R-REM-2: reading only the subscriptions whose check time has come drops no reminder. Over many generated
 * subscriptions of every kind (legacy monthly and annual, new-commerce monthly and annual renewing again
 * and again, trials with and without auto-renew, a cancellation scheduled later, a suspension with its data
 * deletion, a change scheduled for the renewal, a term ending without auto-renew then renewed after all),
 * each inserted when ordered and changed by saves along the way, and a time line stepped every 30 minutes
 * over 400 days, the reminders the pass creates (looking only at rows whose check time has come, in small
 * pages) are exactly those that evaluating every row at every step gives, each created at the same step.
 */
import { describe, expect, it } from 'vitest';
import type { ReminderRepository } from '../../src/domain/ports/reminders.js';
import type { Subscription } from '../../src/domain/shared/model.js';
import { discoverReminders } from '../../src/domain/reminders/discover-reminders.js';
import { subscriptionReminders } from '../../src/domain/reminders/reminder-events.js';
import { effectiveSubscription } from '../../src/domain/subscriptions/subscription-state.js';
import { at, type Dayjs } from '../../src/domain/shared/time.js';
import type { SubscriptionRow } from '../fakes/fake-database.js';
import { anOrder } from '../fakes/builders.js';
import { fakeDeps } from '../fakes/fake-deps.js';
import { aCustomer, aProduct } from '../support/builders.js';
import { seededRandom as random } from '../support/random.js';

const T0 = at('2026-01-01T00:00:00.000Z');
const STEP_MS = 30 * 60_000;
const DAYS = 400;
const SUBSCRIPTIONS = 60;
const DAY_MS = 86_400_000;
const BUYER = '00000000-0000-4000-8000-000000000005';

/** What happens to the table along the time line: a row inserted, or a saved change to it. */
type Action =
  | { at: Dayjs; kind: 'insert'; row: SubscriptionRow }
  | { at: Dayjs; kind: 'save'; id: string; change: (sub: Subscription, now: Dayjs) => Subscription };

function generate(seed: number): Action[] {
  const rnd = random(seed);
  const actions: Action[] = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const kind = i % 10;
    const id = `SUB-gen-${String(i).padStart(3, '0')}`;
    // Ordered anywhere in the first 300 days, at an instant off the steps' grid.
    const orderedAt = T0.add(Math.floor(rnd() * 300 * DAY_MS) + 1234, 'millisecond');
    const nce = kind === 2 || kind === 3 || kind === 4 || kind === 6 || kind === 8 || kind === 9;
    const billingCycle = kind === 1 || kind === 3 || kind === 6 ? 'annual' : 'monthly';
    const months = billingCycle === 'annual' ? 12 : 1;
    const trialEndsAt = kind === 4 || kind === 5 ? orderedAt.add(30, 'day') : null;
    const offAnchor = (kind === 2 || kind === 3) && i % 20 >= 10;
    const row: SubscriptionRow = {
      id,
      customerId: 'cus-test',
      productId: nce ? 'prod-nce' : 'prod-online-service',
      orderId: 'ORD-GEN-1',
      quantity: 5,
      billingCycle,
      status: 'active',
      autoRenew: kind !== 5 && kind !== 9,
      orderedAt,
      // Some new-commerce rows hold a stored term off their anchor (written by another path, as imported
      // data can be): their renewal then starts a term counted from the order, not from the stored date.
      termStartAt: offAnchor ? orderedAt.add(79, 'hour') : orderedAt,
      renewsAt: trialEndsAt ?? (offAnchor ? orderedAt.add(79, 'hour') : orderedAt).add(months, 'month'),
      trialEndsAt,
      suspendedAt: null,
      dataDeletedAt: null,
      cancelledAt: null,
      cancelAt: null,
      version: 0,
      baseSubscriptionId: null,
      termAnchorAt: null,
      scheduledChange: kind === 8 ? { productId: 'prod-nce-2', billingCycle: 'annual' } : null,
      licenseAdditions: [],
    };
    actions.push({ at: orderedAt, kind: 'insert', row });
    const later = (days: number) => orderedAt.add(Math.floor(days * DAY_MS * (0.5 + rnd())), 'millisecond');
    if (kind === 0) {
      actions.push({ at: later(40), kind: 'save', id, change: (sub) => ({ ...sub, quantity: 7 }) });
    }
    if (kind === 6) {
      // R-CAN-2-like: a cancellation scheduled for the renewal, some weeks after the order.
      actions.push({
        at: later(30),
        kind: 'save',
        id,
        change: (sub, now) => {
          const current = effectiveSubscription(sub, now);
          return { ...current, autoRenew: false, cancelAt: current.renewsAt };
        },
      });
    }
    if (kind === 7) {
      // Suspended, its data deleted 30 to 90 days later.
      const deletionDays = 30 + Math.floor(rnd() * 60);
      actions.push({
        at: later(20),
        kind: 'save',
        id,
        change: (sub, now) => ({
          ...effectiveSubscription(sub, now),
          status: 'suspended',
          autoRenew: false,
          suspendedAt: now,
          dataDeletedAt: now.add(deletionDays, 'day'),
        }),
      });
    }
    if (kind === 9) {
      // Auto-renew turned back on before the term ends: renewals (and new-commerce windows) follow.
      actions.push({ at: later(15), kind: 'save', id, change: (sub) => ({ ...sub, autoRenew: true }) });
    }
  }
  return actions.sort((a, b) => a.at.valueOf() - b.at.valueOf());
}

/**
 * Walks the time line twice over one table: every row evaluated at every step (what is due), and the pass
 * that looks only at rows whose check time has come (what it creates). `lateMs` delays every check time
 * the pass stores, to prove that a late check time is caught.
 */
async function simulate(seed: number, { lateMs = 0, days = DAYS } = {}) {
  const deps = fakeDeps();
  const t = deps.db.tables;
  t.products.set('prod-online-service', { ...aProduct(), softwareOptions: null });
  t.products.set('prod-nce', {
    ...aProduct({ id: 'prod-nce', name: 'NCE Service', commercePolicy: 'new-commerce' }),
    softwareOptions: null,
  });
  t.products.set('prod-nce-2', {
    ...aProduct({ id: 'prod-nce-2', name: 'NCE Service Plus', commercePolicy: 'new-commerce' }),
    softwareOptions: null,
  });
  t.customers.set('cus-test', aCustomer());
  t.orders.set(
    'ORD-GEN-1',
    anOrder({ id: 'ORD-GEN-1', placedByAadObjectId: BUYER, placedAt: T0, total: 0, lines: [] }),
  );
  const reminders: ReminderRepository =
    lateMs === 0
      ? deps.reminders
      : {
          ...deps.reminders,
          advanceReminderChecks: (checks) =>
            deps.reminders.advanceReminderChecks(
              checks.map((c) => ({ ...c, checkAt: c.checkAt?.add(lateMs, 'millisecond') ?? null })),
            ),
        };
  const actions = generate(seed);
  /** Each reminder's unique key, and the first step at which it is due. */
  const expected = new Map<string, string>();
  let rowsRead = 0;
  let steps = 0;
  for (let now = T0; !now.isAfter(T0.add(days, 'day')); now = now.add(STEP_MS, 'millisecond')) {
    steps += 1;
    while (actions.length > 0 && !actions[0]!.at.isAfter(now)) {
      const action = actions.shift()!;
      if (action.kind === 'insert') t.subscriptions.set(action.row.id, action.row);
      else {
        const sub = (await deps.subscriptions.findById(action.id))!;
        expect(await deps.subscriptions.save(action.change(sub, action.at), sub.version, {})).toBe('saved');
      }
    }
    const everyRow = await deps.reminders.subscriptionSourcesById([...t.subscriptions.keys()]);
    for (const r of subscriptionReminders(deps, now, everyRow))
      if (!expected.has(r.uniqueKey)) expected.set(r.uniqueKey, now.toISOString());
    const pass = await discoverReminders({ ...deps, reminders }, now, { pageSize: 7 });
    rowsRead += pass.subscriptionRowsRead;
  }
  const created = new Map([...t.reminders.values()].map((r) => [r.uniqueKey, r.createdAt.toISOString()]));
  return { expected, created, rowsRead, steps };
}

describe('R-REM-2: the pass looks at a subscription only when its check time has come, and drops nothing', () => {
  it('creates exactly the reminders that evaluating every row at every step gives (every kind, 400 days, 30-minute steps)', async () => {
    const { expected, created, rowsRead, steps } = await simulate(12);
    // The same reminders, each created at the very step it falls due (none later, none dropped).
    expect([...created].sort()).toEqual([...expected].sort());
    // Every kind of reminder a subscription gives is in the comparison, renewal windows several times over.
    const kinds = new Set([...expected.keys()].map((key) => key.split(':')[0]));
    expect([...kinds].sort()).toEqual([
      'cancel-window-24h',
      'cancel-window-2h',
      'cancellation-1d',
      'data-deletion-7d',
      'trial-ends-3d',
    ]);
    expect(expected.size).toBeGreaterThan(SUBSCRIPTIONS * 4);
    // And it read a small fraction of what evaluating every row at every step reads.
    expect(rowsRead).toBeLessThan((SUBSCRIPTIONS * steps) / 50);
  }, 120_000);

  it('tells when check times are late: an hour late delays reminders, three hours late drops some', async () => {
    const hour = await simulate(12, { lateMs: 60 * 60_000, days: 120 });
    const delayed = [...hour.expected].filter(([key, due]) => hour.created.get(key) !== due);
    expect(delayed.length).toBeGreaterThan(0);
    const hours = await simulate(12, { lateMs: 3 * 60 * 60_000, days: 120 });
    const dropped = [...hours.expected.keys()].filter((key) => !hours.created.has(key));
    expect(dropped.length).toBeGreaterThan(0);
  }, 120_000);
});

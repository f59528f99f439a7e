/**
 * The reminder events are evaluated on epoch milliseconds (for speed: the pass evaluates every row it
 * reads). They must decide exactly as before, when they were evaluated on dates through
 * `effectiveSubscription` and `cancellationEffect`: test/support/reminder-events-before-ms.ts is that
 * earlier module, unchanged, and here both evaluate many generated subscriptions of every kind at many
 * instants, the boundaries each one itself names included (R-REM-1, R-REM-2).
 */
import { describe, expect, it } from 'vitest';
import type { NewReminder, SubscriptionSource } from '../../src/domain/ports/reminders.js';
import type { BillingCycle, Product, ProductKind, Subscription } from '../../src/domain/shared/model.js';
import { at, DAY_MS, HOUR_MS, type Dayjs } from '../../src/domain/shared/time.js';
import * as now from '../../src/domain/reminders/reminder-events.js';
import * as before from '../support/reminder-events-before-ms.js';
import { aProduct, aSubscription } from '../support/builders.js';
import { seededRandom as random } from '../support/random.js';

const T0 = at('2027-01-31T10:17:00.000Z').valueOf();

function generateSources(seed: number, count: number): SubscriptionSource[] {
  const rnd = random(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(rnd() * values.length)]!;
  const maybe = <T>(p: number, value: () => T): T | null => (rnd() < p ? value() : null);
  return Array.from({ length: count }, (_, i) => {
    const kind: ProductKind = pick([
      'online-service',
      'online-service',
      'online-service',
      'perpetual-software',
    ]);
    const product: Product = aProduct({
      id: `prod-${i}`,
      kind,
      billingType: rnd() < 0.1 ? 'usage' : 'license',
      commercePolicy: rnd() < 0.5 ? 'new-commerce' : 'legacy',
    });
    const billingCycle: BillingCycle = rnd() < 0.6 ? 'monthly' : 'annual';
    // Month ends (the 28th to 31st) often, to exercise clamped terms.
    const orderedAt = at(T0 + Math.floor(rnd() * 400) * DAY_MS + Math.floor(rnd() * DAY_MS));
    const trialEndsAt = maybe(0.2, () => orderedAt.add(30 * DAY_MS, 'millisecond'));
    const autoRenew = rnd() < 0.8;
    const termStartAt = rnd() < 0.2 ? orderedAt.add(79 * HOUR_MS, 'millisecond') : orderedAt;
    const status = pick(['active', 'active', 'active', 'suspended', 'cancelled', 'expired'] as const);
    const suspendedAt = status === 'suspended' ? orderedAt.add(Math.floor(rnd() * 60) * DAY_MS, 'ms') : null;
    const windowStated = rnd() < 0.15;
    const stated = (): Dayjs => termStartAt.add(Math.floor(rnd() * 300) * HOUR_MS, 'millisecond');
    const subscription: Subscription = aSubscription({
      id: `SUB-ms-${i}`,
      productId: product.id,
      productName: `Product ${i}`,
      billingCycle,
      status,
      autoRenew,
      orderedAt,
      termStartAt,
      ...(trialEndsAt ? { trialEndsAt, renewsAt: trialEndsAt } : {}),
      suspendedAt,
      dataDeletedAt: suspendedAt && rnd() < 0.8 ? suspendedAt.add(30 * DAY_MS, 'ms') : null,
      cancelAt:
        status === 'active' && rnd() < 0.2 ? orderedAt.add(Math.floor(rnd() * 90) * DAY_MS, 'ms') : null,
      termAnchorAt: maybe(0.1, () => orderedAt.add(Math.floor(rnd() * 40) * DAY_MS, 'ms')),
      scheduledChange: maybe(0.15, () => ({
        productId: 'prod-other',
        billingCycle: pick(['monthly', 'annual']),
      })),
      ...(windowStated
        ? {
            windows: pick([
              { cancellationAllowedUntil: stated() },
              { refundUntil: stated() },
              { cancellationAllowedUntil: stated(), refundUntil: stated() },
              {},
            ]),
          }
        : {}),
    });
    return {
      subscription,
      product,
      customerName: `Customer ${i}`,
      placedBy: 'buyer',
      lastActorFor:
        rnd() < 0.5 ? { 'subscription.cancel': 'canceller', 'subscription.suspend': 'suspender' } : {},
    };
  });
}

/** What a reminder is, without its random id. */
const facts = (reminders: readonly NewReminder[]) =>
  reminders.map((r) => ({
    kind: r.kind,
    subjectId: r.subjectId,
    recipient: r.recipientAadObjectId,
    eventAt: r.eventAt.toISOString(),
    uniqueKey: r.uniqueKey,
    payload: JSON.stringify(r.payload),
    createdAt: r.createdAt.toISOString(),
    nextAttemptAt: r.nextAttemptAt.toISOString(),
  }));

const ids = { newId: () => 'id' };

describe('reminder events on epoch milliseconds decide as they did on dates', () => {
  it('R-REM-1, R-REM-2: the same reminders due and the same next check time, for every kind of subscription, at every instant that matters', () => {
    const rnd = random(99);
    let compared = 0;
    let reminders = 0;
    let nulls = 0;
    for (const source of generateSources(7, 400)) {
      // Walk the subscription's own check times (and the millisecond before each), then random instants.
      const instants: number[] = [];
      let t: Dayjs | null = source.subscription.orderedAt.subtract(2 * DAY_MS, 'ms');
      for (let step = 0; t !== null && step < 60; step++) {
        instants.push(t.valueOf() - 1, t.valueOf());
        t = before.nextReminderCheck(source, t);
      }
      if (t === null) nulls += 1;
      for (let k = 0; k < 40; k++) instants.push(T0 + Math.floor(rnd() * 900 * DAY_MS));
      for (const ms of instants) {
        const instant = at(ms);
        const expected = before.checkSubscription(ids, source, instant);
        const actual = now.checkSubscription(ids, source, instant);
        const where = `${source.subscription.id} at ${instant.toISOString()}`;
        expect(facts(actual.due), where).toEqual(facts(expected.due));
        expect(actual.next?.toISOString() ?? null, where).toBe(expected.next?.toISOString() ?? null);
        expect(now.nextReminderCheck(source, instant)?.toISOString() ?? null, where).toBe(
          expected.next?.toISOString() ?? null,
        );
        expect(facts(now.subscriptionReminders(ids, instant, [source])), where).toEqual(facts(expected.due));
        compared += 1;
        reminders += expected.due.length;
      }
    }
    // The comparison covered reminders and rows that never need another look.
    expect(compared).toBeGreaterThan(20_000);
    expect(reminders).toBeGreaterThan(2_000);
    expect(nulls).toBeGreaterThan(20);
  });

  it('the same download link reminders, at and around their due instants', () => {
    const expiresAt = at('2027-03-01T12:00:00.000Z');
    const link = {
      linkId: 'link-1',
      orderId: 'ORD-1',
      productName: 'Visio',
      customerName: 'Contoso',
      issuedTo: 'buyer',
      expiresAt,
    };
    for (const hours of [-30, -24, -23.9, -1, 0, 1]) {
      const instant = expiresAt.add(hours * HOUR_MS - 1, 'ms');
      for (const moment of [instant, instant.add(1, 'ms')])
        expect(facts(now.linkReminders(ids, moment, [link]))).toEqual(
          facts(before.linkReminders(ids, moment, [link])),
        );
    }
    expect(now.linkReminders(ids, expiresAt.subtract(24 * HOUR_MS, 'ms'), [link])).toHaveLength(1);
  });
});

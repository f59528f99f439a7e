import { describe, expect, it } from 'vitest';
import {
  applyCancellation,
  cancellationEffect,
  termCharge,
  type CancellationEffect,
} from '../../src/domain/subscriptions/cancellation-policy.js';
import type { Product, Subscription } from '../../src/domain/shared/model.js';
import { addDays, addHours, at, DAY_MS, type Dayjs } from '../../src/domain/shared/time.js';
import { aProduct, aSubscription, anIsvSaasProduct } from '../support/builders.js';

const ORDERED = at('2026-03-01T09:00:00Z');
const MS = 1;

const effectAt = (product: Product, sub: Subscription, now: Dayjs) => cancellationEffect(product, sub, now);

/** ISV SaaS priced $15 per license per month, offered monthly and annually. */
const saas = anIsvSaasProduct({ unitPrice: 15, billingCycles: ['monthly', 'annual'] });
const monthlySaas = aSubscription({
  productId: saas.id,
  billingCycle: 'monthly',
  quantity: 10,
  orderedAt: ORDERED,
});
const annualSaas = aSubscription({
  productId: saas.id,
  billingCycle: 'annual',
  quantity: 10,
  orderedAt: ORDERED,
});

describe('cancelling monthly marketplace SaaS (24 hours)', () => {
  const closesAt = addHours(ORDERED, 24);

  it('R-CAN-1: cancels now with a full credit of one month × quantity right at the order', () => {
    expect(effectAt(saas, monthlySaas, ORDERED)).toEqual({
      ok: true,
      value: {
        kind: 'cancel-now-full-credit',
        rule: 'R-CAN-1',
        credit: 150,
        currency: 'USD',
        windowClosesAt: closesAt.toISOString(),
      },
    });
  });

  it('R-CAN-1: still gives the full credit 1 ms before 24 hours after the order', () => {
    expect(effectAt(saas, monthlySaas, closesAt.subtract(MS, 'ms'))).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-full-credit', rule: 'R-CAN-1', credit: 150 },
    });
  });

  it('R-CAN-2: schedules the cancellation at renewal exactly 24 hours after the order, with no credit', () => {
    const result = effectAt(saas, monthlySaas, closesAt);
    expect(result).toEqual({
      ok: true,
      value: { kind: 'cancel-at-renewal', rule: 'R-CAN-2', cancelAt: '2026-04-01T09:00:00.000Z' },
    });
    expect(result.ok && 'credit' in result.value).toBe(false);
  });

  it('R-CAN-2: schedules the cancellation at renewal 1 ms after 24 hours and weeks later', () => {
    for (const now of [closesAt.add(MS, 'ms'), addDays(ORDERED, 20)]) {
      expect(effectAt(saas, monthlySaas, now)).toEqual({
        ok: true,
        value: { kind: 'cancel-at-renewal', rule: 'R-CAN-2', cancelAt: monthlySaas.renewsAt.toISOString() },
      });
    }
  });
});

describe('cancelling annual marketplace SaaS (14 days)', () => {
  const closesAt = addDays(ORDERED, 14);

  it('R-CAN-3: cancels now 1 ms before 14 days with the annual charge as credit (12 × the monthly price)', () => {
    expect(effectAt(saas, annualSaas, closesAt.subtract(MS, 'ms'))).toEqual({
      ok: true,
      value: {
        kind: 'cancel-now-full-credit',
        rule: 'R-CAN-3',
        credit: 15 * 12 * 10,
        currency: 'USD',
        windowClosesAt: closesAt.toISOString(),
      },
    });
  });

  it('R-CAN-3: credits the listed price once when the product is offered annually only (priced per year)', () => {
    const annualOnly = anIsvSaasProduct({ unitPrice: 120, billingCycles: ['annual'] });
    expect(effectAt(annualOnly, annualSaas, ORDERED)).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-full-credit', rule: 'R-CAN-3', credit: 1200 },
    });
  });

  it('R-CAN-3: schedules the cancellation at renewal exactly 14 × 24 hours after the order, with no credit', () => {
    expect(closesAt.diff(ORDERED)).toBe(14 * DAY_MS);
    expect(effectAt(saas, annualSaas, closesAt)).toEqual({
      ok: true,
      value: { kind: 'cancel-at-renewal', rule: 'R-CAN-3', cancelAt: '2027-03-01T09:00:00.000Z' },
    });
  });

  it('R-CAN-3: schedules the cancellation at renewal 1 ms after 14 days', () => {
    expect(effectAt(saas, annualSaas, closesAt.add(MS, 'ms'))).toMatchObject({
      ok: true,
      value: { kind: 'cancel-at-renewal', rule: 'R-CAN-3', cancelAt: annualSaas.renewsAt.toISOString() },
    });
  });
});

describe('what one term costs', () => {
  it('R-CAN-3: an annual term of a product priced per month is 12 months × quantity, rounded to cents', () => {
    const product = aProduct({ unitPrice: 3.33, billingCycles: ['monthly', 'annual'] });
    expect(termCharge(product, { billingCycle: 'annual', quantity: 7 })).toBe(279.72);
    expect(termCharge(product, { billingCycle: 'monthly', quantity: 7 })).toBe(23.31);
  });
});

describe('cancelling usage-based services', () => {
  const usage = anIsvSaasProduct({ billingType: 'usage', unitPrice: 0.12, billingCycles: ['monthly'] });
  const sub = aSubscription({ productId: usage.id, orderedAt: ORDERED });

  it('R-CAN-4: deprovisions now with no refund, whether within the first hour or a year later', () => {
    for (const now of [ORDERED, addHours(ORDERED, 1), addHours(ORDERED, 24), addDays(ORDERED, 365)]) {
      const result = effectAt(usage, sub, now);
      expect(result).toEqual({ ok: true, value: { kind: 'deprovision-now', rule: 'R-CAN-4' } });
    }
  });
});

describe('cancelling other online services (Decision: R-CAN-1..3 by billing cycle)', () => {
  const service = aProduct({ kind: 'online-service', unitPrice: 32 });

  it('R-CAN-1: a monthly online service cancelled 1 ms before 24 hours gets one month × quantity back', () => {
    const sub = aSubscription({ billingCycle: 'monthly', quantity: 10 });
    expect(effectAt(service, sub, addHours(ORDERED, 24).subtract(MS, 'ms'))).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-full-credit', rule: 'R-CAN-1', credit: 320 },
    });
  });

  it('R-CAN-2: a monthly online service cancelled at 24 hours is cancelled at renewal', () => {
    const sub = aSubscription({ billingCycle: 'monthly' });
    expect(effectAt(service, sub, addHours(ORDERED, 24))).toMatchObject({
      ok: true,
      value: { kind: 'cancel-at-renewal', rule: 'R-CAN-2', cancelAt: sub.renewsAt.toISOString() },
    });
  });

  it('R-CAN-3: an annual online service follows the 14-day window', () => {
    const sub = aSubscription({ billingCycle: 'annual', quantity: 10 });
    expect(effectAt(service, sub, addDays(ORDERED, 14).subtract(MS, 'ms'))).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-full-credit', rule: 'R-CAN-3', credit: 3840 },
    });
    expect(effectAt(service, sub, addDays(ORDERED, 14))).toMatchObject({
      ok: true,
      value: { kind: 'cancel-at-renewal', rule: 'R-CAN-3' },
    });
  });
});

describe('cancelling new-commerce subscriptions (168 hours, prorated)', () => {
  /** New commerce, annual only, priced $432 per license per year. */
  const nce = aProduct({ unitPrice: 432, billingCycles: ['annual'], commercePolicy: 'new-commerce' });
  const sub = aSubscription({ billingCycle: 'annual', quantity: 10, orderedAt: ORDERED });
  const closesAt = addHours(ORDERED, 168);
  const termMs = sub.renewsAt.diff(sub.termStartAt);

  it('R-NCE-1: refunds the whole term charge when cancelled at the start of the term', () => {
    expect(effectAt(nce, sub, ORDERED)).toEqual({
      ok: true,
      value: {
        kind: 'cancel-now-prorated-refund',
        rule: 'R-NCE-1',
        refund: 4320,
        currency: 'USD',
        windowClosesAt: closesAt.toISOString(),
      },
    });
  });

  it('R-NCE-1: refunds term charge × unused / term, rounded to cents, 2 days in (4320 × 363/365)', () => {
    expect(termMs).toBe(365 * DAY_MS);
    expect(effectAt(nce, sub, addDays(ORDERED, 2))).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-prorated-refund', refund: 4296.33 },
    });
  });

  it('R-NCE-1: still cancels with a prorated refund 1 ms before 168 hours', () => {
    const now = closesAt.subtract(MS, 'ms');
    const expected = Math.round(((4320 * sub.renewsAt.diff(now)) / termMs) * 100) / 100;
    expect(expected).toBe(4237.15);
    expect(effectAt(nce, sub, now)).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-prorated-refund', rule: 'R-NCE-1', refund: 4237.15 },
    });
  });

  it('R-NCE-1: refuses at exactly 168 hours after the term started, and 1 ms after', () => {
    for (const now of [closesAt, closesAt.add(MS, 'ms')]) {
      expect(effectAt(nce, sub, now)).toEqual({
        ok: false,
        error: {
          kind: 'refused',
          rule: 'R-NCE-1',
          reason: 'not-cancellable-nce',
          facts: { closedAt: closesAt.toISOString(), renewsAt: sub.renewsAt.toISOString() },
        },
      });
    }
  });

  it('R-NCE-1: opens the window again from the renewal, prorated over the renewed term', () => {
    const renewed = aSubscription({
      billingCycle: 'annual',
      quantity: 10,
      orderedAt: ORDERED,
      termStartAt: at('2027-03-01T09:00:00Z'),
      renewsAt: at('2028-03-01T09:00:00Z'), // 366 days: the term holds 29 February 2028
    });
    const renewedAt = renewed.termStartAt;
    expect(effectAt(nce, renewed, renewedAt.subtract(MS, 'ms'))).toMatchObject({
      ok: false,
      error: { reason: 'not-cancellable-nce' },
    });
    expect(effectAt(nce, renewed, addDays(renewedAt, 1))).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-prorated-refund', refund: 4308.2 }, // 4320 × 365/366
    });
    expect(effectAt(nce, renewed, addHours(renewedAt, 168))).toMatchObject({
      ok: false,
      error: { reason: 'not-cancellable-nce' },
    });
  });

  it('R-NCE-1: prorates a monthly new-commerce term by its own length (4 320 × 30/31 days)', () => {
    const monthly = aProduct({ unitPrice: 43.2, billingCycles: ['monthly'], commercePolicy: 'new-commerce' });
    const monthlySub = aSubscription({ billingCycle: 'monthly', quantity: 10, orderedAt: ORDERED });
    expect(effectAt(monthly, monthlySub, addDays(ORDERED, 1))).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-prorated-refund', refund: 418.06 },
    });
  });
});

describe('cancellations that are not a window question', () => {
  const trialEndsAt = addDays(ORDERED, 30);
  const trial = aSubscription({
    productId: saas.id,
    orderedAt: ORDERED,
    trialEndsAt,
    termStartAt: trialEndsAt,
    renewsAt: trialEndsAt,
  });

  it('R-BUY-9: cancels a subscription in its free trial now, with nothing charged, even weeks after the order', () => {
    for (const now of [ORDERED, addDays(ORDERED, 20), trialEndsAt.subtract(MS, 'ms')]) {
      expect(effectAt(saas, trial, now)).toEqual({
        ok: true,
        value: { kind: 'cancel-now-trial', rule: 'R-BUY-9' },
      });
    }
  });

  it('R-BUY-9: treats a new-commerce subscription in its trial the same way', () => {
    const nce = aProduct({ commercePolicy: 'new-commerce' });
    expect(effectAt(nce, trial, addDays(ORDERED, 20))).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-trial' },
    });
  });

  it('R-BUY-9: at the end of the trial the ordinary rules apply again', () => {
    expect(effectAt(saas, trial, trialEndsAt)).toMatchObject({
      ok: true,
      value: { kind: 'cancel-at-renewal' },
    });
  });

  it('R-SWC-4: refuses software, perpetual software and Azure reservations: they are cancelled by order', () => {
    for (const kind of ['software-subscription', 'perpetual-software', 'azure-reservation'] as const) {
      expect(effectAt(aProduct({ kind }), aSubscription({ billingCycle: 'annual' }), ORDERED)).toEqual({
        ok: false,
        error: { kind: 'refused', rule: 'R-SWC-4', reason: 'software-use-cancel-order' },
      });
    }
  });

  it('R-CAN-2: refuses a second cancellation when one is already scheduled at renewal', () => {
    const scheduled = aSubscription({ autoRenew: false, cancelAt: at('2026-04-01T09:00:00Z') });
    expect(effectAt(saas, scheduled, addDays(ORDERED, 3))).toEqual({
      ok: false,
      error: {
        kind: 'refused',
        rule: 'R-CAN-2',
        reason: 'cancel-already-scheduled',
        facts: { cancelAt: '2026-04-01T09:00:00.000Z' },
      },
    });
  });

  it('R-SUS-1: a suspended subscription cannot be cancelled (invalid state), nor a cancelled or expired one', () => {
    for (const status of ['suspended', 'cancelled', 'expired'] as const) {
      expect(effectAt(saas, aSubscription({ status }), ORDERED)).toEqual({
        ok: false,
        error: { kind: 'invalid-state', what: 'subscription', status, attempted: 'cancel' },
      });
    }
  });
});

describe('applying a cancellation', () => {
  const now = addHours(ORDERED, 2);
  const sub = aSubscription({ orderedAt: ORDERED });
  const cancelledNow = { status: 'cancelled', cancelledAt: now, autoRenew: false, cancelAt: null };

  const effects: Array<[string, CancellationEffect]> = [
    [
      'R-CAN-1',
      { kind: 'cancel-now-full-credit', rule: 'R-CAN-1', credit: 1, currency: 'USD', windowClosesAt: '' },
    ],
    [
      'R-NCE-1',
      { kind: 'cancel-now-prorated-refund', rule: 'R-NCE-1', refund: 1, currency: 'USD', windowClosesAt: '' },
    ],
    ['R-BUY-9', { kind: 'cancel-now-trial', rule: 'R-BUY-9' }],
    ['R-CAN-4', { kind: 'deprovision-now', rule: 'R-CAN-4' }],
  ];

  it.each(effects)(
    '%s: a cancel-now effect makes the subscription cancelled now, auto-renew off',
    (_rule, effect) => {
      const next = applyCancellation(sub, effect, now);
      expect(next).toMatchObject(cancelledNow);
      expect(next.cancelledAt?.toISOString()).toBe(now.toISOString());
      expect(next.renewsAt.isSame(sub.renewsAt)).toBe(true);
    },
  );

  it('R-CAN-2: a cancellation at renewal keeps the subscription active, turns auto-renew off and sets cancelAt', () => {
    const next = applyCancellation(sub, { kind: 'cancel-at-renewal', rule: 'R-CAN-2', cancelAt: '' }, now);
    expect(next).toMatchObject({ status: 'active', autoRenew: false, cancelledAt: null });
    expect(next.cancelAt?.toISOString()).toBe(sub.renewsAt.toISOString());
  });

  it('R-CAN-3: an annual cancellation at renewal is scheduled at the annual renewal', () => {
    const annual = aSubscription({ billingCycle: 'annual' });
    const next = applyCancellation(annual, { kind: 'cancel-at-renewal', rule: 'R-CAN-3', cancelAt: '' }, now);
    expect(next.cancelAt?.toISOString()).toBe('2027-03-01T09:00:00.000Z');
  });
});

describe('credits never exceed what the order line charged (R-MON-1)', () => {
  it('R-MON-1: a full credit is what the line charged when that is less than the term at today’s count', () => {
    // 10 licences held, but the order line charged for 4 (the rest were added later, and billed apart).
    expect(cancellationEffect(saas, monthlySaas, ORDERED, 60)).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-full-credit', credit: 60 },
    });
  });

  it('R-MON-1: with fewer licences than were ordered, the credit is the term at the count held', () => {
    expect(cancellationEffect(saas, monthlySaas, ORDERED, 1000)).toMatchObject({
      ok: true,
      value: { kind: 'cancel-now-full-credit', credit: 150 },
    });
  });
});

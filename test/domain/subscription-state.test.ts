import { describe, expect, it } from 'vitest';
import { effectiveSubscription } from '../../src/domain/subscriptions/subscription-state.js';
import { addDays, at, type Dayjs } from '../../src/domain/shared/time.js';
import { aSubscription } from '../support/builders.js';

const ORDERED = at('2026-03-01T09:00:00Z');
const MS = 1;
const iso = (instant: Dayjs | null) => instant?.toISOString() ?? null;
const term = (sub: { termStartAt: Dayjs; renewsAt: Dayjs }) => [iso(sub.termStartAt), iso(sub.renewsAt)];

describe('a suspended subscription over time', () => {
  const dataDeletedAt = at('2026-06-05T09:00:00Z');
  const suspended = aSubscription({
    status: 'suspended',
    suspendedAt: at('2026-03-07T09:00:00Z'),
    dataDeletedAt,
  });

  it('R-SUS-3: is still suspended (and can be reactivated) 1 ms before its data is deleted', () => {
    expect(effectiveSubscription(suspended, dataDeletedAt.subtract(MS, 'ms')).status).toBe('suspended');
  });

  it('R-SUS-3: is expired at the exact instant its data is deleted, and after', () => {
    expect(effectiveSubscription(suspended, dataDeletedAt).status).toBe('expired');
    expect(effectiveSubscription(suspended, addDays(dataDeletedAt, 400)).status).toBe('expired');
  });
});

describe('a free trial converting to paid', () => {
  // As a purchase stores it (src/domain/purchase/purchase-cart.ts): the paid term starts when the trial ends.
  const trialOrderedAt = at('2026-03-11T09:00:00Z');
  const trialEndsAt = addDays(trialOrderedAt, 30); // 2026-04-10T09:00Z
  const trial = aSubscription({
    billingCycle: 'monthly',
    orderedAt: trialOrderedAt,
    trialEndsAt,
    termStartAt: trialEndsAt,
    renewsAt: trialEndsAt,
  });

  it('R-BUY-9: is still in its trial 1 ms before the trial ends', () => {
    const read = effectiveSubscription(trial, trialEndsAt.subtract(MS, 'ms'));
    expect(read).toMatchObject({ status: 'active' });
    expect(iso(read.trialEndsAt)).toBe(iso(trialEndsAt));
  });

  it('R-BUY-9: read at the end of its trial, is a paid subscription whose term starts then and renews one cycle later', () => {
    const read = effectiveSubscription(trial, trialEndsAt);
    expect(read).toMatchObject({ status: 'active', autoRenew: true });
    expect(read.trialEndsAt?.toISOString()).toBe(trialEndsAt.toISOString());
    expect(term(read)).toEqual(['2026-04-10T09:00:00.000Z', '2026-05-10T09:00:00.000Z']);
  });

  it('R-BUY-11: keeps renewing on the same schedule while auto-renew is on', () => {
    expect(term(effectiveSubscription(trial, at('2026-05-10T09:00:00Z').subtract(MS, 'ms')))).toEqual([
      '2026-04-10T09:00:00.000Z',
      '2026-05-10T09:00:00.000Z',
    ]);
    expect(term(effectiveSubscription(trial, at('2026-05-10T09:00:00Z')))).toEqual([
      '2026-05-10T09:00:00.000Z',
      '2026-06-10T09:00:00.000Z',
    ]);
    expect(term(effectiveSubscription(trial, at('2027-01-01T00:00:00Z')))).toEqual([
      '2026-12-10T09:00:00.000Z',
      '2027-01-10T09:00:00.000Z',
    ]);
  });

  it('R-BUY-11: with auto-renew off, the paid subscription expires at its renewal, not 1 ms before', () => {
    const noRenew = { ...trial, autoRenew: false };
    const firstRenewal = at('2026-05-10T09:00:00Z');
    expect(effectiveSubscription(noRenew, trialEndsAt).status).toBe('active');
    expect(effectiveSubscription(noRenew, firstRenewal.subtract(MS, 'ms')).status).toBe('active');
    expect(effectiveSubscription(noRenew, firstRenewal).status).toBe('expired');
    expect(effectiveSubscription(noRenew, addDays(firstRenewal, 90)).status).toBe('expired');
  });
});

describe('renewals and scheduled cancellations', () => {
  it('R-BUY-11: a paid subscription with auto-renew off is active 1 ms before its renewal and expired at it', () => {
    const sub = aSubscription({ orderedAt: ORDERED, autoRenew: false });
    expect(effectiveSubscription(sub, sub.renewsAt.subtract(MS, 'ms')).status).toBe('active');
    expect(effectiveSubscription(sub, sub.renewsAt).status).toBe('expired');
  });

  it('R-CAN-2: a cancellation scheduled at renewal has not taken effect 1 ms before cancelAt', () => {
    const renewsAt = at('2026-04-01T09:00:00Z');
    const sub = aSubscription({ orderedAt: ORDERED, autoRenew: false, cancelAt: renewsAt });
    const read = effectiveSubscription(sub, renewsAt.subtract(MS, 'ms'));
    expect(read).toMatchObject({ status: 'active', cancelledAt: null });
  });

  it('R-CAN-2: a cancellation scheduled at renewal takes effect at exactly cancelAt', () => {
    const renewsAt = at('2026-04-01T09:00:00Z');
    const sub = aSubscription({ orderedAt: ORDERED, autoRenew: false, cancelAt: renewsAt });
    const read = effectiveSubscription(sub, renewsAt);
    expect(read).toMatchObject({ status: 'cancelled', autoRenew: false });
    expect(iso(read.cancelledAt)).toBe(iso(renewsAt));
    expect(effectiveSubscription(sub, addDays(renewsAt, 200)).status).toBe('cancelled');
  });

  it('R-CAN-3: an annual cancellation at renewal takes effect at the annual renewal', () => {
    const sub = aSubscription({
      billingCycle: 'annual',
      autoRenew: false,
      cancelAt: at('2027-03-01T09:00:00Z'),
    });
    expect(effectiveSubscription(sub, at('2027-03-01T09:00:00Z').subtract(MS, 'ms')).status).toBe('active');
    expect(effectiveSubscription(sub, at('2027-03-01T09:00:00Z')).status).toBe('cancelled');
  });

  it('R-BUY-11: after 3 years of monthly renewals the current term is the right one', () => {
    const sub = aSubscription({ billingCycle: 'monthly', orderedAt: ORDERED });
    expect(term(effectiveSubscription(sub, at('2029-03-15T00:00:00Z')))).toEqual([
      '2029-03-01T09:00:00.000Z',
      '2029-04-01T09:00:00.000Z',
    ]);
    expect(term(effectiveSubscription(sub, at('2029-03-01T09:00:00Z').subtract(MS, 'ms')))).toEqual([
      '2029-02-01T09:00:00.000Z',
      '2029-03-01T09:00:00.000Z',
    ]);
  });

  it('R-BUY-11: after 5 years of annual renewals the current term is the right one', () => {
    const sub = aSubscription({ billingCycle: 'annual', orderedAt: ORDERED });
    expect(term(effectiveSubscription(sub, at('2031-02-28T23:59:59.999Z')))).toEqual([
      '2030-03-01T09:00:00.000Z',
      '2031-03-01T09:00:00.000Z',
    ]);
  });

  it('R-BUY-11: a monthly subscription started on the 31st keeps renewing on its anniversary day, 3 years on', () => {
    // Ordered 31 January: the terms end on 28 February, 31 March, 30 April, … (the day clamped to the
    // month's length), not on the 28th of every month after February.
    const sub = aSubscription({ billingCycle: 'monthly', orderedAt: at('2026-01-31T09:00:00Z') });
    expect(term(effectiveSubscription(sub, at('2026-03-29T00:00:00Z')))).toEqual([
      '2026-02-28T09:00:00.000Z',
      '2026-03-31T09:00:00.000Z',
    ]);
    expect(term(effectiveSubscription(sub, at('2029-01-15T00:00:00Z')))).toEqual([
      '2028-12-31T09:00:00.000Z',
      '2029-01-31T09:00:00.000Z',
    ]);
  });
});

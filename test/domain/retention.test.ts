import { describe, expect, it } from 'vitest';
import { dataDeletionAt, retentionDays } from '../../src/domain/subscriptions/retention.js';
import { at, DAY_MS, HOUR_MS } from '../../src/domain/shared/time.js';
import { aCustomer, aCustomerWithGap } from '../support/builders.js';

describe('data retention after a suspension', () => {
  it('R-SUS-2: keeps the data 90 days when the first billing period starts at account creation', () => {
    expect(retentionDays(aCustomerWithGap(0))).toBe(90);
  });

  it('R-SUS-2: adds the 15 days between account creation and first billing period: 105 days', () => {
    expect(retentionDays(aCustomerWithGap(15))).toBe(105);
  });

  it('R-SUS-2: reaches 120 days with a 30-day gap', () => {
    expect(retentionDays(aCustomerWithGap(30))).toBe(120);
  });

  it('R-SUS-2: caps the retention at 120 days when the gap is 40 days', () => {
    expect(retentionDays(aCustomerWithGap(40))).toBe(120);
  });

  it('R-SUS-2: counts whole days only: a gap of 29 days 23 hours counts as 29 days (119 days)', () => {
    // Decision: the gap is counted in whole 24-hour days, rounded down.
    expect(retentionDays(aCustomerWithGap(29, 23 * HOUR_MS))).toBe(119);
    expect(retentionDays(aCustomerWithGap(29, DAY_MS - 1))).toBe(119);
    expect(retentionDays(aCustomerWithGap(30))).toBe(120);
  });

  it('R-SUS-2: never keeps the data less than 90 days, even if the billing period started before the account', () => {
    expect(retentionDays(aCustomerWithGap(-5))).toBe(90);
  });

  it('R-SUS-2: deletes the data exactly 90 × 24 hours after the suspension', () => {
    const suspendedAt = at('2026-03-07T12:34:56.789Z');
    const deletedAt = dataDeletionAt(aCustomer(), suspendedAt);
    expect(deletedAt.diff(suspendedAt)).toBe(90 * DAY_MS);
    expect(deletedAt.toISOString()).toBe('2026-06-05T12:34:56.789Z');
  });

  it('R-SUS-2: deletes the data 120 × 24 hours after the suspension when the gap is 40 days', () => {
    const suspendedAt = at('2026-11-21T09:00:00Z');
    expect(dataDeletionAt(aCustomerWithGap(40), suspendedAt).diff(suspendedAt)).toBe(120 * DAY_MS);
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, addHours, at, inZone, isWithin, startOfDayIn } from '../../src/domain/shared/time.js';

describe('windows are half-open', () => {
  const opens = at('2026-03-01T09:00:00Z');
  const closes = addHours(opens, 24);

  it('include their start', () => expect(isWithin(opens, opens, closes)).toBe(true));
  it('include the millisecond before their end', () =>
    expect(isWithin(closes.subtract(1, 'ms'), opens, closes)).toBe(true));
  it('exclude their exact end: an action at the closing instant is late', () =>
    expect(isWithin(closes, opens, closes)).toBe(false));
  it('exclude the time before they open', () =>
    expect(isWithin(opens.subtract(1, 'ms'), opens, closes)).toBe(false));

  it('count days as exact 24-hour periods, whatever daylight saving does', () => {
    const start = at('2026-03-07T12:00:00Z');
    expect(addDays(start, 14).diff(start)).toBe(14 * 86_400_000);
  });
});

describe('presenting instants', () => {
  it('shows an instant in the user’s zone, or in UTC when the zone is unknown or invalid', () => {
    const instant = at('2026-11-21T00:30:00Z');
    expect(inZone(instant, 'Asia/Seoul').format('YYYY-MM-DD HH:mm')).toBe('2026-11-21 09:30');
    expect(inZone(instant, undefined).format('HH:mm')).toBe('00:30');
    expect(inZone(instant, 'Not/AZone').format('HH:mm')).toBe('00:30');
  });

  it('reads a calendar date as the start of that day in a zone, and rejects impossible dates', () => {
    expect(startOfDayIn('2026-11-21', 'Asia/Seoul')?.toISOString()).toBe('2026-11-20T15:00:00.000Z');
    expect(startOfDayIn('2026-02-30', undefined)).toBeUndefined();
    expect(startOfDayIn('21/11/2026', undefined)).toBeUndefined();
  });
});

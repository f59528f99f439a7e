import { describe, expect, it } from 'vitest';
import {
  addDays,
  addHours,
  addMonths,
  addMonthsMs,
  at,
  inZone,
  isValidTimeZone,
  isWithin,
  isWithinMs,
  monthsBetween,
  monthsBetweenMs,
  startOfDayIn,
} from '../../src/domain/shared/time.js';

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

  it('are half-open on epoch milliseconds too', () => {
    const [o, c] = [opens.valueOf(), closes.valueOf()];
    expect([o - 1, o, c - 1, c].map((ms) => isWithinMs(ms, o, c))).toEqual([false, true, true, false]);
  });

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

describe('calendar months without dayjs month arithmetic', () => {
  /** Instants spread over leap and common years, month ends included, at any time of day. */
  const instants = (count: number) => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    return Array.from({ length: count }, () => {
      const day = next() < 0.4 ? 28 + Math.floor(next() * 4) : 1 + Math.floor(next() * 28);
      const base = Date.UTC(2019 + Math.floor(next() * 10), Math.floor(next() * 12), 1);
      return at(base + (day - 1) * 86_400_000 + Math.floor(next() * 86_400_000));
    });
  };

  it('addMonths agrees with dayjs add(n, "month"), month ends clamped (R-TRM-1 terms count on it)', () => {
    for (const instant of instants(2000)) {
      for (const months of [0, 1, 2, 11, 12, 13, 25, 36, -1, -13]) {
        expect(addMonths(instant, months).toISOString(), `${instant.toISOString()} + ${months}`).toBe(
          instant.add(months, 'month').toISOString(),
        );
      }
    }
  });

  it('monthsBetween agrees with dayjs diff(…, "month") both ways', () => {
    const list = instants(400);
    for (let i = 0; i + 1 < list.length; i += 1) {
      const [a, b] = [list[i]!, list[i + 1]!];
      expect(monthsBetween(a, b), `${a.toISOString()} → ${b.toISOString()}`).toBe(b.diff(a, 'month'));
      expect(monthsBetween(b, a), `${b.toISOString()} → ${a.toISOString()}`).toBe(a.diff(b, 'month'));
    }
  });

  it('addMonthsMs and monthsBetweenMs give the same instants and counts on epoch milliseconds', () => {
    const list = instants(400);
    for (const [i, instant] of list.entries()) {
      for (const months of [0, 1, 12, 13, -1, -13])
        expect(addMonthsMs(instant.valueOf(), months), `${instant.toISOString()} + ${months}`).toBe(
          instant.add(months, 'month').valueOf(),
        );
      const other = list[(i + 1) % list.length]!;
      expect(monthsBetweenMs(instant.valueOf(), other.valueOf())).toBe(other.diff(instant, 'month'));
    }
    // Before the epoch too (negative milliseconds keep their time of day).
    const old = at('1969-12-31T23:59:59.999Z');
    expect(addMonthsMs(old.valueOf(), 2)).toBe(old.add(2, 'month').valueOf());
  });
});

describe('time zone names', () => {
  it('are answered alike when asked again, and past the number of answers remembered', () => {
    const valid = ['Asia/Seoul', 'Asia/Shanghai', 'Europe/London', 'America/New_York', 'UTC'];
    const invalid = ['Mars/Olympus', 'Asia/Seoul ', '', 'Europe/Lndon'];
    // Twice as many made-up names as are remembered: later answers still come from Intl, not the memory.
    const flood = Array.from({ length: 2048 }, (_, i) => `Nowhere/Zone${i}`);
    for (let round = 0; round < 2; round++) {
      for (const zone of valid) expect(isValidTimeZone(zone), zone).toBe(true);
      for (const zone of invalid) expect(isValidTimeZone(zone), zone).toBe(false);
      for (const zone of flood) expect(isValidTimeZone(zone)).toBe(false);
    }
    expect(isValidTimeZone('Pacific/Auckland')).toBe(true);
  });
});

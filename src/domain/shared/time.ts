/**
 * The one entry point to dayjs. Everything that needs time takes a `Clock`; the domain never reads the wall
 * clock itself. Windows are half-open: they include their start and exclude their end.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export type { Dayjs };

export interface Clock {
  now(): Dayjs;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** An instant from an ISO string, a Date or epoch milliseconds, always in UTC. */
export const at = (instant: string | Date | number): Dayjs => dayjs.utc(instant);

export const fixedClock = (instant: string | Date | number): Clock => {
  const fixed = at(instant);
  return { now: () => fixed };
};

/** A clock a test can move forward. */
export const movableClock = (instant: string | Date | number) => {
  let current = at(instant);
  return {
    now: () => current,
    set: (next: string | Date | number) => {
      current = at(next);
    },
    advance: (ms: number) => {
      current = current.add(ms, 'millisecond');
    },
  };
};

export const isWithin = (now: Dayjs, opensAt: Dayjs, closesAt: Dayjs): boolean =>
  isWithinMs(now.valueOf(), opensAt.valueOf(), closesAt.valueOf());

/** `isWithin` on epoch milliseconds, for code that evaluates many instants (the reminder pass). */
export const isWithinMs = (nowMs: number, opensAtMs: number, closesAtMs: number): boolean =>
  nowMs >= opensAtMs && nowMs < closesAtMs;

export const addHours = (instant: Dayjs, hours: number): Dayjs => instant.add(hours * HOUR_MS, 'millisecond');
export const addDays = (instant: Dayjs, days: number): Dayjs => instant.add(days * DAY_MS, 'millisecond');

/**
 * `instant` plus whole calendar months in UTC, the day of the month kept or, where the month is shorter,
 * its last day (Jan 31 + 1 month = Feb 28 or 29), as dayjs's `add(n, 'month')` does; plain arithmetic,
 * since terms are counted for every subscription of every list and reminder pass.
 */
export const addMonths = (instant: Dayjs, months: number): Dayjs =>
  at(addMonthsMs(instant.valueOf(), months));

/** `addMonths` on epoch milliseconds (no Date or dayjs object is kept: the reminder pass counts many terms). */
export function addMonthsMs(instantMs: number, months: number): number {
  const date = new Date(instantMs);
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  // The time of day is kept as an offset from midnight (UTC has no leap seconds or shifts).
  const timeOfDayMs = ((instantMs % DAY_MS) + DAY_MS) % DAY_MS;
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) + timeOfDayMs;
}

/** Whole calendar months from `from` to `to` in UTC, as dayjs's `diff(…, 'month')` counts them (truncated). */
export const monthsBetween = (from: Dayjs, to: Dayjs): number =>
  monthsBetweenMs(from.valueOf(), to.valueOf());

/** `monthsBetween` on epoch milliseconds. */
export function monthsBetweenMs(fromMs: number, toMs: number): number {
  const a = new Date(fromMs);
  const b = new Date(toMs);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (months > 0 && addMonthsMs(fromMs, months) > toMs) months -= 1;
  else if (months < 0 && addMonthsMs(fromMs, months) < toMs) months += 1;
  return months;
}

/** Whole days between two instants, rounded down (exact 24-hour days). */
export const wholeDaysBetween = (from: Dayjs, to: Dayjs): number => Math.floor(to.diff(from) / DAY_MS);

/** Answers already given: making an Intl.DateTimeFormat to find out costs about 0.1 ms each time. */
const timeZoneValidity = new Map<string, boolean>();
/** More names than there are time zones and their aliases; anything sent beyond that is not remembered. */
const TIME_ZONES_REMEMBERED = 1024;

export const isValidTimeZone = (zone: string): boolean => {
  const known = timeZoneValidity.get(zone);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    valid = true;
  } catch {
    valid = false;
  }
  if (timeZoneValidity.size < TIME_ZONES_REMEMBERED) timeZoneValidity.set(zone, valid);
  return valid;
};

/** Presents an instant in a zone (or UTC when none is known). */
export const inZone = (instant: Dayjs, zone: string | undefined): Dayjs =>
  zone && isValidTimeZone(zone) ? instant.tz(zone) : instant.utc();

/** Parses a calendar date (YYYY-MM-DD) as the start of that day in the given zone (UTC by default). */
export const startOfDayIn = (date: string, zone: string | undefined): Dayjs | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const parsed = zone && isValidTimeZone(zone) ? dayjs.tz(date, zone) : dayjs.utc(date);
  return parsed.isValid() && parsed.format('YYYY-MM-DD') === date ? parsed.utc() : undefined;
};

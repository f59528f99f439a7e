/** When reminders are due and retried: lead times, the daily digest hour, claim leases and back-off. */
import type { ReminderKind } from '../ports/reminders.js';
import type { Dayjs } from '../shared/time.js';
import { isValidTimeZone } from '../shared/time.js';

export const REMINDER_LEAD: Record<ReminderKind, number> = {
  'cancel-window-24h': 24,
  'cancel-window-2h': 2,
  'trial-ends-3d': 72,
  'data-deletion-7d': 7 * 24,
  'link-expires-1d': 24,
  'cancellation-1d': 24,
  'relationship-accepted': 0,
  'subscription-changed': 0,
};
/**
 * R-REM-1: no reminder in the first hours after the action it is about (a purchase, a suspension): the
 * card of that action has just shown the same window or date, so a reminder then tells nothing new.
 */
export const QUIET_HOURS_AFTER_ACTION = 6;
export const DIGEST_HOUR = 9;
export const CLAIM_LEASE_MS = 60_000;
export const MAX_BACKOFF_MS = 60 * 60_000;

/** The next 09:00 in the recipient's zone strictly after `after` (their daily digest). */
export function nextDigestAt(after: Dayjs, timeZone: string | null): Dayjs {
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC';
  const local = after.tz(zone);
  let digest = local.hour(DIGEST_HOUR).minute(0).second(0).millisecond(0);
  if (!digest.isAfter(local)) digest = digest.add(1, 'day');
  return digest.utc();
}

/** Exponential back-off with full jitter, capped. `random` is in [0, 1). */
export const backoffMs = (attempt: number, random: number, retryAfterMs?: number): number =>
  Math.max(
    retryAfterMs ?? 0,
    Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt, 12)) * (0.5 + random / 2),
  );

/**
 * Proactive reminders to the person who acted on the object: a cancellation window closing (24 h and 2 h
 * left), a trial converting in 3 days, a suspended subscription's data deleted in 7 days, a download link
 * expiring tomorrow, a scheduled cancellation taking effect tomorrow. Each is a row with a unique key, so
 * it is created once, claimed by one instance with a lease, and marked sent once delivered; failed sends
 * are retried with back-off, never dropped.
 */
import type { DeliveryResult } from './reminder-notifier.js';
import { MAX_BACKOFF_MS } from './reminder-schedule.js';
import type { AllDeps } from '../ports/deps.js';
import type { StoredReminder } from '../ports/reminders.js';
import type { ReminderPreferences } from '../ports/staff.js';
import type { Dayjs } from '../shared/time.js';
import type { ReminderNotifier } from './reminder-notifier.js';
import type { DiscoverRemindersDeps } from './discover-reminders.js';
import { discoverReminders, REMINDER_SOURCE_PAGE } from './discover-reminders.js';
import { linkReminders, subscriptionReminders } from './reminder-events.js';
import { nextDigestAt, backoffMs, CLAIM_LEASE_MS } from './reminder-schedule.js';

export type RunRemindersDeps = DiscoverRemindersDeps & Pick<AllDeps, 'clock' | 'staff'>;

export interface ReminderRunReport {
  readonly created: number;
  readonly sent: number;
  readonly skipped: number;
  readonly deferred: number;
  readonly failed: number;
}

/** One pass of the scheduler: find what is due, claim it, deliver it. Safe to run on several instances. */
export async function runReminders(
  deps: RunRemindersDeps,
  notifier: ReminderNotifier,
  instanceId: string,
  random: () => number,
  limit = 200,
  sourcePageSize = REMINDER_SOURCE_PAGE,
): Promise<ReminderRunReport> {
  const now = deps.clock.now();
  const { created } = await discoverReminders(deps, now, { pageSize: sourcePageSize });
  const claimed = await deps.reminders.claimDue(now, instanceId, now.add(CLAIM_LEASE_MS, 'ms'), limit);
  // What is true now decides: a reminder held for a digest or a retry whose subject changed meanwhile
  // (a cancellation withdrawn, a subscription reactivated, a link revoked) is dropped, not sent.
  const timed = claimed.filter(
    (r) => r.kind !== 'relationship-accepted' && r.kind !== 'subscription-changed',
  );
  const stillDue = await dueNowAbout(deps, now, timed);
  const stale = timed.filter((r) => !stillDue.has(r.uniqueKey));
  for (const r of stale) await deps.reminders.markSkipped(r.id, instanceId, now);
  const byRecipient = new Map<string, StoredReminder[]>();
  for (const r of claimed.filter((c) => !stale.includes(c)))
    byRecipient.set(r.recipientAadObjectId, [...(byRecipient.get(r.recipientAadObjectId) ?? []), r]);
  const report = { created, sent: 0, skipped: stale.length, deferred: 0, failed: 0 };
  for (const [recipient, reminders] of byRecipient) {
    const preferences = (await deps.staff.reminderPreferences(recipient)) ?? {
      enabled: true,
      digest: false,
      locale: null,
      timeZone: null,
    };
    if (!preferences.enabled) {
      for (const r of reminders) await deps.reminders.markSkipped(r.id, instanceId, now);
      report.skipped += reminders.length;
      continue;
    }
    if (preferences.digest) {
      // Held until the recipient's next 09:00, then all that waited go in one card; but never held past
      // the event it warns of (the 2-hour warning of a window closing at 18:00 goes now).
      const digestOf = (r: StoredReminder) =>
        nextDigestAt(r.createdAt.subtract(1, 'ms'), preferences.timeZone);
      const waiting = reminders.filter((r) => now.isBefore(digestOf(r)) && r.eventAt.isAfter(digestOf(r)));
      for (const r of waiting) {
        await deps.reminders.reschedule(
          r.id,
          instanceId,
          nextDigestAt(r.createdAt.subtract(1, 'ms'), preferences.timeZone),
          null,
          false,
        );
      }
      report.deferred += waiting.length;
      const ready = reminders.filter((r) => !waiting.includes(r));
      if (ready.length === 0) continue;
      await deliver(deps, notifier, instanceId, random, recipient, ready, preferences, report);
      continue;
    }
    for (const r of reminders)
      await deliver(deps, notifier, instanceId, random, recipient, [r], preferences, report);
  }
  return report;
}

/**
 * The unique keys of the reminders due at `now` about the subjects of these claimed reminders, evaluated
 * afresh from their sources (the pass itself only looks at subscriptions whose check time has come).
 */
async function dueNowAbout(
  deps: RunRemindersDeps,
  now: Dayjs,
  claimed: readonly StoredReminder[],
): Promise<Set<string>> {
  const linkIds = [...new Set(claimed.filter((r) => r.kind === 'link-expires-1d').map((r) => r.subjectId))];
  const subscriptionIds = [
    ...new Set(claimed.filter((r) => r.kind !== 'link-expires-1d').map((r) => r.subjectId)),
  ];
  const due = [
    ...(subscriptionIds.length
      ? subscriptionReminders(deps, now, await deps.reminders.subscriptionSourcesById(subscriptionIds))
      : []),
    ...(linkIds.length ? linkReminders(deps, now, await deps.reminders.linkSourcesById(linkIds)) : []),
  ];
  return new Set(due.map((r) => r.uniqueKey));
}

async function deliver(
  deps: RunRemindersDeps,
  notifier: ReminderNotifier,
  instanceId: string,
  random: () => number,
  recipient: string,
  reminders: StoredReminder[],
  preferences: ReminderPreferences,
  report: { sent: number; failed: number },
) {
  const now = deps.clock.now();
  // A pass may outlast its lease (throttled or retried sends): confirm, and extend, the claim on exactly
  // these reminders right before sending, so another instance that took them over is not doubled.
  const held = new Set(
    await deps.reminders.extendClaim(
      reminders.map((r) => r.id),
      instanceId,
      now,
      now.add(CLAIM_LEASE_MS, 'ms'),
    ),
  );
  reminders = reminders.filter((r) => held.has(r.id));
  if (reminders.length === 0) return;
  let result: DeliveryResult;
  try {
    result = await notifier.deliver(recipient, reminders, preferences);
  } catch (error) {
    result = {
      kind: 'retry',
      error: error instanceof Error ? error.message.slice(0, 200) : 'delivery failed',
    };
  }
  for (const r of reminders) {
    if (result.kind === 'sent') {
      await deps.reminders.markSent(r.id, instanceId, now);
    } else {
      const wait =
        result.kind === 'no-conversation'
          ? MAX_BACKOFF_MS
          : backoffMs(r.attempts, random(), result.retryAfterMs);
      await deps.reminders.reschedule(
        r.id,
        instanceId,
        now.add(wait, 'ms'),
        result.kind === 'no-conversation' ? 'no personal conversation yet' : result.error,
        true,
      );
    }
  }
  if (result.kind === 'sent') report.sent += reminders.length;
  else report.failed += reminders.length;
}

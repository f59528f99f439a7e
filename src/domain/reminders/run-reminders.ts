/**
 * Proactive reminders to the person who acted on the object: a cancellation window closing (24 h and 2 h
 * left), a trial converting in 3 days, a suspended subscription's data deleted in 7 days, a download link
 * expiring tomorrow, a scheduled cancellation taking effect tomorrow. Each is a row with a unique key, so
 * it is created once, claimed by one instance with a lease, and marked sent once delivered; failed sends
 * are retried with back-off, never dropped.
 */
import { cancellationEffect } from '../subscriptions/cancellation-policy.js';
import type { AllDeps } from '../ports/deps.js';
import type { NewReminder, ReminderKind, StoredReminder } from '../ports/reminders.js';
import type { ReminderPreferences } from '../ports/staff.js';
import { effectiveSubscription } from '../subscriptions/subscription-state.js';
import { addHours, at as instant, isValidTimeZone, type Dayjs } from '../shared/time.js';

export const REMINDER_LEAD: Record<ReminderKind, number> = {
  'cancel-window-24h': 24,
  'cancel-window-2h': 2,
  'trial-ends-3d': 72,
  'data-deletion-7d': 7 * 24,
  'link-expires-1d': 24,
  'cancellation-1d': 24,
  'relationship-accepted': 0,
};
export const DIGEST_HOUR = 9;
export const CLAIM_LEASE_MS = 60_000;
export const MAX_BACKOFF_MS = 60 * 60_000;

const reminder = (
  deps: Pick<AllDeps, 'newId'>,
  now: Dayjs,
  kind: ReminderKind,
  subjectId: string,
  recipient: string,
  eventAt: Dayjs,
  payload: NewReminder['payload'],
): NewReminder | undefined => {
  const dueAt = addHours(eventAt, -REMINDER_LEAD[kind]);
  // Only while the event is ahead: a reminder after the fact is noise.
  if (!now.isBefore(eventAt) || now.isBefore(dueAt)) return undefined;
  return {
    id: deps.newId(),
    kind,
    subjectId,
    recipientAadObjectId: recipient,
    eventAt,
    uniqueKey: `${kind}:${subjectId}:${eventAt.toISOString()}`,
    payload,
    createdAt: now,
    nextAttemptAt: now,
  };
};

/** The reminders that are due at `now` (those already known are ignored by their unique key). */
export async function discoverReminders(deps: AllDeps, now: Dayjs): Promise<NewReminder[]> {
  const sources = await deps.reminders.sources(now);
  const out: Array<NewReminder | undefined> = [];
  for (const source of sources.subscriptions) {
    const sub = effectiveSubscription(source.subscription, now);
    const base = { subscriptionId: sub.id, product: sub.productName, customer: source.customerName };
    if (sub.status === 'active') {
      const effect = cancellationEffect(source.product, sub, now);
      if (effect.ok && 'windowClosesAt' in effect.value) {
        const closesAt = instant(effect.value.windowClosesAt);
        const payload = { ...base, effect: effect.value.kind };
        out.push(reminder(deps, now, 'cancel-window-24h', sub.id, source.placedBy, closesAt, payload));
        out.push(reminder(deps, now, 'cancel-window-2h', sub.id, source.placedBy, closesAt, payload));
      }
      if (sub.trialEndsAt && now.isBefore(sub.trialEndsAt)) {
        out.push(reminder(deps, now, 'trial-ends-3d', sub.id, source.placedBy, sub.trialEndsAt, base));
      }
      if (sub.cancelAt) {
        out.push(
          reminder(
            deps,
            now,
            'cancellation-1d',
            sub.id,
            source.lastActorFor['subscription.cancel'] ?? source.placedBy,
            sub.cancelAt,
            base,
          ),
        );
      }
    }
    if (sub.status === 'suspended' && sub.dataDeletedAt) {
      out.push(
        reminder(
          deps,
          now,
          'data-deletion-7d',
          sub.id,
          source.lastActorFor['subscription.suspend'] ?? source.placedBy,
          sub.dataDeletedAt,
          base,
        ),
      );
    }
  }
  for (const link of sources.links) {
    out.push(
      reminder(deps, now, 'link-expires-1d', link.linkId, link.issuedTo, link.expiresAt, {
        orderId: link.orderId,
        product: link.productName,
        customer: link.customerName,
      }),
    );
  }
  return out.filter((r): r is NewReminder => r !== undefined);
}

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

export type DeliveryResult =
  | { readonly kind: 'sent' }
  /** No one-to-one chat with the recipient yet: kept and tried again later. */
  | { readonly kind: 'no-conversation' }
  /** Throttled or a passing failure (429, 412, 502, 504…): tried again after a back-off. */
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs?: number };

/** Delivers one card made of one or several reminders to one person. */
export interface ReminderNotifier {
  deliver(
    recipient: string,
    reminders: readonly StoredReminder[],
    preferences: ReminderPreferences,
  ): Promise<DeliveryResult>;
}

export interface ReminderRunReport {
  readonly created: number;
  readonly sent: number;
  readonly skipped: number;
  readonly deferred: number;
  readonly failed: number;
}

/** One pass of the scheduler: find what is due, claim it, deliver it. Safe to run on several instances. */
export async function runReminders(
  deps: AllDeps,
  notifier: ReminderNotifier,
  instanceId: string,
  random: () => number,
  limit = 200,
): Promise<ReminderRunReport> {
  const now = deps.clock.now();
  const discovered = await discoverReminders(deps, now);
  const created = await deps.reminders.create(discovered);
  const claimed = await deps.reminders.claimDue(now, instanceId, now.add(CLAIM_LEASE_MS, 'ms'), limit);
  // What is true now decides: a reminder held for a digest or a retry whose subject changed meanwhile
  // (a cancellation withdrawn, a subscription reactivated, a link revoked) is dropped, not sent.
  const stillDue = new Set(discovered.map((r) => r.uniqueKey));
  const stale = claimed.filter((r) => r.kind !== 'relationship-accepted' && !stillDue.has(r.uniqueKey));
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

async function deliver(
  deps: AllDeps,
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

/** `reminders on|off`, `reminders digest on|off`: the speaker's own preferences. */
export async function setReminderPreferences(
  deps: AllDeps,
  actor: { aadObjectId: string | null },
  changes: { enabled?: boolean; digest?: boolean },
): Promise<ReminderPreferences | null> {
  if (!actor.aadObjectId) return null;
  await deps.staff.setReminderPreferences(actor.aadObjectId, changes);
  return deps.staff.reminderPreferences(actor.aadObjectId);
}

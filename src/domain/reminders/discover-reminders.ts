/**
 * Proactive reminders to the person who acted on the object: a cancellation window closing (24 h and 2 h
 * left), a trial converting in 3 days, a suspended subscription's data deleted in 7 days, a download link
 * expiring tomorrow, a scheduled cancellation taking effect tomorrow. Each is a row with a unique key, so
 * it is created once, claimed by one instance with a lease, and marked sent once delivered; failed sends
 * are retried with back-off, never dropped.
 */
import type { AllDeps } from '../ports/deps.js';
import type { NewReminder, ReminderKind, ReminderSources } from '../ports/reminders.js';
import type { Dayjs } from '../shared/time.js';
import { cancellationEffect } from '../subscriptions/cancellation-policy.js';
import { effectiveSubscription } from '../subscriptions/subscription-state.js';
import { addHours, at as instant } from '../shared/time.js';
import { QUIET_HOURS_AFTER_ACTION, REMINDER_LEAD } from './reminder-schedule.js';

export type DiscoverRemindersDeps = Pick<AllDeps, 'reminders' | 'newId'>;

const reminder = (
  deps: Pick<AllDeps, 'newId'>,
  now: Dayjs,
  kind: ReminderKind,
  subjectId: string,
  recipient: string,
  eventAt: Dayjs,
  payload: NewReminder['payload'],
  actedAt?: Dayjs | null,
): NewReminder | undefined => {
  const dueAt = addHours(eventAt, -REMINDER_LEAD[kind]);
  // Only while the event is ahead: a reminder after the fact is noise.
  if (!now.isBefore(eventAt) || now.isBefore(dueAt)) return undefined;
  // R-REM-1: nor right after the action it is about, whose card has just said the same.
  if (actedAt && now.isBefore(addHours(actedAt, QUIET_HOURS_AFTER_ACTION))) return undefined;
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

/** How many source rows one read takes; the pass reads page after page until the sources are exhausted. */
export const REMINDER_SOURCE_PAGE = 1000;

/**
 * The reminders that are due at `now` (those already known are ignored by their unique key). The sources
 * are read in id order, page after page, so every candidate is looked at whatever their number; only the
 * due reminders are kept.
 */
export async function discoverReminders(
  deps: DiscoverRemindersDeps,
  now: Dayjs,
  pageSize: number = REMINDER_SOURCE_PAGE,
): Promise<NewReminder[]> {
  const out: Array<NewReminder | undefined> = [];
  for (let after: string | null = null, first = true; first || after !== null; first = false) {
    const page = await deps.reminders.subscriptionSources(now, { after, limit: pageSize });
    out.push(...subscriptionReminders(deps, now, page.rows));
    after = page.next;
  }
  for (let after: string | null = null, first = true; first || after !== null; first = false) {
    const page = await deps.reminders.linkSources(now, { after, limit: pageSize });
    out.push(...linkReminders(deps, now, page.rows));
    after = page.next;
  }
  return out.filter((r): r is NewReminder => r !== undefined);
}

function subscriptionReminders(
  deps: Pick<AllDeps, 'newId'>,
  now: Dayjs,
  sources: ReminderSources['subscriptions'],
): Array<NewReminder | undefined> {
  const out: Array<NewReminder | undefined> = [];
  for (const source of sources) {
    const sub = effectiveSubscription(source.subscription, now);
    const base = { subscriptionId: sub.id, product: sub.productName, customer: source.customerName };
    if (sub.status === 'active') {
      const effect = cancellationEffect(source.product, sub, now);
      if (effect.ok && 'windowClosesAt' in effect.value) {
        const closesAt = instant(effect.value.windowClosesAt);
        const payload = { ...base, effect: effect.value.kind };
        const acted = sub.orderedAt;
        out.push(reminder(deps, now, 'cancel-window-24h', sub.id, source.placedBy, closesAt, payload, acted));
        out.push(reminder(deps, now, 'cancel-window-2h', sub.id, source.placedBy, closesAt, payload, acted));
      }
      if (sub.trialEndsAt && now.isBefore(sub.trialEndsAt)) {
        out.push(
          reminder(deps, now, 'trial-ends-3d', sub.id, source.placedBy, sub.trialEndsAt, base, sub.orderedAt),
        );
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
          sub.suspendedAt,
        ),
      );
    }
  }
  return out;
}

function linkReminders(
  deps: Pick<AllDeps, 'newId'>,
  now: Dayjs,
  links: ReminderSources['links'],
): Array<NewReminder | undefined> {
  const out: Array<NewReminder | undefined> = [];
  for (const link of links) {
    out.push(
      reminder(deps, now, 'link-expires-1d', link.linkId, link.issuedTo, link.expiresAt, {
        orderId: link.orderId,
        product: link.productName,
        customer: link.customerName,
      }),
    );
  }
  return out;
}

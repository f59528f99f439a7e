/**
 * Reminders as cards, and the speaker's reminder settings.
 */
import type { ReminderPreferences } from '../../../domain/ports/staff.js';
import type { StoredReminder } from '../../../domain/ports/reminders.js';
import type { Dayjs } from '../../../domain/shared/time.js';
import { VERBS } from '../../card-actions.js';
import type { AdaptiveCardJson } from '../../cards.js';
import type { Speech } from '../../i18n.js';
import { messageCard, formatDuration } from '../../common-views.js';
import { acceptedCard } from '../relationships/views.js';

function reminderText(s: Speech, r: StoredReminder, now: Dayjs): string {
  if (r.kind === 'relationship-accepted') {
    return `${s.m.relationship.acceptedTitle(String(r.payload.customer ?? ''))}. ${s.m.relationship.acceptedBody}`;
  }
  const facts = Object.fromEntries(Object.entries(r.payload).map(([k, v]) => [k, v ?? ''])) as Record<
    string,
    string | number
  >;
  const left = formatDuration(s, Math.max(0, r.eventAt.diff(now)));
  return `${s.m.reminders[r.kind](facts, left)} ${s.m.reminders.at(s.dateTime(r.eventAt))}`;
}

function reminderButton(s: Speech, r: StoredReminder) {
  const m = s.m.reminders;
  const subscriptionId = String(r.payload.subscriptionId ?? '');
  switch (r.kind) {
    case 'cancel-window-24h':
    case 'cancel-window-2h':
    case 'trial-ends-3d':
      return { title: m.review, verb: VERBS.cancelStart, data: { ref: subscriptionId } };
    case 'data-deletion-7d':
      return { title: m.reactivate, verb: VERBS.reactivateStart, data: { ref: subscriptionId } };
    case 'link-expires-1d':
      return {
        title: m.newLink,
        verb: VERBS.keyStart,
        data: { product: String(r.payload.orderId ?? ''), customer: '' },
      };
    case 'cancellation-1d':
      return { title: m.keep, verb: VERBS.autoRenewStart, data: { ref: subscriptionId, autoRenew: true } };
    case 'relationship-accepted':
    case 'subscription-changed':
      return undefined;
  }
}

/** One reminder, or several (a digest) in one card, each with a button to act on it. */
export function reminderCard(s: Speech, reminders: readonly StoredReminder[], now: Dayjs): AdaptiveCardJson {
  const m = s.m.reminders;
  const only = reminders.length === 1 ? reminders[0] : undefined;
  if (only?.kind === 'relationship-accepted') return acceptedCard(s, String(only.payload.customer ?? ''));
  return messageCard(s, {
    title: reminders.length === 1 ? m.title : m.digestTitle(reminders.length),
    color: 'Accent',
    lines: reminders.map((r) =>
      reminders.length === 1 ? reminderText(s, r, now) : `• ${reminderText(s, r, now)}`,
    ),
    // Teams shows at most six buttons; a digest's other items still say what to type.
    buttons: reminders
      .map((r) => reminderButton(s, r))
      .filter((b): b is NonNullable<typeof b> => b !== undefined)
      .slice(0, 6),
    footer: s.m.common.timesIn(s.zoneLabel),
  });
}

export function reminderSettingsCard(
  s: Speech,
  preferences: ReminderPreferences | null,
  hasChat: boolean,
): AdaptiveCardJson {
  const m = s.m.reminders;
  const lines = preferences
    ? [
        preferences.enabled ? m.on : m.off,
        ...(preferences.enabled ? [preferences.digest ? m.digestOn : m.digestOff] : []),
      ]
    : [m.off];
  return messageCard(s, { title: m.settings, lines: [...lines, ...(hasChat ? [] : [m.needChat])] });
}

/** The port through which reminders reach people (the bot implements it with proactive cards). */
import type { StoredReminder } from '../ports/reminders.js';
import type { ReminderPreferences } from '../ports/staff.js';

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

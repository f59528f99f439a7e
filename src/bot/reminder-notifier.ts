/** Delivers reminders as cards in the recipient's one-to-one chat (see domain/reminders/run-reminders.ts). */
import type { Clock } from '../domain/shared/time.js';
import type { ReminderNotifier } from '../domain/reminders/reminder-notifier.js';
import type { ProactiveSender } from './proactive.js';
import { reminderCard } from './features/reminders/views.js';

export function createReminderNotifier(sender: ProactiveSender, clock: Clock): ReminderNotifier {
  return {
    deliver: (recipient, reminders) => sender.send(recipient, (s) => reminderCard(s, reminders, clock.now())),
  };
}

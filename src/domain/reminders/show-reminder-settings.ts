/**
 * `reminders [on|off]`, `reminders digest on|off` (R-REM-*): applies the changes asked for, then the
 * speaker's preferences and whether the bot can reach them in a one-to-one chat.
 */
import type { ReminderPreferences, StaffRepository } from '../ports/staff.js';
import { setReminderPreferences } from './set-reminder-preferences.js';

export interface ShowReminderSettingsDeps {
  readonly staff: StaffRepository;
}

export interface ReminderSettings {
  readonly preferences: ReminderPreferences | null;
  readonly hasChat: boolean;
}

export async function showReminderSettings(
  deps: ShowReminderSettingsDeps,
  actor: { aadObjectId: string | null },
  changes: { enabled?: boolean; digest?: boolean },
): Promise<ReminderSettings> {
  const preferences = Object.keys(changes).length
    ? await setReminderPreferences(deps, actor, changes)
    : actor.aadObjectId
      ? await deps.staff.reminderPreferences(actor.aadObjectId)
      : null;
  const hasChat = actor.aadObjectId
    ? Boolean(await deps.staff.conversationReference(actor.aadObjectId))
    : false;
  return { preferences, hasChat };
}

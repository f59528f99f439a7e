/** `reminders on|off`, `reminders digest on|off`: the speaker's own preferences. */
import type { ReminderPreferences, StaffRepository } from '../ports/staff.js';

export interface SetReminderPreferencesDeps {
  readonly staff: StaffRepository;
}

export async function setReminderPreferences(
  deps: SetReminderPreferencesDeps,
  actor: { aadObjectId: string | null },
  changes: { enabled?: boolean; digest?: boolean },
): Promise<ReminderPreferences | null> {
  if (!actor.aadObjectId) return null;
  await deps.staff.setReminderPreferences(actor.aadObjectId, changes);
  return deps.staff.reminderPreferences(actor.aadObjectId);
}

/**
 * How the bot reaches a staff member by itself (keys sent privately, reminders): the stored reference of
 * their one-to-one chat, and the language and time zone to write in.
 */
import type { ReminderPreferences, StaffRepository } from '../ports/staff.js';

export interface FindChatContactDeps {
  readonly staff: StaffRepository;
}

/** The stored conversation reference of their one-to-one chat (opaque to the domain), if any. */
export async function findChatReference(deps: FindChatContactDeps, aadObjectId: string): Promise<unknown> {
  return deps.staff.conversationReference(aadObjectId);
}

/** Their language and time zone (kept with the reminder preferences), if known. */
export async function findChatLanguage(
  deps: FindChatContactDeps,
  aadObjectId: string,
): Promise<Pick<ReminderPreferences, 'locale' | 'timeZone'> | null> {
  return deps.staff.reminderPreferences(aadObjectId);
}

/** The staff port: who works for the partner, their roles, preferences and how to reach them. */
import type { Role } from '../shared/roles.js';
import type { Staff } from '../shared/model.js';

export interface StaffRepository {
  find(aadObjectId: string): Promise<Staff | null>;
  rolesOf(aadObjectId: string): Promise<Role[]>;
  list(): Promise<Staff[]>;
  /** Staff whose display name or e-mail contains the query (case-insensitive). */
  search(query: string): Promise<Staff[]>;
  /**
   * Adds the role and answers the roles held with it; null (nothing changed) when it was already held.
   * Creates the staff member when unknown; a display name given (other than the id) replaces theirs.
   */
  grant(
    aadObjectId: string,
    role: Role,
    options: { displayName?: string; grantedBy?: string | null },
  ): Promise<Role[] | null>;
  /**
   * Removes the role; false when it was not held; 'last-global-admin' (and nothing removed) when it would
   * leave nobody able to grant roles. Safe against two admins revoking each other at once.
   */
  revoke(aadObjectId: string, role: Role): Promise<boolean | 'last-global-admin'>;
  reminderPreferences(aadObjectId: string): Promise<ReminderPreferences | null>;
  setReminderPreferences(
    aadObjectId: string,
    changes: { enabled?: boolean; digest?: boolean },
  ): Promise<void>;
  /** The stored reference of their one-to-one chat with the bot, for proactive messages; null if none. */
  conversationReference(aadObjectId: string): Promise<unknown>;
  /**
   * Updates what the bot remembers of a staff member (name, tenant, locale, time zone, one-to-one chat): only
   * the fields given, and only for someone already in the staff table (never creates a row, R-ID-3).
   */
  remember(profile: {
    aadObjectId: string;
    displayName?: string;
    tenantId?: string;
    locale?: string | null;
    timeZone?: string | null;
    conversationReference?: unknown;
  }): Promise<void>;
}

export interface ReminderPreferences {
  readonly enabled: boolean;
  readonly digest: boolean;
  readonly locale: string | null;
  readonly timeZone: string | null;
}

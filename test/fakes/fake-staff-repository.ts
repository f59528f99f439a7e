/** StaffRepository in memory: people, roles (the last global admin is never revoked), preferences, chats. */
import type { StaffRepository } from '../../src/domain/ports/staff.js';
import type { Staff } from '../../src/domain/shared/model.js';
import { RoleSchema, type Role } from '../../src/domain/shared/roles.js';
import { asJson, type FakeDatabase, type StaffRow } from './fake-database.js';

/** The key of a stored one-to-one chat: conversation id and service address (as the database builds it). */
const conversationIdOf = (reference: unknown): string | null => {
  const r = reference as { conversation?: { id?: unknown }; serviceUrl?: unknown } | null;
  return typeof r?.conversation?.id === 'string'
    ? `${r.conversation.id}|${String(r.serviceUrl ?? '')}`
    : null;
};

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function makeFakeStaffRepository(db: FakeDatabase): StaffRepository {
  const rolesOf = (aadObjectId: string): Role[] =>
    [...db.tables.staffRoles.values()]
      .filter((r) => r.aadObjectId === aadObjectId && RoleSchema.safeParse(r.role).success)
      .map((r) => r.role)
      .sort(byText);
  const toStaff = (row: StaffRow): Staff => ({
    aadObjectId: row.aadObjectId,
    displayName: row.displayName,
    roles: rolesOf(row.aadObjectId),
    tenantId: row.tenantId ?? null,
    locale: row.locale,
    timeZone: row.timeZone,
    personalConversationId: conversationIdOf(row.conversationReference),
  });
  const upsert = (aadObjectId: string, create: Partial<StaffRow>, update: Partial<StaffRow>) => {
    const existing = db.tables.staff.get(aadObjectId);
    db.tables.staff.set(
      aadObjectId,
      existing
        ? { ...existing, ...update }
        : {
            aadObjectId,
            displayName: aadObjectId,
            email: null,
            locale: null,
            timeZone: null,
            remindersEnabled: true,
            remindersDigest: false,
            conversationReference: null,
            ...create,
          },
    );
  };
  return {
    async find(aadObjectId) {
      const row = db.tables.staff.get(aadObjectId);
      return row ? toStaff(row) : null;
    },
    async rolesOf(aadObjectId) {
      return rolesOf(aadObjectId);
    },
    async list() {
      return [...db.tables.staff.values()].sort((a, b) => byText(a.displayName, b.displayName)).map(toStaff);
    },
    async search(query) {
      const q = query.toLowerCase();
      return [...db.tables.staff.values()]
        .filter((s) => s.displayName.toLowerCase().includes(q) || s.email?.toLowerCase() === q)
        .sort((a, b) => byText(a.displayName, b.displayName))
        .slice(0, 25)
        .map(toStaff);
    },
    async grant(aadObjectId, role, options) {
      upsert(
        aadObjectId,
        { displayName: options.displayName ?? aadObjectId },
        options.displayName && options.displayName !== aadObjectId
          ? { displayName: options.displayName }
          : {},
      );
      const key = `${aadObjectId}|${role}`;
      if (db.tables.staffRoles.has(key)) return null;
      db.tables.staffRoles.set(key, { aadObjectId, role, grantedBy: options.grantedBy ?? null });
      return [...db.tables.staffRoles.values()]
        .filter((r) => r.aadObjectId === aadObjectId)
        .map((r) => r.role)
        .sort();
    },
    async revoke(aadObjectId, role) {
      const key = `${aadObjectId}|${role}`;
      if (role === 'global-admin') {
        const admins = [...db.tables.staffRoles.values()].filter((r) => r.role === 'global-admin').length;
        if (db.tables.staffRoles.has(key) && admins <= 1) return 'last-global-admin';
      }
      return db.tables.staffRoles.delete(key);
    },
    async reminderPreferences(aadObjectId) {
      const row = db.tables.staff.get(aadObjectId);
      return row
        ? {
            enabled: row.remindersEnabled,
            digest: row.remindersDigest,
            locale: row.locale,
            timeZone: row.timeZone,
          }
        : null;
    },
    async setReminderPreferences(aadObjectId, changes) {
      const row = db.tables.staff.get(aadObjectId);
      if (!row) return;
      db.tables.staff.set(aadObjectId, {
        ...row,
        ...(changes.enabled !== undefined ? { remindersEnabled: changes.enabled } : {}),
        ...(changes.digest !== undefined ? { remindersDigest: changes.digest } : {}),
      });
    },
    async conversationReference(aadObjectId) {
      return db.tables.staff.get(aadObjectId)?.conversationReference ?? null;
    },
    async remember(profile) {
      const row = db.tables.staff.get(profile.aadObjectId);
      if (!row) return;
      const data: Partial<StaffRow> = {
        ...(profile.displayName !== undefined ? { displayName: profile.displayName } : {}),
        ...(profile.tenantId !== undefined ? { tenantId: profile.tenantId } : {}),
        ...(profile.locale !== undefined ? { locale: profile.locale } : {}),
        ...(profile.timeZone !== undefined ? { timeZone: profile.timeZone } : {}),
        ...(profile.conversationReference !== undefined
          ? { conversationReference: asJson(profile.conversationReference) }
          : {}),
      };
      db.tables.staff.set(profile.aadObjectId, { ...row, ...data });
    },
  };
}

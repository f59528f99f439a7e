/** Staff and their roles, preferences and one-to-one chat (the StaffRepository port). */
import type { StaffRepository } from '../domain/ports/staff.js';
import { json, toRoles, toStaff, type Db } from './mappers.js';
import { PREPARED, prismaSql, type Sql } from './sql.js';

const GLOBAL_ADMIN_LOCK_ID = 72707370;

export function makeStaffRepository(db: Db, sql: Sql = prismaSql(db)): StaffRepository {
  return {
    async find(aadObjectId) {
      // One statement (this runs on every turn), plain SQL (sql.ts): the person and their roles.
      const rows = await sql.query<{
        aadObjectId: string;
        displayName: string;
        tenantId: string | null;
        locale: string | null;
        timeZone: string | null;
        conversationId: string | null;
        roles: string[] | null;
      }>(
        `SELECT s."aadObjectId", s."tenantId", s."displayName", s."locale", s."timeZone",
               (s."conversationReference"->'conversation'->>'id') || '|' || (s."conversationReference"->>'serviceUrl') AS "conversationId",
               array_remove(array_agg(r."role" ORDER BY r."role"), NULL) AS roles
        FROM staff s LEFT JOIN staff_roles r ON r."aadObjectId" = s."aadObjectId"
        WHERE s."aadObjectId" = $1
        GROUP BY s."aadObjectId"`,
        [aadObjectId],
        PREPARED,
      );
      const row = rows[0];
      if (!row) return null;
      return {
        aadObjectId: row.aadObjectId,
        displayName: row.displayName,
        roles: toRoles((row.roles ?? []).map((role) => ({ role }))),
        tenantId: row.tenantId,
        locale: row.locale,
        timeZone: row.timeZone,
        personalConversationId: row.conversationId,
      };
    },
    async rolesOf(aadObjectId) {
      return toRoles(await db.staffRole.findMany({ where: { aadObjectId }, orderBy: { role: 'asc' } }));
    },
    async list() {
      const rows = await db.staff.findMany({ include: { roles: true }, orderBy: { displayName: 'asc' } });
      return rows.map(toStaff);
    },
    async search(query) {
      const rows = await db.staff.findMany({
        where: {
          OR: [
            { displayName: { contains: query, mode: 'insensitive' } },
            { email: { equals: query, mode: 'insensitive' } },
          ],
        },
        include: { roles: true },
        orderBy: { displayName: 'asc' },
        take: 25,
      });
      return rows.map(toStaff);
    },
    async grant(aadObjectId, role, options) {
      // One statement: the person (created, or renamed when a name is given), the role unless held (the
      // primary key decides, even for two instances at once), and the roles held after. The main query
      // does not see its own WITH's inserts, hence the union with the added role.
      const rename = Boolean(options.displayName && options.displayName !== aadObjectId);
      const rows = await db.$queryRaw<Array<{ added: number; roles: string[] }>>`
        WITH person AS (
          INSERT INTO staff ("aadObjectId", "displayName", "updatedAt")
          VALUES (${aadObjectId}, ${options.displayName ?? aadObjectId}, now())
          ON CONFLICT ("aadObjectId") DO UPDATE
            SET "displayName" = EXCLUDED."displayName", "updatedAt" = now()
            WHERE ${rename}),
        added AS (
          INSERT INTO staff_roles ("aadObjectId", "role", "grantedBy")
          VALUES (${aadObjectId}, ${role}, ${options.grantedBy ?? null})
          ON CONFLICT DO NOTHING
          RETURNING "role")
        SELECT (SELECT count(*) FROM added)::int AS added,
               array(SELECT r."role" FROM staff_roles r WHERE r."aadObjectId" = ${aadObjectId}
                     UNION SELECT a."role" FROM added a ORDER BY 1) AS roles`;
      const row = rows[0];
      return row && row.added === 1 ? toRoles(row.roles.map((r) => ({ role: r }))) : null;
    },
    async revoke(aadObjectId, role) {
      if (role === 'global-admin') {
        // Serializes revocations of global-admin so two admins cannot remove each other at once.
        await db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${GLOBAL_ADMIN_LOCK_ID})`);
        const admins = await db.staffRole.count({ where: { role: 'global-admin' } });
        const holds = await db.staffRole.count({ where: { aadObjectId, role } });
        if (holds === 1 && admins <= 1) return 'last-global-admin';
      }
      const deleted = await db.staffRole.deleteMany({ where: { aadObjectId, role } });
      return deleted.count === 1;
    },
    async reminderPreferences(aadObjectId) {
      const row = await db.staff.findUnique({
        where: { aadObjectId },
        select: { remindersEnabled: true, remindersDigest: true, locale: true, timeZone: true },
      });
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
      await db.staff.updateMany({
        where: { aadObjectId },
        data: {
          ...(changes.enabled !== undefined ? { remindersEnabled: changes.enabled } : {}),
          ...(changes.digest !== undefined ? { remindersDigest: changes.digest } : {}),
        },
      });
    },
    async conversationReference(aadObjectId) {
      const row = await db.staff.findUnique({
        where: { aadObjectId },
        select: { conversationReference: true },
      });
      return row?.conversationReference ?? null;
    },
    async remember(profile) {
      const data = {
        ...(profile.displayName !== undefined ? { displayName: profile.displayName } : {}),
        ...(profile.tenantId !== undefined ? { tenantId: profile.tenantId } : {}),
        ...(profile.locale !== undefined ? { locale: profile.locale } : {}),
        ...(profile.timeZone !== undefined ? { timeZone: profile.timeZone } : {}),
        ...(profile.conversationReference !== undefined
          ? { conversationReference: json(profile.conversationReference) }
          : {}),
      };
      await db.staff.updateMany({ where: { aadObjectId: profile.aadObjectId }, data });
    },
  };
}

/**
 * Granting a role in one statement (the StaffRepository port's `grant`), on the embedded database and on
 * PostgreSQL: the person is created or renamed, the role added unless held, and the roles held after it
 * answered; a role already held changes nothing; two grants of one role at once add it once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { StaffRepository } from '../../src/domain/ports/staff.js';
import { DATABASES } from '../support/databases.js';
import { useSeededDatabase } from '../support/seeded-database.js';

const PERSON = 'dddddddd-0000-4000-8000-000000000001';
const GRANTER = 'dddddddd-0000-4000-8000-000000000002';

for (const { name, create } of DATABASES) {
  describe(`granting a role on the ${name} database`, () => {
    // The catalog only: nobody is staff yet. The repository is the deps' own (plain SQL on `db.sql.root`).
    const seeded = useSeededDatabase({
      now: '2026-12-03T09:00:00.000Z',
      database: create,
      includeDemo: false,
    });
    let db: Database;
    let staff: StaffRepository;

    beforeAll(() => {
      db = seeded.db;
      staff = seeded.deps.staff;
    });

    it('creates an unknown person with the role, and answers the roles held', async () => {
      expect(await staff.grant(PERSON, 'sales-agent', { displayName: 'Dana', grantedBy: GRANTER })).toEqual([
        'sales-agent',
      ]);
      const person = await staff.find(PERSON);
      expect(person).toMatchObject({ displayName: 'Dana', roles: ['sales-agent'] });
      const row = await db.prisma.staffRole.findUniqueOrThrow({
        where: { aadObjectId_role: { aadObjectId: PERSON, role: 'sales-agent' } },
      });
      expect(row.grantedBy).toBe(GRANTER);
    });

    it('adds a second role beside the first, and a given name replaces the stored one', async () => {
      expect(
        await staff.grant(PERSON, 'billing-admin', { displayName: 'Dana K.', grantedBy: GRANTER }),
      ).toEqual(['billing-admin', 'sales-agent']);
      expect(await staff.rolesOf(PERSON)).toEqual(['billing-admin', 'sales-agent']);
      expect((await staff.find(PERSON))?.displayName).toBe('Dana K.');
    });

    it('a role already held changes nothing (null), and no name or the id as name keeps the stored name', async () => {
      const before = await db.prisma.staff.findUniqueOrThrow({ where: { aadObjectId: PERSON } });
      expect(
        await staff.grant(PERSON, 'sales-agent', { displayName: 'Someone Else', grantedBy: null }),
      ).toBeNull();
      expect(await staff.rolesOf(PERSON)).toEqual(['billing-admin', 'sales-agent']);
      // The person's row is written as before the role is looked at (a use case that refuses rolls it back).
      expect((await staff.find(PERSON))?.displayName).toBe('Someone Else');
      await staff.grant(PERSON, 'admin-agent', {});
      await staff.grant(PERSON, 'referral-admin', { displayName: PERSON });
      const after = await db.prisma.staff.findUniqueOrThrow({ where: { aadObjectId: PERSON } });
      expect(after.displayName).toBe('Someone Else');
      expect(after.createdAt).toEqual(before.createdAt);
    });

    it('two grants of the same role at once add it once', async () => {
      const other = 'dddddddd-0000-4000-8000-000000000003';
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          seeded.deps.uow.run((tx) =>
            tx.staff.grant(other, 'sales-agent', { displayName: 'Eve', grantedBy: GRANTER }),
          ),
        ),
      );
      expect(results.filter((r) => r !== null)).toEqual([['sales-agent']]);
      expect(await db.prisma.staffRole.count({ where: { aadObjectId: other } })).toBe(1);
    });
  });
}

/**
 * Plain SQL on the unit of work's own connection (src/db/sql.ts). On PostgreSQL the hot statements go to
 * `pg` directly, on the connection Prisma's transaction took: they must see the transaction's writes,
 * be rolled back with it, never land on another transaction's connection, and be refused once the
 * transaction is over. On the embedded database they go to PGlite directly, on the transaction object
 * Prisma's adapter opened, with the same guarantees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createDeps } from '../../src/db/create-deps.js';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/db/generated/prisma/client.js';
import { pgSqlAccess, TransactionPool, type Sql } from '../../src/db/sql.js';
import { makeUnitOfWork } from '../../src/db/unit-of-work.js';
import type { Repositories } from '../../src/domain/ports/unit-of-work.js';
import { fixedClock } from '../../src/domain/shared/time.js';
import { DATABASES, type TestDatabase } from '../support/databases.js';

const NOW = '2026-12-03T09:00:00Z';

/** The statement runner the repositories of a unit of work were given (kept by a wrapper). */
function capturingUow(db: Database) {
  const runners: Sql[] = [];
  const uow = makeUnitOfWork(db.prisma, db.transactions, {
    root: db.sql.root,
    transaction: (open) =>
      db.sql.transaction((direct) =>
        open(() => {
          const sql = direct();
          if (sql) runners.push(sql);
          return sql;
        }),
      ),
  });
  return { uow, runners };
}

const backendPid = async (sql: Sql) =>
  (await sql.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))[0]!.pid;

for (const { name, create } of DATABASES) {
  describe(`plain SQL inside a unit of work on the ${name} database`, () => {
    let target: TestDatabase;
    let db: Database;

    beforeAll(async () => {
      target = await create();
      db = await openDatabase(target.target);
      await db.prisma.staff.create({ data: { aadObjectId: 'sql-probe', displayName: 'Before' } });
    });

    afterAll(async () => {
      await db?.close();
      await target?.drop();
    });

    it('takes pg directly on PostgreSQL and PGlite directly on the embedded database, outside and inside', async () => {
      const expected = db.kind === 'postgres' ? 'pg' : 'pglite';
      expect(db.sql.root.path).toBe(expected);
      const { uow, runners } = capturingUow(db);
      await uow.run(async () => undefined);
      expect(runners.map((r) => r.path)).toEqual([expected]);
    });

    it("sees the transaction's own uncommitted writes, on the same connection", async () => {
      const deps = createDeps(db, fixedClock(NOW));
      await deps.uow.run(async (repos: Repositories) => {
        await repos.staff.grant('sql-probe', 'sales-agent', { displayName: 'Inside' });
        // find() is plain SQL: it must read the row Prisma's transaction just wrote and not yet committed.
        expect(await repos.staff.find('sql-probe')).toMatchObject({
          displayName: 'Inside',
          roles: ['sales-agent'],
        });
        // Outside the transaction nothing is visible yet (PGlite's one connection waits for the transaction).
        if (name === 'postgres') {
          expect(await deps.staff.find('sql-probe')).toMatchObject({ displayName: 'Before', roles: [] });
        }
      });
      expect(await deps.staff.find('sql-probe')).toMatchObject({
        displayName: 'Inside',
        roles: ['sales-agent'],
      });
    });

    it('is rolled back with the transaction', async () => {
      const { uow } = capturingUow(db);
      const failure = new Error('refused after the write');
      await expect(
        uow.run(async (repos) => {
          await repos.staff.grant('sql-probe', 'billing-admin', { displayName: 'Rolled back' });
          throw failure;
        }),
      ).rejects.toBe(failure);
      const deps = createDeps(db, fixedClock(NOW));
      expect(await deps.staff.find('sql-probe')).toMatchObject({
        displayName: 'Inside',
        roles: ['sales-agent'],
      });
    });

    it.runIf(name === 'postgres')(
      "each of two transactions at once gets its own connection, the one Prisma's statements use",
      async () => {
        let release!: () => void;
        const bothOpen = new Promise<void>((resolve) => (release = resolve));
        let open = 0;
        const seen = await Promise.all(
          [0, 1].map(() =>
            db.sql.transaction((direct) =>
              db.prisma.$transaction(async (tx) => {
                const sql = direct();
                const rows = await tx.$queryRawUnsafe<Array<{ pid: number }>>(
                  'SELECT pg_backend_pid() AS pid',
                );
                open += 1;
                if (open === 2) release();
                await bothOpen;
                return { prisma: rows[0]!.pid, direct: sql ? await backendPid(sql) : undefined };
              }),
            ),
          ),
        );
        expect(seen[0]!.direct).toBe(seen[0]!.prisma);
        expect(seen[1]!.direct).toBe(seen[1]!.prisma);
        expect(seen[0]!.prisma).not.toBe(seen[1]!.prisma);
      },
    );

    it.runIf(name === 'postgres')(
      'with one connection in the pool, a waiting transaction gets the connection only after the first let it go',
      async () => {
        const small = await openDatabase(target.target, { poolSize: 1, transactions: db.transactions });
        try {
          const { uow, runners } = capturingUow(small);
          let firstIn!: () => void;
          const firstHasIt = new Promise<void>((resolve) => (firstIn = resolve));
          let firstDone!: () => void;
          const firstHolds = new Promise<void>((resolve) => (firstDone = resolve));
          const first = uow.run(async () => {
            firstIn();
            await firstHolds;
            return backendPid(runners[0]!);
          });
          await firstHasIt;
          // The second transaction can only start once the first gives the one connection back.
          const second = uow.run(async () => backendPid(runners[1]!));
          expect(runners).toHaveLength(1);
          firstDone();
          const [a, b] = await Promise.all([first, second]);
          expect(a).toBe(b); // the one connection, checked out twice
          await expect(runners[0]!.query('SELECT 1')).rejects.toThrow(/Transaction already closed/);
          await expect(runners[1]!.query('SELECT 1')).rejects.toThrow(/Transaction already closed/);
        } finally {
          await small.close();
        }
      },
    );

    it.runIf(name === 'postgres')(
      'prepares a hot statement once per connection, under a name from its text, and not a search',
      async () => {
        // A pool of its own: a new connection, with nothing prepared on it yet.
        const fresh = await openDatabase(target.target, { poolSize: 1, transactions: db.transactions });
        const { uow, runners } = capturingUow(fresh);
        const prepared = await uow
          .run(async (repos) => {
            const sql = runners[runners.length - 1]!;
            const names = async () =>
              (
                await sql.query<{ name: string }>(
                  `SELECT name FROM pg_prepared_statements WHERE name LIKE 'csp\\_%' ORDER BY name`,
                )
              ).map((r) => r.name);
            const before = await names();
            await repos.staff.find('sql-probe');
            const once = await names();
            await repos.staff.find('sql-probe');
            await repos.staff.find('someone else');
            await repos.customers.search('no such customer name', 5, { similar: false });
            return { before, once, after: await names() };
          })
          .finally(() => fresh.close());
        const added = prepared.once.filter((n) => !prepared.before.includes(n));
        expect(added).toHaveLength(1);
        expect(added[0]).toMatch(/^csp_[0-9a-f]{24}$/);
        // Found again and for another person: the same statement; the search is planned for its values.
        expect(prepared.after).toEqual(prepared.once);
      },
    );

    it.runIf(name === 'postgres')(
      "refuses a statement after Prisma's timeout rolled the transaction back and gave its connection back",
      async () => {
        // A client of its own, to hear the pool's 'release' event: the moment the connection stops being
        // this transaction's. The work waits for it, then tries to write on the connection it was given.
        const url = (target.target as { url: string }).url;
        const pool = new TransactionPool({ connectionString: url, max: 2 });
        const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
        const access = pgSqlAccess(pool);
        try {
          let attempt: Promise<unknown> | undefined;
          const released = new Promise<void>((resolve) => pool.once('release', () => resolve()));
          const run = access.transaction((direct) =>
            prisma.$transaction(
              async () => {
                const sql = direct()!;
                await released;
                attempt = sql.query(
                  `UPDATE staff SET "displayName" = 'after the timeout' WHERE "aadObjectId" = $1`,
                  ['sql-probe'],
                );
                await attempt.catch(() => undefined);
              },
              { timeout: 100 },
            ),
          );
          await expect(run).rejects.toThrow(/timeout|expired|closed/i);
          await expect(attempt).rejects.toThrow(/Transaction already closed/);
          const row = await prisma.staff.findUniqueOrThrow({ where: { aadObjectId: 'sql-probe' } });
          expect(row.displayName).not.toBe('after the timeout');
        } finally {
          await prisma.$disconnect();
          if (!pool.ended) await pool.end();
        }
      },
    );

    it('refuses every statement once its transaction is over', async () => {
      const { uow, runners } = capturingUow(db);
      const inside = await uow.run(async () => backendPid(runners[0]!));
      expect(inside).toBeGreaterThan(0);
      await expect(runners[0]!.query('SELECT 1')).rejects.toThrow(/Transaction already closed/);
    });
  });
}

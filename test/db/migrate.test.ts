import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgSession } from '../../src/db/database.js';
import { newPGlite } from '../../src/db/pglite.js';
import {
  applyMigrations,
  checksumOf,
  MIGRATIONS_DIR,
  MigrationError,
  readMigrations,
  type Migration,
  type MigrationReport,
  type SqlSession,
} from '../../src/db/migrate.js';
import { createPostgresDatabase, TEST_DATABASE_URL, type TestDatabase } from '../support/databases.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MIGRATE_FIXTURE = path.join(ROOT, 'test/db/fixtures/migrate-postgres.ts');

/** The committed migrations, read here independently of the runner. */
const COMMITTED = fs
  .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => ({ name, file: fs.readFileSync(path.join(MIGRATIONS_DIR, name, 'migration.sql')) }));
const COMMITTED_NAMES = COMMITTED.map((migration) => migration.name);

/** The tables schema.prisma declares (every model is mapped with @@map). */
const SCHEMA_TABLES = [
  ...fs.readFileSync(path.join(ROOT, 'prisma/schema.prisma'), 'utf8').matchAll(/@@map\("([^"]+)"\)/g),
].map((match) => match[1]!);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const migration = (name: string, script: string): Migration => ({
  name,
  script,
  checksum: checksumOf(script),
});

/** Creates a table, then fails: the table must not survive. */
const BROKEN = migration(
  '29990101000000_broken',
  'CREATE TABLE "half_done" ("id" INTEGER);\nINSERT INTO "no_such_table" VALUES (1);\n',
);

const pgliteSession = (db: PGlite): SqlSession => ({
  query: async <Row>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
  exec: async (script) => {
    await db.exec(script);
  },
});

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

const migrationRows = (session: SqlSession) =>
  session.query<MigrationRow>('SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name');

const tableExists = async (session: SqlSession, table: string) =>
  (
    await session.query<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [
      `public.${table}`,
    ])
  )[0]?.found != null;

describe('applyMigrations on the embedded database', () => {
  let db: PGlite;
  let session: SqlSession;

  beforeEach(async () => {
    db = await newPGlite();
    await db.waitReady;
    session = pgliteSession(db);
  });

  afterEach(async () => {
    await db.close();
  });

  it('records each migration on an empty database exactly like prisma migrate deploy and creates the schema tables', async () => {
    const report = await applyMigrations(session);

    expect(report).toEqual({ applied: COMMITTED_NAMES, alreadyApplied: [] });
    const rows = await migrationRows(session);
    expect(rows.map((row) => row.migration_name)).toEqual(COMMITTED_NAMES);
    for (const [index, row] of rows.entries()) {
      const file = COMMITTED[index]!.file;
      expect(row.checksum).toBe(crypto.createHash('sha256').update(file).digest('hex'));
      expect(row.id).toHaveLength(36);
      expect(row.id).toMatch(UUID);
      expect(row.started_at).toBeInstanceOf(Date);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }
    expect(SCHEMA_TABLES.length).toBeGreaterThan(0);
    for (const table of SCHEMA_TABLES) expect(await tableExists(session, table), table).toBe(true);
  });

  it('does nothing when every migration is already applied', async () => {
    await applyMigrations(session);
    const before = await migrationRows(session);

    const report = await applyMigrations(session);

    expect(report).toEqual({ applied: [], alreadyApplied: COMMITTED_NAMES });
    const after = await migrationRows(session);
    expect(after).toHaveLength(COMMITTED_NAMES.length);
    expect(after.map((row) => [row.id, row.started_at.getTime()])).toEqual(
      before.map((row) => [row.id, row.started_at.getTime()]),
    );
  });

  it('rolls back a failing migration, records its error, and refuses to continue until it is resolved', async () => {
    const migrations = [...readMigrations(), BROKEN];

    const failure = await applyMigrations(session, migrations).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toContain(BROKEN.name);
    expect((failure as Error).message).toContain('"no_such_table" does not exist');
    const rows = await migrationRows(session);
    expect(rows.map((row) => row.migration_name)).toEqual([...COMMITTED_NAMES, BROKEN.name]);
    expect(rows.slice(0, -1).every((row) => row.finished_at !== null)).toBe(true);
    const failed = rows.at(-1)!;
    expect(failed.checksum).toBe(BROKEN.checksum);
    expect(failed.finished_at).toBeNull();
    expect(failed.rolled_back_at).toBeNull();
    expect(failed.applied_steps_count).toBe(0);
    expect(failed.logs).toContain('"no_such_table" does not exist');
    expect(await tableExists(session, 'half_done')).toBe(false);

    const again = await applyMigrations(session, migrations).catch((error: unknown) => error);

    expect(again).toBeInstanceOf(MigrationError);
    expect((again as Error).message).toContain(`migration ${BROKEN.name} failed earlier`);
    expect((again as Error).message).toContain(`prisma migrate resolve --rolled-back ${BROKEN.name}`);
    expect(await migrationRows(session)).toHaveLength(rows.length);
  });

  it('applies the fixed migration once the failed one is marked rolled back', async () => {
    await expect(applyMigrations(session, [...readMigrations(), BROKEN])).rejects.toThrow(MigrationError);
    await session.query('UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = $1', [
      BROKEN.name,
    ]);
    const fixed = migration(BROKEN.name, 'CREATE TABLE "half_done" ("id" INTEGER);\n');

    const report = await applyMigrations(session, [...readMigrations(), fixed]);

    expect(report).toEqual({ applied: [BROKEN.name], alreadyApplied: COMMITTED_NAMES });
    expect(await tableExists(session, 'half_done')).toBe(true);
  });

  it('refuses a database that has a migration this build does not know', async () => {
    const newer = migration(
      '29991231000000_from_a_newer_build',
      'CREATE TABLE "newer_feature" ("id" INTEGER);\n',
    );
    await applyMigrations(session, [...readMigrations(), newer]);

    const refusal = applyMigrations(session);

    await expect(refusal).rejects.toThrow(MigrationError);
    await expect(refusal).rejects.toThrow(
      /database has migrations this version does not know \(29991231000000_from_a_newer_build\)/,
    );
  });
});

/** Runs the fixture in its own Node process against `url`; resolves with the child and its stdout lines. */
const startMigrator = (url: string) => {
  const child = spawn(process.execPath, ['--import', 'tsx', MIGRATE_FIXTURE], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const loaded = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (stdout.includes('loaded\n')) {
        child.stdout.off('data', check);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`migrator exited (${code}) before loading: ${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; report: MigrationReport; stderr: string }>((resolve) =>
    child.once('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      resolve({ code, report: last.startsWith('{') ? JSON.parse(last) : undefined, stderr });
    }),
  );
  return { child, loaded, exited };
};

const kill = (child: ChildProcessWithoutNullStreams) => {
  if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
};

describe.runIf(!!TEST_DATABASE_URL)('applyMigrations on PostgreSQL', () => {
  let database: TestDatabase;
  let url: string;
  const clients: pg.Client[] = [];
  const children: ChildProcessWithoutNullStreams[] = [];

  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    clients.push(client);
    await client.connect();
    return client;
  };

  beforeEach(async () => {
    database = await createPostgresDatabase();
    if (database.target.kind !== 'postgres') throw new Error('expected a PostgreSQL target');
    url = database.target.url;
  });

  afterEach(async () => {
    for (const child of children.splice(0)) kill(child);
    for (const client of clients.splice(0)) await client.end().catch(() => undefined);
    await database.drop();
  });

  it('applies each migration once when two processes start migrating the same database at once', async () => {
    const first = startMigrator(url);
    const second = startMigrator(url);
    children.push(first.child, second.child);
    await Promise.all([first.loaded, second.loaded]);
    first.child.stdin.end('go\n');
    second.child.stdin.end('go\n');

    const results = await Promise.all([first.exited, second.exited]);

    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const applied = results.flatMap((result) => result.report.applied);
    expect([...applied].sort()).toEqual(COMMITTED_NAMES);
    for (const result of results) {
      expect([...result.report.applied, ...result.report.alreadyApplied].sort()).toEqual(COMMITTED_NAMES);
    }
    const client = await connect();
    const { rows } = await client.query<{ migration_name: string; count: number; finished: number }>(
      `SELECT migration_name, count(*)::int AS count, count(finished_at)::int AS finished
         FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name`,
    );
    expect(rows).toEqual(COMMITTED_NAMES.map((name) => ({ migration_name: name, count: 1, finished: 1 })));
  });

  it('waits for advisory lock 72707369 before touching the database', async () => {
    const holder = await connect();
    const waiter = await connect();
    const { rows } = await waiter.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const waiterPid = rows[0]!.pid;
    await holder.query('SELECT pg_advisory_lock(72707369)');

    let settled = false;
    const running = applyMigrations(pgSession(waiter)).finally(() => (settled = true));
    const waiting = async () => {
      const locks = await holder.query(
        `SELECT 1 FROM pg_locks
          WHERE locktype = 'advisory' AND pid = $1 AND classid = 0 AND objid = 72707369 AND NOT granted`,
        [waiterPid],
      );
      return locks.rowCount === 1;
    };
    await expect.poll(waiting, { timeout: 10_000, interval: 50 }).toBe(true);
    expect(settled).toBe(false);
    const table = await holder.query(`SELECT to_regclass('public._prisma_migrations') AS found`);
    expect(table.rows[0].found).toBeNull();

    await holder.query('SELECT pg_advisory_unlock(72707369)');

    await expect(running).resolves.toEqual({ applied: COMMITTED_NAMES, alreadyApplied: [] });
    const after = await holder.query(
      `SELECT count(*)::int AS held FROM pg_locks
        WHERE locktype = 'advisory' AND objid = 72707369
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(after.rows[0].held).toBe(0);
  });
});

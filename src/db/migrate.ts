/**
 * Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's native schema engine:
 * same `_prisma_migrations` table and rows (uuid id, sha256 hex checksum of migration.sql, started and
 * finished timestamps, applied_steps_count), same advisory lock (72707369), and it stops on a failed
 * migration with its error. Where the real engine exists, `prisma migrate status` accepts the database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * prisma/migrations at the project root: two levels up from src/db/ (tsx) and three from build/src/db/ (the
 * compiled runtime, `npm start`).
 */
export const MIGRATIONS_DIR = ((here: string) =>
  ['../../prisma/migrations', '../../../prisma/migrations']
    .map((relative) => path.resolve(here, relative))
    .find((dir) => fs.existsSync(path.join(dir, 'migration_lock.toml'))) ??
  path.resolve(here, '../../prisma/migrations'))(path.dirname(fileURLToPath(import.meta.url)));
export const PRISMA_ADVISORY_LOCK_ID = 72707369;

/** One session on the database: the advisory lock and the statements must share it. */
export interface SqlSession {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements. */
  exec(script: string): Promise<void>;
}

export interface Migration {
  readonly name: string;
  readonly script: string;
  readonly checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export const checksumOf = (script: string): string =>
  crypto.createHash('sha256').update(script).digest('hex');

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const script = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, script, checksum: checksumOf(script) };
    });
}

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  id: string;
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
  logs: string | null;
}

export interface MigrationReport {
  readonly applied: string[];
  readonly alreadyApplied: string[];
}

/** Applies every migration not yet applied, once, under the advisory lock. */
export async function applyMigrations(
  session: SqlSession,
  migrations: readonly Migration[] = readMigrations(),
): Promise<MigrationReport> {
  await session.query(`SELECT pg_advisory_lock(${PRISMA_ADVISORY_LOCK_ID})`);
  try {
    await session.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await session.query<AppliedRow>(
      'SELECT id, migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at',
    );
    const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        `migration ${failed.migration_name} failed earlier and was not rolled back; fix the database, then mark it ` +
          `rolled back (prisma migrate resolve --rolled-back ${failed.migration_name}) or delete its row in ` +
          `_prisma_migrations. Its error: ${failed.logs ?? '(none recorded)'}`,
      );
    }
    const done = new Set(rows.filter((row) => row.finished_at !== null).map((row) => row.migration_name));
    const known = new Set(migrations.map((migration) => migration.name));
    const unknown = [...done].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new MigrationError(
        `the database has migrations this version does not know (${unknown.join(', ')}): is an older build running against a newer database?`,
      );
    }
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    for (const migration of migrations) {
      if (done.has(migration.name)) {
        report.alreadyApplied.push(migration.name);
        continue;
      }
      const id = crypto.randomUUID();
      await session.query(
        'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
        [id, migration.checksum, migration.name],
      );
      try {
        await session.exec(`BEGIN;\n${migration.script}\n;COMMIT;`);
      } catch (error) {
        await session.exec('ROLLBACK').catch(() => undefined);
        const message = error instanceof Error ? error.message : String(error);
        await session.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, message]);
        throw new MigrationError(`migration ${migration.name} failed: ${message}`);
      }
      await session.query(
        'UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
        [id],
      );
      report.applied.push(migration.name);
    }
    return report;
  } finally {
    await session.query(`SELECT pg_advisory_unlock(${PRISMA_ADVISORY_LOCK_ID})`);
  }
}

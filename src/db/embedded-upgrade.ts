/**
 * The embedded database's PostgreSQL major version changes with PGlite's: releases of the bot before
 * December 2026 wrote PostgreSQL 17 data directories (PGlite 0.3); this one runs PostgreSQL 18 (PGlite 0.5),
 * which cannot open them. A PostgreSQL 17 data directory (in DATA_DIR, or in a backup being restored) is
 * converted on first open, the way pg_upgrade's dump-and-restore does it, with no step for the operator:
 *
 * 1. PGlite 0.3 (the `pglite-postgres17` dependency, loaded only here) opens it and applies this version's
 *    migrations, so both sides have the same schema;
 * 2. a new PostgreSQL 18 data directory beside it gets the same migrations;
 * 3. every table is copied (COPY in CSV, columns named, foreign-key triggers off while copying), the
 *    migration history with it, then the sequences; the row counts are compared table by table;
 * 4. only then are the directories swapped: the old one stays beside the new one (`pglite.postgres17-<time>`)
 *    until the operator deletes it.
 *
 * A failure at any step leaves the old directory where it was and removes the half-made new one.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { applyMigrations, type SqlSession } from './migrate.js';
import { newPGlite } from './pglite.js';

/** The PostgreSQL major version of the embedded database this build runs. */
export const EMBEDDED_POSTGRES_MAJOR = '18';
/** The one earlier major version it converts from. */
const CONVERTIBLE_MAJOR = '17';

export class EmbeddedUpgradeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedUpgradeError';
  }
}

/** What both PGlite versions offer that the conversion uses. */
interface PgliteLike {
  query<Row>(
    sql: string,
    params?: unknown[],
    options?: { blob?: Blob },
  ): Promise<{ rows: Row[]; blob?: Blob; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
  close(): Promise<void>;
  readonly waitReady: Promise<void>;
}

export const pgliteSession = (db: Pick<PgliteLike, 'query' | 'exec'>): SqlSession => ({
  query: async <Row>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params)).rows,
  exec: async (script) => {
    await db.exec(script);
  },
});

/** The PostgreSQL major version of a data directory, or undefined when it holds none yet. */
export function dataDirMajorVersion(dir: string): string | undefined {
  const file = path.join(dir, 'PG_VERSION');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

/**
 * The PostgreSQL major version of a data-directory dump (a tar.gz from PGlite's `dumpDataDir`): the
 * `PG_VERSION` at the top of the archive (each database's directory has one too, deeper down).
 */
export function dumpMajorVersion(data: Uint8Array): string | undefined {
  const tar = zlib.gunzipSync(data);
  let found: { depth: number; version: string } | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    if (name === '') break;
    const size = parseInt(header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0', 8);
    const parts = name.split('/').filter(Boolean);
    if (parts.at(-1) === 'PG_VERSION' && (!found || parts.length < found.depth)) {
      found = {
        depth: parts.length,
        version: tar
          .subarray(at + 512, at + 512 + size)
          .toString('utf8')
          .trim(),
      };
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return found?.version;
}

export interface UpgradeReport {
  readonly from: string;
  readonly to: string;
  readonly tables: number;
  readonly rows: number;
  /** Where the old data directory was kept (absent when the caller asked not to keep it). */
  readonly keptAt?: string;
}

const openPostgres17 = async (dir: string, loadDataDir?: Blob): Promise<PgliteLike> => {
  const { PGlite } = await import('pglite-postgres17');
  const { pg_trgm } = await import('pglite-postgres17/contrib/pg_trgm');
  const db = new PGlite({ dataDir: dir, extensions: { pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
  await db.waitReady;
  return db as unknown as PgliteLike;
};

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Converts the data directory `dir` to this build's PostgreSQL when an older one wrote it; does nothing
 * (returns undefined) when it is already current or empty. The caller holds the data directory's lock.
 */
export async function upgradeEmbeddedDataDir(
  dir: string,
  now: Date,
  options: { readonly keepOld: boolean } = { keepOld: true },
): Promise<UpgradeReport | undefined> {
  const major = dataDirMajorVersion(dir);
  if (major === undefined || major === EMBEDDED_POSTGRES_MAJOR) return undefined;
  if (major !== CONVERTIBLE_MAJOR) {
    throw new EmbeddedUpgradeError(
      `The embedded database in ${dir} was written by PostgreSQL ${major}; this version opens PostgreSQL ` +
        `${EMBEDDED_POSTGRES_MAJOR} and converts PostgreSQL ${CONVERTIBLE_MAJOR}, nothing else. Nothing was changed.`,
    );
  }
  const next = `${dir}.upgrading`;
  fs.rmSync(next, { recursive: true, force: true });
  let counted: { tables: number; rows: number };
  try {
    counted = await copyInto(dir, next);
  } catch (error) {
    fs.rmSync(next, { recursive: true, force: true });
    throw new EmbeddedUpgradeError(
      `The embedded database in ${dir} (PostgreSQL ${major}) could not be converted to PostgreSQL ` +
        `${EMBEDDED_POSTGRES_MAJOR}: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`,
    );
  }
  const keptAt = `${dir}.postgres${major}-${now.toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(dir, keptAt);
  fs.renameSync(next, dir);
  if (!options.keepOld) fs.rmSync(keptAt, { recursive: true, force: true });
  return { from: major, to: EMBEDDED_POSTGRES_MAJOR, ...counted, ...(options.keepOld ? { keptAt } : {}) };
}

/** Loads a PostgreSQL 17 dump into `dir` (which must not exist yet), then converts it in place. */
export async function restoreOldDump(dir: string, dump: Blob, now: Date): Promise<UpgradeReport> {
  const major = dumpMajorVersion(new Uint8Array(await dump.arrayBuffer()));
  if (major !== CONVERTIBLE_MAJOR) {
    throw new EmbeddedUpgradeError(
      `the backup holds a PostgreSQL ${major ?? '(unknown)'} database; this version restores PostgreSQL ` +
        `${EMBEDDED_POSTGRES_MAJOR} backups and converts PostgreSQL ${CONVERTIBLE_MAJOR} ones`,
    );
  }
  const old = await openPostgres17(dir, dump);
  await old.close();
  const report = await upgradeEmbeddedDataDir(dir, now, { keepOld: false });
  if (!report) throw new EmbeddedUpgradeError('the backup holds no PostgreSQL 17 database');
  return report;
}

async function copyInto(dir: string, next: string): Promise<{ tables: number; rows: number }> {
  const old = await openPostgres17(dir);
  try {
    await applyMigrations(pgliteSession(old));
    const fresh = (await newPGlite(next)) as unknown as PgliteLike;
    try {
      await fresh.waitReady;
      await applyMigrations(pgliteSession(fresh));
      const tables = (
        await old.query<{ name: string }>(
          `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
        )
      ).rows.map((row) => row.name);
      let rows = 0;
      // Foreign keys are triggers: off while the tables are copied in whatever order (superuser, this session).
      await fresh.exec('SET session_replication_role = replica');
      await fresh.exec('DELETE FROM "_prisma_migrations"');
      for (const table of tables) {
        const columns = (
          await old.query<{ name: string }>(
            `SELECT column_name AS name FROM information_schema.columns
              WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
            [table],
          )
        ).rows
          .map((row) => quoteIdent(row.name))
          .join(', ');
        const target = `${quoteIdent(table)} (${columns})`;
        const out = await old.query(`COPY ${target} TO '/dev/blob' WITH (FORMAT csv)`);
        if (out.blob)
          await fresh.query(`COPY ${target} FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: out.blob });
        const count = `SELECT count(*)::int AS n FROM ${quoteIdent(table)}`;
        const [before, after] = [
          (await old.query<{ n: number }>(count)).rows[0]!.n,
          (await fresh.query<{ n: number }>(count)).rows[0]!.n,
        ];
        if (before !== after) throw new Error(`table ${table}: ${before} rows, ${after} copied`);
        rows += after;
      }
      await fresh.exec('SET session_replication_role = DEFAULT');
      const sequences = (
        await old.query<{ name: string; last: string | null }>(
          `SELECT sequencename AS name, last_value::text AS last FROM pg_sequences WHERE schemaname = 'public'`,
        )
      ).rows;
      for (const sequence of sequences) {
        if (sequence.last !== null) {
          await fresh.query(`SELECT setval($1::regclass, $2::bigint, true)`, [
            quoteIdent(sequence.name),
            sequence.last,
          ]);
        }
      }
      await fresh.exec('CHECKPOINT');
      return { tables: tables.length, rows };
    } finally {
      await fresh.close();
    }
  } finally {
    await old.close();
  }
}

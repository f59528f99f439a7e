/**
 * Backups of the embedded database: PGlite's data-directory dump (a tar.gz of its files), and a restore
 * that builds a new data directory from one. A dump is taken while nothing else runs on the database
 * (after a checkpoint, holding PGlite's transaction and query locks), so the files are consistent even
 * while the bot serves requests; the bot takes it on request through its admin socket. A restore needs the
 * data directory to itself (the bot stopped): the lock file says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './data-dir-lock.js';
import { dumpMajorVersion, EMBEDDED_POSTGRES_MAJOR, restoreOldDump } from './embedded-upgrade.js';
import { newPGlite } from './pglite.js';

/**
 * PGlite's two locks, taken in its own order: transactions (so no transaction is open meanwhile), then single
 * queries, which `dumpDataDir` takes itself (PGlite 0.5). `_runExclusiveTransaction` is PGlite's, not
 * documented.
 */
type WithTransactionLock = { _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> };

export async function dumpPglite(pglite: PGlite): Promise<Uint8Array> {
  await pglite.query('CHECKPOINT');
  const dump = await (pglite as unknown as WithTransactionLock)._runExclusiveTransaction(() =>
    pglite.dumpDataDir('gzip'),
  );
  return new Uint8Array(await dump.arrayBuffer());
}

/** Writes the dump next to its destination first, then renames it, so a half-written backup never exists. */
export function writeBackupFile(file: string, data: Uint8Array): void {
  const partial = `${file}.partial-${process.pid}`;
  fs.writeFileSync(partial, data, { mode: 0o600 });
  fs.renameSync(partial, file);
}

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Replaces the embedded database in `dataDir` with the backup in `file`. The current database is kept
 * beside it (`pglite.before-restore-<time>`) until the restored one has opened and answered; if it does
 * not, the current one is put back. Throws DataDirLockedError while a bot (or anything) holds the data dir.
 */
export async function restoreDataDir(
  dataDir: string,
  file: string,
  now: Date,
): Promise<{ readonly keptAt?: string; readonly tables: number }> {
  const data = fs.readFileSync(file);
  if (data.length < 2 || data[0] !== GZIP_MAGIC[0] || data[1] !== GZIP_MAGIC[1])
    throw new RestoreError(`${file} is not a backup made by npm run db:backup (not a gzip file).`);
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir);
  const target = path.join(dataDir, 'pglite');
  const keptAt = fs.existsSync(target)
    ? path.join(dataDir, `pglite.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`)
    : undefined;
  try {
    if (keptAt) fs.renameSync(target, keptAt);
    try {
      // A backup made before the embedded database moved to PostgreSQL 18 is converted as it is restored.
      const major = dumpMajorVersion(data);
      const convert = major !== undefined && major !== EMBEDDED_POSTGRES_MAJOR;
      if (convert) await restoreOldDump(target, new Blob([data]), now);
      const pglite = convert
        ? await newPGlite(target)
        : await newPGlite(target, { loadDataDir: new Blob([data]) });
      try {
        await pglite.waitReady;
        // PGlite starts an empty database when the archive gives it nothing: a backup has the bot's tables.
        const tables = await pglite.query<{ count: number; migrations: number }>(
          `SELECT count(*)::int AS count, count(*) FILTER (WHERE table_name = '_prisma_migrations')::int AS migrations
             FROM information_schema.tables WHERE table_schema = 'public'`,
        );
        const found = tables.rows[0];
        if (!found?.migrations) throw new Error('it holds no database of this bot');
        return { ...(keptAt ? { keptAt } : {}), tables: found.count };
      } finally {
        await pglite.close();
      }
    } catch (error) {
      fs.rmSync(target, { recursive: true, force: true });
      if (keptAt) fs.renameSync(keptAt, target);
      throw new RestoreError(
        `The backup ${file} could not be restored (${error instanceof Error ? error.message : String(error)}); the database was left as it was.`,
      );
    }
  } finally {
    lock.release();
  }
}

/**
 * Opens the configured database: PostgreSQL when a URL is given, otherwise the embedded PGlite database in
 * a data directory (or in memory for tests). Applies migrations before handing out the Prisma client.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client.js';
import { applyMigrations, type MigrationReport, type SqlSession } from './migrate.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { dumpPglite } from './embedded-backup.js';
import { pgliteSession, upgradeEmbeddedDataDir, type UpgradeReport } from './embedded-upgrade.js';
import { newPGlite, trigramConnectionOptions, trigramSetStatements } from './pglite.js';
import { pgliteSqlAccess, pgSqlAccess, TransactionPool, type SqlAccess } from './sql.js';

export type { PrismaClient };

export type DatabaseTarget =
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'embedded'; readonly dataDir: string }
  | { readonly kind: 'memory' };

/** How a transaction waits for its connection and how long it may run (Prisma's maxWait and timeout). */
export interface TransactionLimits {
  readonly maxWait: number;
  readonly timeout: number;
}

export interface DatabaseOptions {
  /** PostgreSQL connections in the pool (the embedded database has one). */
  readonly poolSize: number;
  readonly transactions: TransactionLimits;
}

export const DEFAULT_DATABASE_OPTIONS: DatabaseOptions = {
  poolSize: 10,
  transactions: { maxWait: 30_000, timeout: 20_000 },
};

export interface Database {
  readonly kind: DatabaseTarget['kind'];
  readonly prisma: PrismaClient;
  /** Plain SQL for the hot statements: `pg` itself on PostgreSQL, PGlite itself when embedded (sql.ts). */
  readonly sql: SqlAccess;
  readonly transactions: TransactionLimits;
  readonly migrations: MigrationReport;
  /** The embedded data directory was converted from an older PostgreSQL at this open (embedded-upgrade.ts). */
  readonly upgraded?: UpgradeReport;
  ping(): Promise<boolean>;
  /** Connections of the pool now (metrics); the embedded database has one connection. */
  poolUse(): { total: number; idle: number; waiting: number; max: number };
  /** The embedded database's data directory as a tar.gz (PGlite's dump), taken while it runs; PostgreSQL: absent. */
  readonly dump?: () => Promise<Uint8Array>;
  close(): Promise<void>;
}

export const pgSession = (client: pg.Client): SqlSession => ({
  query: async <Row>(sql: string, params?: unknown[]) =>
    (await client.query(sql, params as unknown[])).rows as Row[],
  exec: async (script) => {
    await client.query(script);
  },
});

export async function migratePostgres(url: string): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await applyMigrations(pgSession(client));
  } finally {
    await client.end();
  }
}

/** Where PGlite keeps its files inside DATA_DIR. */
export const embeddedDatabaseDir = (dataDir: string): string => path.join(dataDir, 'pglite');

export async function openDatabase(
  target: DatabaseTarget,
  options: DatabaseOptions = DEFAULT_DATABASE_OPTIONS,
): Promise<Database> {
  const transactions = options.transactions;
  if (target.kind === 'postgres') {
    const migrations = await migratePostgres(target.url);
    // The pool is ours (not the adapter's), so its use can be read for the metrics.
    const pool = new TransactionPool({
      connectionString: target.url,
      max: options.poolSize,
      options: trigramConnectionOptions(),
    });
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    const prisma = new PrismaClient({ adapter });
    return {
      kind: 'postgres',
      prisma,
      sql: pgSqlAccess(pool),
      transactions,
      migrations,
      ping: () => pingWith(prisma),
      poolUse: () => ({
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
        max: pool.options.max ?? 10,
      }),
      close: async () => {
        await prisma.$disconnect();
        if (!pool.ended) await pool.end();
      },
    };
  }

  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  let upgraded: UpgradeReport | undefined;
  if (target.kind === 'embedded') {
    fs.mkdirSync(target.dataDir, { recursive: true });
    lock = acquireDataDirLock(target.dataDir);
    try {
      upgraded = await upgradeEmbeddedDataDir(embeddedDatabaseDir(target.dataDir), new Date());
      pglite = await newPGlite(embeddedDatabaseDir(target.dataDir));
      await pglite.waitReady;
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    pglite = await newPGlite();
    await pglite.waitReady;
  }
  let migrations: MigrationReport;
  try {
    migrations = await applyMigrations(pgliteSession(pglite));
    await pglite.exec(trigramSetStatements());
  } catch (error) {
    // Without this the data directory stays locked by this process (and PGlite open) after a refused migration.
    await pglite.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: target.kind,
    prisma,
    sql: pgliteSqlAccess(pglite),
    transactions,
    migrations,
    ...(upgraded ? { upgraded } : {}),
    ping: () => pingWith(prisma),
    poolUse: () => ({ total: 1, idle: 1, waiting: 0, max: 1 }),
    dump: () => dumpPglite(pglite),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
      lock?.release();
    },
  };
}

async function pingWith(prisma: PrismaClient): Promise<boolean> {
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

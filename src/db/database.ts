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
import { newPGlite, trigramConnectionOptions, trigramSetStatements } from './pglite.js';

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
  readonly transactions: TransactionLimits;
  readonly migrations: MigrationReport;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const pgliteSession = (db: PGlite): SqlSession => ({
  query: async <Row>(sql: string, params?: unknown[]) => (await db.query<Row>(sql, params as unknown[])).rows,
  exec: async (script) => {
    await db.exec(script);
  },
});

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

export async function openDatabase(
  target: DatabaseTarget,
  options: DatabaseOptions = DEFAULT_DATABASE_OPTIONS,
): Promise<Database> {
  const transactions = options.transactions;
  if (target.kind === 'postgres') {
    const migrations = await migratePostgres(target.url);
    const adapter = new PrismaPg({
      connectionString: target.url,
      max: options.poolSize,
      options: trigramConnectionOptions(),
    });
    const prisma = new PrismaClient({ adapter });
    return {
      kind: 'postgres',
      prisma,
      transactions,
      migrations,
      ping: () => pingWith(prisma),
      close: () => prisma.$disconnect(),
    };
  }

  let lock: DataDirLock | undefined;
  let pglite: PGlite;
  if (target.kind === 'embedded') {
    fs.mkdirSync(target.dataDir, { recursive: true });
    lock = acquireDataDirLock(target.dataDir);
    try {
      pglite = newPGlite(path.join(target.dataDir, 'pglite'));
      await pglite.waitReady;
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    pglite = newPGlite();
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
    transactions,
    migrations,
    ping: () => pingWith(prisma),
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

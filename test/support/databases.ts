/**
 * Test databases: the embedded default (PGlite in memory) always, and PostgreSQL when TEST_DATABASE_URL
 * is set (CI sets it). Each PostgreSQL test gets a database of its own, dropped afterwards.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/db/database.js';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

export interface TestDatabase {
  readonly name: 'embedded' | 'postgres';
  readonly target: DatabaseTarget;
  drop(): Promise<void>;
}

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

export async function createPostgresDatabase(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `csp_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name: 'postgres',
    target: { kind: 'postgres', url: withDatabase(TEST_DATABASE_URL, name) },
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export const embeddedDatabase = (): TestDatabase => ({
  name: 'embedded',
  target: { kind: 'memory' },
  drop: async () => undefined,
});

/** The databases a suite should run against: embedded always, PostgreSQL when configured. */
export const DATABASES: ReadonlyArray<{
  name: 'embedded' | 'postgres';
  create: () => Promise<TestDatabase>;
}> = [
  { name: 'embedded', create: async () => embeddedDatabase() },
  ...(TEST_DATABASE_URL ? [{ name: 'postgres' as const, create: createPostgresDatabase }] : []),
];

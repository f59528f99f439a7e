/**
 * GET /readyz: database, then migrations applied, then (partner-center mode, tested in
 * test/partner-center/partner-center-mode.test.ts) a Partner Center token; the first failing check named,
 * later ones not run, the answer cached for a short time. /healthz stays liveness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigrationsCheck } from '../src/db/check-migrations-applied.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { createLogger } from '../src/log.js';
import { createReadiness } from '../src/readiness.js';
import { startTestBot, type TestBot } from './support/bot.js';

describe('createReadiness', () => {
  it('names the first failing check, does not run the ones after it, and caches the answer for its TTL', async () => {
    let now = 0;
    const runs: string[] = [];
    let migrated = false;
    const readiness = createReadiness({
      checks: [
        { name: 'database', run: async () => (runs.push('database'), true) },
        { name: 'migrations', run: async () => (runs.push('migrations'), migrated) },
        { name: 'partner-center-token', run: async () => (runs.push('token'), true) },
      ],
      now: () => now,
      log: createLogger('silent'),
      ttlMs: 10_000,
    });
    expect(await readiness()).toEqual({
      ready: false,
      failing: 'migrations',
      checks: { database: 'ok', migrations: 'failing', 'partner-center-token': 'not-run' },
    });
    migrated = true;
    now = 9_999;
    expect((await readiness()).ready).toBe(false);
    expect(runs).toEqual(['database', 'migrations']);
    now = 10_000;
    expect(await readiness()).toEqual({
      ready: true,
      checks: { database: 'ok', migrations: 'ok', 'partner-center-token': 'ok' },
    });
  });

  it('takes a check that throws as failing', async () => {
    const readiness = createReadiness({
      checks: [{ name: 'database', run: () => Promise.reject(new Error('connection refused')) }],
      now: () => 0,
      log: createLogger('silent'),
    });
    expect(await readiness()).toMatchObject({ ready: false, failing: 'database' });
  });
});

describe('the migrations check', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ kind: 'memory' });
  });
  afterAll(async () => {
    await db.close();
  });

  it('is true with every migration of this build applied, false when one is missing', async () => {
    const check = createMigrationsCheck(db.prisma);
    expect(await check()).toBe(true);
    await db.prisma.$executeRawUnsafe(
      `DELETE FROM "_prisma_migrations" WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")`,
    );
    expect(await check()).toBe(false);
  });
});

describe('GET /readyz on a bot whose database lacks a migration', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    await bot.db.prisma.$executeRawUnsafe(
      `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = (SELECT max(migration_name) FROM "_prisma_migrations")`,
    );
  });
  afterAll(async () => {
    await bot.close();
  });

  it('answers 503 naming the migrations, while /healthz (liveness) stays 200', async () => {
    const ready = await fetch(`${bot.http.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('cache-control')).toBe('no-store');
    expect(await ready.json()).toEqual({
      status: 'not-ready',
      failing: 'migrations',
      checks: { database: 'ok', migrations: 'failing' },
    });
    expect((await fetch(`${bot.http.url}/healthz`)).status).toBe(200);
  });
});

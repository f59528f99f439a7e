import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '../../src/db/data-dir-lock.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { MigrationError } from '../../src/db/migrate.js';
import { embeddedEnv, holdDatabase, killAndWait, ROOT } from '../support/processes.js';

/** The environment of a child process: the embedded database in `dataDir`, never PostgreSQL. */
const childEnv = embeddedEnv;

describe('the embedded database data directory', () => {
  let dataDir: string;
  let holder: ChildProcessWithoutNullStreams;
  let holderPid: number;
  const opened: Database[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-data-dir-lock-'));
    holder = await holdDatabase(dataDir);
    holderPid = holder.pid!;
  });

  afterAll(async () => {
    await killAndWait(holder);
    for (const db of opened.splice(0)) await db.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second process with a message naming the directory, the other pid and DATABASE_URL', async () => {
    const failure = await openDatabase({ kind: 'embedded', dataDir }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(DataDirLockedError);
    const message = (failure as Error).message;
    expect(message).toContain(dataDir);
    expect(message).toContain(`pid ${holderPid}`);
    expect(message).toContain('DATABASE_URL');
    expect(fs.readFileSync(path.join(dataDir, 'pglite.lock'), 'utf8').trim()).toBe(String(holderPid));
  });

  it('makes npm start exit non-zero with the clear message and no stack trace', async () => {
    const started = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: childEnv(dataDir, {
        PORT: '0',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'development',
        SEED_DEMO_DATA: 'false',
      }),
    });
    let stdout = '';
    let stderr = '';
    started.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    started.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

    const code = await new Promise<number | null>((resolve) => started.once('close', resolve));

    expect(code, stdout + stderr).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stderr).toContain(
      `The embedded database in ${dataDir} is in use by another process (pid ${holderPid})`,
    );
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('takes over the lock of a process that was killed, and keeps data across a close and reopen', async () => {
    await killAndWait(holder);

    const first = await openDatabase({ kind: 'embedded', dataDir });
    opened.push(first);
    expect(fs.readFileSync(path.join(dataDir, 'pglite.lock'), 'utf8').trim()).toBe(String(process.pid));
    await first.prisma.staff.create({
      data: { aadObjectId: 'persisted-staff', displayName: 'Persisted Person' },
    });
    await first.close();
    opened.splice(opened.indexOf(first), 1);
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);

    const second = await openDatabase({ kind: 'embedded', dataDir });
    opened.push(second);

    expect(second.migrations.applied).toEqual([]);
    const staff = await second.prisma.staff.findUnique({ where: { aadObjectId: 'persisted-staff' } });
    expect(staff?.displayName).toBe('Persisted Person');
  });
});

describe('the data directory lock within one process', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-data-dir-lock-'));
  });

  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is released when the migrations refuse the database, so opening again reports the real problem', async () => {
    const db = await openDatabase({ kind: 'embedded', dataDir });
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count)
       VALUES ('00000000-0000-4000-8000-000000000000', '', '29991231000000_from_a_newer_build', now(), 1)`,
    );
    await db.close();

    for (let attempt = 0; attempt < 2; attempt++) {
      const failure = await openDatabase({ kind: 'embedded', dataDir }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(MigrationError);
      expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
    }
  });

  it('leaves no exit handler behind once released', () => {
    const before = process.listenerCount('exit');
    for (let round = 0; round < 12; round++) acquireDataDirLock(dataDir).release();
    expect(process.listenerCount('exit')).toBe(before);
  });
});

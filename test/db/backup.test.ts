/**
 * Backups of the embedded database: a dump taken while the database is open and written to (as the bot
 * does through its admin socket) restores into a data directory with every row of every table; a restore
 * keeps the replaced database, refuses a file that is no backup and a data directory in use.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { DataDirLockedError } from '../../src/db/data-dir-lock.js';
import { RestoreError, restoreDataDir, writeBackupFile } from '../../src/db/embedded-backup.js';
import { seedDatabase } from '../../src/db/seed.js';
import { everyRow } from '../support/every-row.js';

const NOW = new Date('2026-11-21T09:00:00Z');
const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `csp-backup-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('db:backup and db:restore of the embedded database', () => {
  it('restores every row of every table from a dump taken while the database was open and being written', async () => {
    const source = tempDir('source');
    const db = await openDatabase({ kind: 'embedded', dataDir: source });
    let before: Record<string, string[]>;
    const file = path.join(tempDir('files'), 'bot.tar.gz');
    try {
      await seedDatabase(db.prisma, { now: NOW, includeDemo: true });
      // Writes in flight while the dump is taken wait for it, and land after it.
      before = await everyRow(db);
      const writes = Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          db.prisma.staff.create({ data: { aadObjectId: `after-dump-${i}`, displayName: `After ${i}` } }),
        ),
      );
      const dump = await db.dump!();
      await writes;
      writeBackupFile(file, dump);
      expect(await db.prisma.staff.count({ where: { aadObjectId: { startsWith: 'after-dump-' } } })).toBe(5);
    } finally {
      await db.close();
    }
    const total = Object.values(before).reduce((sum, rows) => sum + rows.length, 0);
    expect(total).toBeGreaterThan(100);
    expect(Object.keys(before)).toContain('_prisma_migrations');

    const target = tempDir('target');
    const restored = await restoreDataDir(target, file, NOW);
    expect(restored.keptAt).toBeUndefined();
    const copy = await openDatabase({ kind: 'embedded', dataDir: target });
    try {
      expect(copy.migrations.applied).toEqual([]);
      const after = await everyRow(copy);
      // The dump is the state at the moment it was taken: every row then, none of the writes that waited.
      const staffThen = before.staff!;
      const staffNow = after.staff!;
      expect(staffNow.filter((row) => row.includes('after-dump-'))).toHaveLength(
        staffNow.length - staffThen.length,
      );
      expect({ ...after, staff: staffNow.filter((row) => !row.includes('after-dump-')) }).toEqual(before);
    } finally {
      await copy.close();
    }
  }, 120_000);

  it('keeps the database it replaces, and puts it back when the file is no backup', async () => {
    const dataDir = tempDir('replace');
    const db = await openDatabase({ kind: 'embedded', dataDir });
    const file = path.join(tempDir('files'), 'empty.tar.gz');
    try {
      writeBackupFile(file, await db.dump!());
      await db.prisma.staff.create({ data: { aadObjectId: 'made-after-backup', displayName: 'Later' } });
    } finally {
      await db.close();
    }
    const restored = await restoreDataDir(dataDir, file, NOW);
    expect(restored.keptAt).toMatch(/pglite\.before-restore-2026-11-21T09-00-00-000Z$/);
    const reopened = await openDatabase({ kind: 'embedded', dataDir });
    try {
      expect(await reopened.prisma.staff.count({ where: { aadObjectId: 'made-after-backup' } })).toBe(0);
    } finally {
      await reopened.close();
    }

    const notABackup = path.join(tempDir('files'), 'notes.txt');
    fs.writeFileSync(notABackup, 'hello');
    await expect(restoreDataDir(dataDir, notABackup, NOW)).rejects.toThrow(RestoreError);
    const broken = path.join(tempDir('files'), 'broken.tar.gz');
    fs.writeFileSync(broken, Buffer.from([0x1f, 0x8b, 0x08, 0, 1, 2, 3]));
    await expect(restoreDataDir(dataDir, broken, new Date('2026-11-21T10:00:00Z'))).rejects.toThrow(
      /could not be restored.*left as it was/,
    );
    const again = await openDatabase({ kind: 'embedded', dataDir });
    try {
      expect(await again.prisma.staff.count()).toBe(0);
      expect(again.migrations.applied).toEqual([]);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('refuses to restore into a data directory a running database holds', async () => {
    const dataDir = tempDir('busy');
    const db = await openDatabase({ kind: 'embedded', dataDir });
    const file = path.join(tempDir('files'), 'busy.tar.gz');
    try {
      writeBackupFile(file, await db.dump!());
      await expect(restoreDataDir(dataDir, file, NOW)).rejects.toThrow(DataDirLockedError);
    } finally {
      await db.close();
    }
  }, 120_000);
});

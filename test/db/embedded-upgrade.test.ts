/**
 * The embedded database moved from PostgreSQL 17 (PGlite 0.3) to PostgreSQL 18 (PGlite 0.5): a data directory
 * or a backup written by an earlier release is converted when it is opened or restored, with every row of
 * every table and the sequences; a conversion that fails leaves the old directory as it was.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite as PGlite17 } from 'pglite-postgres17';
import { pg_trgm as pgTrgm17 } from 'pglite-postgres17/contrib/pg_trgm';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedDatabaseDir, openDatabase } from '../../src/db/database.js';
import { restoreDataDir, writeBackupFile } from '../../src/db/embedded-backup.js';
import {
  dataDirMajorVersion,
  dumpMajorVersion,
  EmbeddedUpgradeError,
  pgliteSession,
} from '../../src/db/embedded-upgrade.js';
import { PrismaClient } from '../../src/db/generated/prisma/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { seedDatabase } from '../../src/db/seed.js';
import { everyRow } from '../support/every-row.js';

const NOW = new Date('2026-11-21T09:00:00Z');
const dirs: string[] = [];
const tempDir = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `csp-upgrade-${name}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A data directory as the previous release left it: PostgreSQL 17, migrated, demo data, audit events. */
async function previousRelease(dataDir: string, extra?: (db: PGlite17) => Promise<void>) {
  const pglite = new PGlite17({ dataDir: embeddedDatabaseDir(dataDir), extensions: { pg_trgm: pgTrgm17 } });
  await pglite.waitReady;
  await applyMigrations(pgliteSession(pglite));
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite as never) });
  try {
    await seedDatabase(prisma, { now: NOW, includeDemo: true });
    for (const action of ['subscription.suspend', 'subscription.reactivate', 'order.place']) {
      await prisma.auditEvent.create({
        data: { at: NOW, action, outcome: 'allowed', actorName: 'Ada Wong' },
      });
    }
    await extra?.(pglite);
    const rows = await everyRow({ prisma });
    const dump = new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
    return { rows, dump };
  } finally {
    await prisma.$disconnect();
    await pglite.close();
  }
}

const total = (rows: Record<string, string[]>) => Object.values(rows).reduce((sum, r) => sum + r.length, 0);

describe('the embedded database of an earlier release (PostgreSQL 17)', () => {
  it('is converted when opened: every row of every table, the old directory kept, the audit ids go on', async () => {
    const dataDir = tempDir('open');
    const before = await previousRelease(dataDir);
    expect(dataDirMajorVersion(embeddedDatabaseDir(dataDir))).toBe('17');
    expect(total(before.rows)).toBeGreaterThan(100);

    const db = await openDatabase({ kind: 'embedded', dataDir });
    try {
      expect(db.upgraded).toMatchObject({ from: '17', to: '18', rows: total(before.rows) });
      expect(db.migrations.applied).toEqual([]);
      expect(await everyRow(db)).toEqual(before.rows);
      const maxBefore = await db.prisma.auditEvent.aggregate({ _max: { id: true } });
      const next = await db.prisma.auditEvent.create({
        data: { at: NOW, action: 'after', outcome: 'allowed' },
      });
      expect(next.id).toBe(maxBefore._max.id! + 1n);
    } finally {
      await db.close();
    }
    expect(dataDirMajorVersion(embeddedDatabaseDir(dataDir))).toBe('18');
    const kept = fs.readdirSync(dataDir).filter((name) => name.startsWith('pglite.postgres17-'));
    expect(kept).toHaveLength(1);
    expect(dataDirMajorVersion(path.join(dataDir, kept[0]!))).toBe('17');
    expect(fs.existsSync(`${embeddedDatabaseDir(dataDir)}.upgrading`)).toBe(false);

    const again = await openDatabase({ kind: 'embedded', dataDir });
    try {
      expect(again.upgraded).toBeUndefined();
    } finally {
      await again.close();
    }
  }, 180_000);

  it('is left as it was when the conversion fails, and the data directory is not left locked', async () => {
    const dataDir = tempDir('fails');
    // A table this release's schema does not have: the copy into the new directory cannot place its rows.
    await previousRelease(dataDir, async (db) => {
      await db.exec('CREATE TABLE stray (x int); INSERT INTO stray VALUES (1);');
    });
    const listing = fs.readdirSync(embeddedDatabaseDir(dataDir)).sort();
    await expect(openDatabase({ kind: 'embedded', dataDir })).rejects.toThrow(EmbeddedUpgradeError);
    await expect(openDatabase({ kind: 'embedded', dataDir })).rejects.toThrow(/stray.*Nothing was changed/s);
    expect(dataDirMajorVersion(embeddedDatabaseDir(dataDir))).toBe('17');
    expect(fs.readdirSync(embeddedDatabaseDir(dataDir)).sort()).toEqual(listing);
    expect(fs.readdirSync(dataDir).filter((name) => name !== 'pglite')).toEqual([]);
  }, 180_000);

  it('restores from a backup it made, converted, with every row', async () => {
    const before = await previousRelease(tempDir('backup-source'));
    expect(dumpMajorVersion(before.dump)).toBe('17');
    const file = path.join(tempDir('files'), 'old.tar.gz');
    writeBackupFile(file, before.dump);

    const target = tempDir('restore');
    const restored = await restoreDataDir(target, file, NOW);
    expect(restored.tables).toBe(Object.keys(before.rows).length);
    expect(fs.readdirSync(target).filter((name) => name.startsWith('pglite'))).toEqual(['pglite']);
    const db = await openDatabase({ kind: 'embedded', dataDir: target });
    try {
      expect(db.upgraded).toBeUndefined();
      expect(await everyRow(db)).toEqual(before.rows);
      expect(dumpMajorVersion(await db.dump!())).toBe('18');
    } finally {
      await db.close();
    }
  }, 180_000);
});

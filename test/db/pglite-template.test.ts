/**
 * New embedded databases start from one initialised cluster made once in a child process (initdb's memory
 * peak stays out of the bot's process); a data directory that already holds a cluster is opened as it is.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newPGlite, pgliteTemplate } from '../../src/db/pglite.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('new embedded databases', () => {
  it('start from the same cluster dump, each its own copy', async () => {
    const template = await pgliteTemplate();
    expect(await pgliteTemplate()).toBe(template);
    expect(template.size).toBeGreaterThan(1_000_000);
    const [a, b] = [await newPGlite(), await newPGlite()];
    try {
      await Promise.all([a.waitReady, b.waitReady]);
      await a.exec('CREATE TABLE only_in_a (x int); INSERT INTO only_in_a VALUES (1);');
      const inB = await b.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_in_a'`,
      );
      expect(inB.rows[0]!.n).toBe(0);
      const version = await a.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
      expect(Number(version.rows[0]!.v)).toBeGreaterThanOrEqual(180000);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 120_000);

  it('in a data directory: made from the dump once, then reopened with its rows, never replaced', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'csp-template-')), 'pglite');
    dirs.push(path.dirname(dir));
    const first = await newPGlite(dir);
    await first.waitReady;
    await first.exec('CREATE TABLE kept (x int); INSERT INTO kept VALUES (42);');
    await first.close();
    expect(fs.readFileSync(path.join(dir, 'PG_VERSION'), 'utf8').trim()).toBe('18');

    const again = await newPGlite(dir);
    try {
      await again.waitReady;
      expect((await again.query<{ x: number }>('SELECT x FROM kept')).rows).toEqual([{ x: 42 }]);
    } finally {
      await again.close();
    }
  }, 120_000);
});

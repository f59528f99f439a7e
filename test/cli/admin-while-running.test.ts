/**
 * Operating a running bot on the embedded database: `npm run staff` and `npm run db:backup` reach it through
 * its admin socket (DATA_DIR/admin.sock, 0600) with the same audit as without it; `db:restore` waits for it
 * to stop; once it has, the commands open the database themselves again.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { embeddedEnv, ROOT, startBotProcess, type BotProcess } from '../support/processes.js';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

function run(dataDir: string, script: string, ...argv: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...argv], {
    cwd: ROOT,
    env: embeddedEnv(dataDir, { NODE_ENV: 'development', LOG_LEVEL: 'silent' }),
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, out, err }));
  });
}

describe('admin commands while the bot runs on the embedded database', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-admin-'));
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-admin-files-'));
  const restoredDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-admin-restored-'));
  let bot: BotProcess | undefined;

  afterAll(async () => {
    if (bot?.child.pid && bot.child.exitCode === null) {
      process.kill(bot.child.pid, 'SIGKILL');
      await bot.exited;
    }
    for (const dir of [dataDir, files, restoredDir]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('R-ROLE-8: grants and lists through the running bot, backs it up live, reports its migrations, refuses a restore until it stops, then works without it', async () => {
    bot = await startBotProcess(embeddedEnv(dataDir, { NODE_ENV: 'development' }));
    const socket = path.join(dataDir, 'admin.sock');
    const stat = fs.statSync(socket);
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);

    const id = crypto.randomUUID();
    const granted = await run(
      dataDir,
      'src/cli/staff.ts',
      'grant',
      id,
      'admin-agent',
      '--name',
      'Live Person',
    );
    expect(granted.code, granted.err).toBe(0);
    expect(granted.out).toContain(`Granted admin-agent to Live Person (${id}). Roles now: admin-agent.`);
    const listed = await run(dataDir, 'src/cli/staff.ts', 'list');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(new RegExp(`^Live Person\\s+${id}\\s+admin-agent$`, 'm'));
    const bad = await run(dataDir, 'src/cli/staff.ts', 'grant', id, 'no-such-role');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('Unknown role "no-such-role"');

    const backup = path.join(files, 'live.tar.gz');
    const backedUp = await run(dataDir, 'src/cli/db-backup.ts', backup);
    expect(backedUp.code, backedUp.err).toBe(0);
    expect(backedUp.out).toContain(`Backed up the running bot's database to ${backup}`);
    expect(fs.statSync(backup).mode & 0o777).toBe(0o600);

    const migrated = await run(dataDir, 'src/cli/migrate.ts');
    expect(migrated.code, migrated.err).toBe(0);
    expect(migrated.out).toMatch(
      /held by the running bot\nUp to date: all \d+ migrations were already applied\./,
    );

    const refused = await run(dataDir, 'src/cli/db-restore.ts', backup);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`is in use by another process (pid ${bot.child.pid})`);
    expect(refused.err).not.toMatch(/^\s+at /m);
    // The bot still answers after all of it.
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);

    process.kill(bot.child.pid!, 'SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(fs.existsSync(socket)).toBe(false);
    const offline = await run(dataDir, 'src/cli/staff.ts', 'list');
    expect(offline.code, offline.err).toBe(0);
    expect(offline.out).toMatch(new RegExp(`^Live Person\\s+${id}\\s+admin-agent$`, 'm'));

    const restored = await run(restoredDir, 'src/cli/db-restore.ts', backup);
    expect(restored.code, restored.err).toBe(0);
    const db = await openDatabase({ kind: 'embedded', dataDir: restoredDir });
    try {
      const roles = await db.prisma.staffRole.findMany({ where: { aadObjectId: id } });
      expect(roles.map((r) => r.role)).toEqual(['admin-agent']);
      const audit = await db.prisma.auditEvent.findMany({ where: { action: 'staff.grant', subjectId: id } });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.detail).toMatchObject({
        role: 'admin-agent',
        via: 'cli',
        user: os.userInfo().username,
      });
    } finally {
      await db.close();
    }
  }, 240_000);
});

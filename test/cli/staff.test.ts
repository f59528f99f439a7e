/**
 * `npm run staff`: the command against the embedded database in memory (and PostgreSQL when
 * TEST_DATABASE_URL is set), then the real process against a data directory on disk.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../prisma/seed/staff.js';
import { runStaffCommand } from '../../src/cli/staff-command.js';
import { createDeps } from '../../src/db/create-deps.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { seedDatabase } from '../../src/db/seed.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import { ROLES } from '../../src/domain/shared/roles.js';
import { fixedClock } from '../../src/domain/shared/time.js';
import { DATABASES, type TestDatabase } from '../support/databases.js';
import { ADMIN_AGENT, GLOBAL_ADMIN } from '../support/staff.js';
import { embeddedEnv, holdDatabase, killAndWait, ROOT } from '../support/processes.js';

const NOW = '2026-03-02T09:00:00.000Z';
const OPERATOR = 'ops-tester';

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

const newObjectId = () => crypto.randomUUID();

describe.each(DATABASES)('the staff command on the $name database', ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;
  let deps: AllDeps;

  beforeEach(async () => {
    testDb = await create();
    db = await openDatabase(testDb.target);
    await seedDatabase(db.prisma, { now: new Date(NOW), includeDemo: true });
    deps = createDeps(db, fixedClock(NOW));
  });

  afterEach(async () => {
    await db?.close();
    await testDb?.drop();
  });

  const run = async (...argv: string[]): Promise<Run> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runStaffCommand(
      argv,
      deps,
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      OPERATOR,
    );
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  const auditOf = (action: string, subjectId: string) =>
    db.prisma.auditEvent.findMany({ where: { action, subjectId }, orderBy: { id: 'asc' } });

  it('lists every demo staff member with object id and roles, in aligned columns', async () => {
    const { code, out } = await run('list');

    expect(code).toBe(0);
    const lines = out.split('\n');
    const idColumn = lines[0]!.indexOf('Object id');
    const rolesColumn = lines[0]!.indexOf('Roles');
    expect(lines[0]).toMatch(/^Display name\s+Object id\s+Roles$/);
    for (const person of DEMO_STAFF) {
      const line = lines.find((l) => l.includes(person.aadObjectId));
      expect(line, person.displayName).toBeDefined();
      expect(line!.startsWith(person.displayName)).toBe(true);
      expect(line!.indexOf(person.aadObjectId)).toBe(idColumn);
      expect(line!.slice(rolesColumn)).toBe(person.roles.join(', '));
    }
    expect(out).toContain(`${DEMO_STAFF.length} staff members`);
  });

  it('R-ROLE-8: grant from the command line adds the role and records an audit event', async () => {
    const id = newObjectId();

    const { code, out } = await run('grant', id.toUpperCase(), 'admin-agent', '--name', 'Test Person');

    expect(code).toBe(0);
    expect(out).toContain(`Granted admin-agent to Test Person (${id})`);
    const person = await deps.staff.find(id);
    expect(person).toMatchObject({ displayName: 'Test Person', roles: ['admin-agent'] });
    const events = await auditOf('staff.grant', id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorAadObjectId: null,
      outcome: 'allowed',
      subjectId: id,
      detail: { role: 'admin-agent', via: 'cli', user: OPERATOR },
    });
    expect(events[0]!.at.toISOString()).toBe(NOW);
    expect((await run('list')).out).toMatch(new RegExp(`Test Person\\s+${id}\\s+admin-agent`));
  });

  it('R-ROLE-8: granting a role already held says nothing changed and records no second event', async () => {
    const id = newObjectId();
    await run('grant', id, 'sales-agent', '--name', 'Twice Granted');

    const again = await run('grant', id, 'sales-agent');

    expect(again.code).toBe(0);
    expect(again.out).toContain('Twice Granted');
    expect(again.out).toContain('already holds sales-agent; nothing changed');
    const allowed = (await auditOf('staff.grant', id)).filter((e) => e.outcome === 'allowed');
    expect(allowed).toHaveLength(1);
  });

  it('R-ROLE-8: the grant and its audit event commit together, so a failed audit write grants nothing', async () => {
    const id = newObjectId();
    const failingAudit: AllDeps = {
      ...deps,
      uow: {
        run: (work) =>
          deps.uow.run((tx) =>
            work({
              ...tx,
              audit: {
                ...tx.audit,
                record: async () => {
                  throw new Error('audit store unavailable');
                },
              },
            }),
          ),
      },
    };

    const outcome = runStaffCommand(['grant', id, 'admin-agent'], failingAudit, {
      out: () => {},
      err: () => {},
    });

    await expect(outcome).rejects.toThrow('audit store unavailable');
    expect(await deps.staff.find(id)).toBeNull();
  });

  it('R-ROLE-8: revoke takes the role away with an audit event; revoking again changes nothing', async () => {
    const { code, out } = await run('revoke', ADMIN_AGENT.aadObjectId, 'admin-agent');

    expect(code).toBe(0);
    expect(out).toContain(`Revoked admin-agent from ${ADMIN_AGENT.displayName} (${ADMIN_AGENT.aadObjectId})`);
    expect(out).toContain('Roles now: none');
    expect(await deps.staff.rolesOf(ADMIN_AGENT.aadObjectId)).toEqual([]);
    const events = await auditOf('staff.revoke', ADMIN_AGENT.aadObjectId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorAadObjectId: null,
      outcome: 'allowed',
      detail: { role: 'admin-agent', via: 'cli', user: OPERATOR },
    });

    const again = await run('revoke', ADMIN_AGENT.aadObjectId, 'admin-agent');
    expect(again.code).toBe(0);
    expect(again.out).toContain('does not hold admin-agent; nothing changed');
    expect(await auditOf('staff.revoke', ADMIN_AGENT.aadObjectId)).toHaveLength(1);
  });

  it('R-ROLE-8: the last global admin cannot be revoked (exit 1); once there is another, it can', async () => {
    const refused = await run('revoke', GLOBAL_ADMIN.aadObjectId, 'global-admin');

    expect(refused.code).toBe(1);
    expect(refused.err).toContain('last global admin');
    expect(refused.out).toBe('');
    expect(await deps.staff.rolesOf(GLOBAL_ADMIN.aadObjectId)).toEqual(['global-admin']);
    expect(await auditOf('staff.revoke', GLOBAL_ADMIN.aadObjectId)).toHaveLength(0);

    const successor = newObjectId();
    expect((await run('grant', successor, 'global-admin', '--name', 'Successor')).code).toBe(0);
    const allowed = await run('revoke', GLOBAL_ADMIN.aadObjectId, 'global-admin');
    expect(allowed.code).toBe(0);
    expect(await deps.staff.rolesOf(GLOBAL_ADMIN.aadObjectId)).toEqual([]);
  });

  it.each([
    ['a bad object id', ['grant', 'not-a-guid', 'admin-agent']],
    ['an unknown role', ['grant', newObjectId(), 'super-user']],
    ['a missing role', ['revoke', newObjectId()]],
  ])('refuses %s with exit 2, names the roles and changes nothing', async (_case, argv) => {
    const before = await db.prisma.staffRole.count();

    const { code, out, err } = await run(...argv);

    expect(code).toBe(2);
    expect(out).toBe('');
    for (const role of ROLES) expect(err).toContain(role);
    expect(await db.prisma.staffRole.count()).toBe(before);
    expect(await db.prisma.auditEvent.count()).toBe(0);
  });

  it('answers --help with the usage (exit 0), and a missing or unknown command or misplaced option with exit 2', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('grant <aadObjectId> <role> [--name NAME]');

    expect((await run()).code).toBe(2);
    expect((await run('promote', newObjectId(), 'admin-agent')).code).toBe(2);
    expect((await run('revoke', newObjectId(), 'admin-agent', '--name', 'X')).code).toBe(2);
    expect((await run('list', '--verbose')).code).toBe(2);
  });
});

const childEnv = (dataDir: string) => embeddedEnv(dataDir, { NODE_ENV: 'development' });

function runCli(dataDir: string, ...argv: string[]): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/staff.ts', ...argv], {
    cwd: ROOT,
    env: childEnv(dataDir),
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

describe('npm run staff as a process, on the embedded database in DATA_DIR', () => {
  let dataDir: string;
  let holder: ChildProcessWithoutNullStreams | undefined;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-staff-cli-'));
  });

  afterAll(async () => {
    if (holder) await killAndWait(holder);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('R-ROLE-8: grants a role, lists it, and releases the database when done', async () => {
    const id = newObjectId();

    const granted = await runCli(dataDir, 'grant', id, 'admin-agent', '--name', 'Test Person');

    expect(granted.code, granted.err).toBe(0);
    expect(granted.out).toContain(`Granted admin-agent to Test Person (${id}). Roles now: admin-agent.`);
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);

    const listed = await runCli(dataDir, 'list');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out).toMatch(/^Display name\s+Object id\s+Roles$/m);
    expect(listed.out).toMatch(new RegExp(`^Test Person\\s+${id}\\s+admin-agent$`, 'm'));
    expect(listed.err).toBe('');
  }, 90_000);

  it('fails clearly (exit 1, names the lock and DATABASE_URL, no stack trace) while a bot holds DATA_DIR', async () => {
    holder = await holdDatabase(dataDir);

    const { code, out, err } = await runCli(dataDir, 'list');

    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(
      `The embedded database in ${dataDir} is in use by another process (pid ${holder.pid})`,
    );
    expect(err).toContain('DATABASE_URL');
    expect(err).not.toMatch(/^\s+at /m);
    expect(fs.readFileSync(path.join(dataDir, 'pglite.lock'), 'utf8').trim()).toBe(String(holder.pid));

    await killAndWait(holder);
  });

  it('answers --help without opening the database', async () => {
    const missing = path.join(dataDir, 'never-created');

    const { code, out } = await runCli(missing, '--help');

    expect(code).toBe(0);
    expect(out).toContain('Usage: npm run staff');
    expect(fs.existsSync(missing)).toBe(false);
  });
});

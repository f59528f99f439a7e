/**
 * The running bot's admin socket, in process on in-memory fakes: 0600, the staff command with the caller's
 * name in the audit, anything that is not a request refused without harm, and a socket file nobody serves
 * taken as "no bot".
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminSocketPath, startAdminSocket, type AdminSocket } from '../../src/admin/admin-socket.js';
import { askRunningBot } from '../../src/cli/admin-channel.js';
import { createLogger } from '../../src/log.js';
import { fixedClock } from '../fakes/builders.js';
import { fakeDeps } from '../fakes/fake-deps.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-socket-'));
const opened: AdminSocket[] = [];
afterAll(async () => {
  for (const socket of opened) await socket.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Sends raw bytes and reads the answer line. */
const sendRaw = (socketPath: string, text: string) =>
  new Promise<string>((resolve, reject) => {
    let answer = '';
    const socket = net.createConnection(socketPath, () => socket.write(text));
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });

describe('the admin socket', () => {
  it("R-ROLE-8: runs staff commands on the bot's deps with the caller in the audit, answers what is not a request with exit 2, and is 0600", async () => {
    const deps = fakeDeps({ clock: fixedClock('2026-11-21T09:00:00Z') });
    const dumped: string[] = [];
    const socket = await startAdminSocket({
      dataDir,
      deps,
      dump: async () => {
        dumped.push('dump');
        return new Uint8Array([1, 2, 3]);
      },
      appliedMigrations: async () => ['20260101000000_init', '20260201000000_more'],
      log: createLogger('silent'),
    });
    opened.push(socket);
    expect(fs.statSync(socket.path).mode & 0o777).toBe(0o600);

    const id = '8f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f';
    const granted = await askRunningBot(dataDir, {
      op: 'staff',
      argv: ['grant', id, 'billing-admin', '--name', 'Socket Person'],
      user: 'ops-on-call',
    });
    expect(granted).toMatchObject({ code: 0, err: [] });
    expect((await deps.staff.find(id))?.roles).toEqual(['billing-admin']);
    expect(deps.db.tables.auditEvents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'staff.grant',
          subjectId: id,
          detail: { role: 'billing-admin', via: 'cli', user: 'ops-on-call' },
        }),
      ]),
    );

    for (const garbage of ['not json\n', '{"op":"drop-database"}\n', '{"op":"staff","argv":"list"}\n']) {
      const answer = JSON.parse(await sendRaw(socket.path, garbage));
      expect(answer.code, garbage).toBe(2);
      expect(answer.err[0]).toMatch(/^Not an admin request/);
    }
    expect(JSON.parse(await sendRaw(socket.path, 'x'.repeat(20_000))).code).toBe(2);
    const relative = await askRunningBot(dataDir, { op: 'backup', file: 'relative.tar.gz' });
    expect(relative).toMatchObject({ code: 2 });
    const file = path.join(dataDir, 'b.tar.gz');
    expect(await askRunningBot(dataDir, { op: 'backup', file })).toMatchObject({ code: 0 });
    expect([...fs.readFileSync(file)]).toEqual([1, 2, 3]);
    expect(dumped).toEqual(['dump']);
    expect(await askRunningBot(dataDir, { op: 'migrations' })).toEqual({
      code: 0,
      out: ['20260101000000_init', '20260201000000_more'],
      err: [],
    });
  });

  it('takes a socket file nobody serves as no running bot', async () => {
    const stale = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-stale-'));
    try {
      expect(await askRunningBot(stale, { op: 'staff', argv: ['list'], user: 'me' })).toBe('no-bot');
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(adminSocketPath(stale), resolve));
      expect(fs.existsSync(adminSocketPath(stale))).toBe(true);
      // The server goes and its file stays behind (as after a crash).
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.writeFileSync(adminSocketPath(stale), '');
      expect(await askRunningBot(stale, { op: 'staff', argv: ['list'], user: 'me' })).toBe('no-bot');
    } finally {
      fs.rmSync(stale, { recursive: true, force: true });
    }
  });
});

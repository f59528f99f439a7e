/**
 * The running bot's admin channel on the embedded database: a Unix socket in DATA_DIR (`admin.sock`, mode
 * 0600, so only the operating-system user that runs the bot can open it) through which `npm run staff` and
 * `npm run db:backup` reach the bot's open database instead of being refused by its lock. One JSON line in,
 * one JSON line out. The staff commands run the same code as without a bot (src/cli/staff-command.ts):
 * the same use of the domain ports, one transaction with its audit event, the caller's user name in it.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { runStaffCommand } from '../cli/staff-command.js';
import type { AllDeps } from '../domain/ports/deps.js';
import type { Logger } from '../log.js';
import { writeBackupFile } from '../db/embedded-backup.js';

export const ADMIN_SOCKET_NAME = 'admin.sock';
export const adminSocketPath = (dataDir: string): string =>
  path.join(path.resolve(dataDir), ADMIN_SOCKET_NAME);

export const AdminRequestSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('staff'),
    argv: z.array(z.string().max(300)).max(10),
    user: z.string().min(1).max(100),
  }),
  z.object({ op: z.literal('backup'), file: z.string().min(1).max(4096) }),
  /** The migrations the running bot's database has applied, one name per `out` line. */
  z.object({ op: z.literal('migrations') }),
]);
export type AdminRequest = z.infer<typeof AdminRequestSchema>;

export const AdminResponseSchema = z.object({
  code: z.number().int(),
  out: z.array(z.string()),
  err: z.array(z.string()),
});
export type AdminResponse = z.infer<typeof AdminResponseSchema>;

const MAX_REQUEST_BYTES = 16_384;

export interface AdminSocket {
  readonly path: string;
  close(): Promise<void>;
}

export async function startAdminSocket(options: {
  readonly dataDir: string;
  readonly deps: AllDeps;
  /** The database's dump (embedded only). */
  readonly dump: () => Promise<Uint8Array>;
  /** The names of the migrations applied to the open database. */
  readonly appliedMigrations: () => Promise<readonly string[]>;
  readonly log: Logger;
}): Promise<AdminSocket> {
  const socketPath = adminSocketPath(options.dataDir);
  // Whoever holds the data directory's lock owns the socket name: one left by a crashed bot goes.
  fs.rmSync(socketPath, { force: true });

  const handle = async (request: AdminRequest): Promise<AdminResponse> => {
    const out: string[] = [];
    const err: string[] = [];
    if (request.op === 'staff') {
      const code = await runStaffCommand(
        request.argv,
        options.deps,
        { out: (line) => out.push(line), err: (line) => err.push(line) },
        request.user,
      );
      options.log.info({ op: 'staff', command: request.argv[0], user: request.user, code }, 'admin command');
      return { code, out, err };
    }
    if (request.op === 'migrations') return { code: 0, out: [...(await options.appliedMigrations())], err };
    if (!path.isAbsolute(request.file))
      return { code: 2, out, err: ['The backup file must be an absolute path.'] };
    const data = await options.dump();
    writeBackupFile(request.file, data);
    options.log.info({ op: 'backup', bytes: data.length }, 'admin command');
    return {
      code: 0,
      out: [`Backed up the running bot's database to ${request.file} (${data.length} bytes).`],
      err,
    };
  };

  const server = net.createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    const answer = (response: AdminResponse) => socket.end(`${JSON.stringify(response)}\n`);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (buffer.length > MAX_REQUEST_BYTES) {
        answer({ code: 2, out: [], err: ['The request is too long.'] });
        return;
      }
      const newline = buffer.indexOf('\n');
      if (newline < 0) return;
      socket.pause();
      let request: AdminRequest;
      try {
        const parsed = AdminRequestSchema.safeParse(JSON.parse(buffer.slice(0, newline)));
        if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'not a request');
        request = parsed.data;
      } catch (error) {
        answer({ code: 2, out: [], err: [`Not an admin request: ${(error as Error).message}`] });
        return;
      }
      handle(request).then(answer, (error: unknown) => {
        options.log.error({ err: error, op: request.op }, 'admin command failed');
        answer({
          code: 1,
          out: [],
          err: [`The bot could not do it: ${error instanceof Error ? error.message : String(error)}`],
        });
      });
    });
  });

  // The socket file is created 0600 (umask while binding), and set so again in case the umask was ignored.
  const previous = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(previous);
  }
  fs.chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/**
 * The command-line side of the running bot's admin socket (src/admin/admin-socket.ts): when a bot runs on
 * the embedded database in DATA_DIR, send it the request; when none runs (no socket, or one nobody listens
 * on), say so, and the command opens the database itself.
 */
import fs from 'node:fs';
import net from 'node:net';
import {
  adminSocketPath,
  AdminResponseSchema,
  type AdminRequest,
  type AdminResponse,
} from '../admin/admin-socket.js';

export async function askRunningBot(
  dataDir: string,
  request: AdminRequest,
): Promise<AdminResponse | 'no-bot'> {
  const socketPath = adminSocketPath(dataDir);
  if (!fs.existsSync(socketPath)) return 'no-bot';
  return new Promise((resolve, reject) => {
    let text = '';
    let connected = false;
    const socket = net.createConnection(socketPath, () => {
      connected = true;
      socket.write(`${JSON.stringify(request)}\n`);
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A socket file left by a bot that is gone: nobody answers.
      if (!connected && (error.code === 'ECONNREFUSED' || error.code === 'ENOENT')) resolve('no-bot');
      else reject(error);
    });
    socket.on('end', () => {
      try {
        resolve(AdminResponseSchema.parse(JSON.parse(text)));
      } catch {
        reject(new Error('the running bot gave an answer this command does not understand'));
      }
    });
  });
}

export function printAdminResponse(response: AdminResponse): number {
  for (const line of response.out) process.stdout.write(`${line}\n`);
  for (const line of response.err) process.stderr.write(`${line}\n`);
  return response.code;
}

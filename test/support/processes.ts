/** Child processes the tests start (and end, by their pid). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOLD_FIXTURE = path.join(ROOT, 'test/db/fixtures/hold-embedded-database.ts');

/** The environment of a child on the embedded database in `dataDir`, never PostgreSQL. */
export const embeddedEnv = (dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, ...extra };
  delete env.DATABASE_URL;
  return env;
};

/** A process that opens the embedded database in `dataDir` and keeps it open until killed. */
export async function holdDatabase(dataDir: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOLD_FIXTURE], {
    cwd: ROOT,
    env: embeddedEnv(dataDir),
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('ready\n')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`the holder exited (${code}) before it was ready: ${stderr}`)),
    );
  });
  return child;
}

/** Kills a child we started, by its pid, and waits until it is gone. */
export async function killAndWait(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGKILL');
  await exited;
}

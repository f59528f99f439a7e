/** Child processes the tests start (and end, by their pid). */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HOLD_FIXTURE = path.join(ROOT, 'test/db/fixtures/hold-embedded-database.ts');

/** node's arguments in package.json's `start` script (`npm start`), so a child runs what operators run. */
export function npmStartArguments(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const [node, ...args] = pkg.scripts.start.split(/\s+/);
  if (node !== 'node') throw new Error(`npm start does not run node: ${pkg.scripts.start}`);
  return args;
}

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

/** A port nothing listens on right now, for a child process to take. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface BotProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  /** Everything the process wrote so far (its JSON log lines). */
  output(): string;
  readonly exited: Promise<number | null>;
}

/** Compiles src/ to build/ as `npm start` does before it starts (nothing to do when build/ is fresh). */
export async function buildCompiledBot(): Promise<void> {
  const child = spawn(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
  let output = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the build failed (${code}): ${output}`);
}

/**
 * Starts the bot's entry point as a child on 127.0.0.1 and resolves when it logs that it listens: the wait
 * is on that event, never a polling sleep. Rejects if it exits first or takes over `timeoutMs` (a failure
 * message, not a time budget). By default the TypeScript source through tsx (fresh, no build needed);
 * `compiled`: build/src/main.js with plain node and source maps, exactly as `npm start` runs it (call
 * buildCompiledBot first).
 */
export async function startBotProcess(
  env: NodeJS.ProcessEnv,
  { timeoutMs = 60_000, compiled = false }: { timeoutMs?: number; compiled?: boolean } = {},
): Promise<BotProcess> {
  const port = await freePort();
  const entry = compiled ? npmStartArguments() : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not log that it listens within ${timeoutMs} ms: ${output}`));
    }, timeoutMs);
    const onData = (chunk: string) => {
      output += chunk;
      if (output.includes('"msg":"bot listening"')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}) before it listened: ${output}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

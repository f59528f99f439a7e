/**
 * `npm run bench -- --memory`: the bot as operators run it — the compiled `build/src/main.js` under plain
 * node, in its own process — started on the embedded database and on PostgreSQL, then 1,000 turns (reads,
 * searches, purchase reviews) one after another. Reported per database: the start time (spawn to a ready
 * `/readyz`), the process's RSS when ready, after the 1,000 turns, and its peak (VmHWM, read from
 * /proc/<pid>/status, so nothing in this process is counted). Targets (issue 12): PostgreSQL steady RSS
 * ≤ 250 MB after 1,000 turns, embedded peak ≤ 450 MB, start ≤ 3 s on PostgreSQL with demo data.
 *
 * The PostgreSQL run uses database `bench_memory` on --database-url's server (default 127.0.0.1:5432),
 * created and migrated by the bot itself at its first start.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { npmStartArguments } from '../test/support/processes.js';
import { directTurn, percentile } from './direct-turn.js';
import { BENCH_LIMITS_OFF } from './scenarios.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TURNS = 1000;
const MB = 1024 * 1024;
const TURN_TEXTS = [
  'help',
  'subscriptions fabrikam',
  'customers contoso',
  'orders contoso',
  'customers fabrikm',
  'products for contoso',
  'buy 2 Microsoft 365 E3 for contoso monthly',
  'order ORD-1003',
  'activity',
  'suspend fabrikam E3',
];

/** `npm start`'s node arguments; BENCH_NODE_FLAGS adds flags to try. */
const startArguments = (): string[] => [
  ...(process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean),
  ...npmStartArguments(),
];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** VmRSS and VmHWM (peak) of a process, in MB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: (kb('VmRSS') * 1024) / MB, peak: (kb('VmHWM') * 1024) / MB };
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`${url}/readyz`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    // Polling a child process that gives no other signal of readiness.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function turn(endpoint: string, text: string, conversation: string): Promise<void> {
  const { status, body } = await directTurn(endpoint, text, conversation);
  if (status !== 200 || !body.includes('"activities"')) throw new Error(`turn "${text}" answered ${status}`);
}

interface MemoryResult {
  readonly database: string;
  readonly startMs: number;
  readonly readyRssMB: number;
  readonly afterTurnsRssMB: number;
  readonly peakRssMB: number;
  readonly turns: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

async function measure(database: string, env: Record<string, string>): Promise<MemoryResult> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, startArguments(), {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...BENCH_LIMITS_OFF,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitReady(url, child);
    const startMs = performance.now() - started;
    const ready = memoryOf(child.pid!);
    const conversation = `bench-memory-${crypto.randomUUID()}`;
    const times: number[] = [];
    for (let i = 0; i < TURNS; i += 1) {
      const began = performance.now();
      await turn(`${url}/api/messages`, TURN_TEXTS[i % TURN_TEXTS.length]!, conversation);
      times.push(performance.now() - began);
    }
    const after = memoryOf(child.pid!);
    times.sort((a, b) => a - b);
    return {
      database,
      startMs,
      readyRssMB: ready.rss,
      afterTurnsRssMB: after.rss,
      peakRssMB: after.peak,
      turns: TURNS,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
    };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return target.toString();
}

export async function runMemory(
  serverUrl = 'postgresql://postgres@127.0.0.1:5432/postgres',
): Promise<number> {
  // The compiled bot as `npm start` runs it, rebuilt first if the sources changed.
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
  console.log(
    `CSP partner bot — memory and start of the compiled bot (own process, ${TURNS} turns, node ${process.version}, ` +
      `${os.cpus().length} cores, load ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' / ')})`,
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-memory-'));
  const results: MemoryResult[] = [];
  try {
    if (process.env.BENCH_ONLY !== 'postgres') {
      // The first start creates, migrates and seeds the data directory; the peak target holds for both.
      results.push(await measure('embedded (first start)', { DATA_DIR: dataDir, DATABASE_URL: '' }));
      results.push(
        await measure('embedded (PGlite, DATA_DIR on disk)', { DATA_DIR: dataDir, DATABASE_URL: '' }),
      );
    }
    const url = await ensureDatabase(serverUrl, 'bench_memory');
    // The first start on an empty database migrates and seeds it; the second is the start an operator sees.
    results.push(await measure('PostgreSQL (first start: migrate and seed)', { DATABASE_URL: url }));
    results.push(await measure('PostgreSQL', { DATABASE_URL: url }));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const f = (n: number) => n.toFixed(0);
  console.log('');
  console.log(
    '| Database | Start ms | RSS ready MB | RSS after 1,000 turns MB | Peak RSS MB | Turn p50 / p95 ms | Target | Result |',
  );
  console.log(
    '| -------- | -------: | -----------: | -----------------------: | ----------: | ----------------: | ------ | ------ |',
  );
  for (const r of results) {
    const postgres = r.database.startsWith('PostgreSQL');
    // The start target is the start an operator sees: the first one on PostgreSQL also migrates and seeds.
    const startTarget = r.database === 'PostgreSQL';
    const target = postgres ? `after turns ≤ 250 MB${startTarget ? ', start ≤ 3 s' : ''}` : 'peak ≤ 450 MB';
    const pass = postgres
      ? r.afterTurnsRssMB <= 250 && (!startTarget || r.startMs <= 3000)
      : r.peakRssMB <= 450;
    console.log(
      `| ${r.database} | ${f(r.startMs)} | ${f(r.readyRssMB)} | ${f(r.afterTurnsRssMB)} | ${f(r.peakRssMB)} | ` +
        `${r.p50Ms.toFixed(1)} / ${r.p95Ms.toFixed(1)} | ${target} | ${pass ? 'PASS' : 'FAIL'} |`,
    );
  }
  return 0;
}

/**
 * `npm run bench`: turn latency of the real bot against a bare botbuilder echo bot, both driven over HTTP in
 * this process with the same client, the same delivery style and the same local connector.
 *
 *   npm run bench -- --turns 300 --warmup 50 --concurrency 1 --db memory|embedded --scenarios help,… --strict
 *   npm run bench -- --db postgres --database-url postgresql://…/scratch   # compare with PostgreSQL
 *   npm run bench -- --profile bench/results/prof   # a .cpuprofile of each scenario's measured turns
 *   npm run bench -- --flood   # help turns while 1,000 random download tokens/s hit /downloads (flood.ts)
 *   npm run bench -- --memory  # start time and RSS of the compiled bot in its own process (memory.ts)
 *   npm run bench -- --scale 10000   # PostgreSQL bench_scale: 10,000 customers, 1,000,000 subscriptions
 *
 * Exit code: 1 when any turn failed (a bench that measures errors is worthless); 2 with --strict when a
 * target is missed; 0 otherwise. See bench/README.md for the method.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBot, type BotInstance } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import type { DatabaseTarget } from '../src/db/database.js';
import { startConnector, type BenchConnector } from './connector.js';
import { discoverReminders } from '../src/domain/reminders/discover-reminders.js';
import type { Dayjs } from '../src/domain/shared/time.js';
import {
  DEFAULT_SCALE_URL,
  prepareScaleDatabase,
  scaleScenarios,
  catchUpPasses,
  SUBSCRIPTIONS_PER_CUSTOMER,
} from './scale.js';
import { startEchoBot, type EchoBot } from './echo-bot.js';
import {
  BENCH_LIMITS_OFF,
  ECHO,
  SCENARIOS,
  partLabel,
  redact,
  send,
  type BenchEnv,
  type Scenario,
  type Target,
} from './scenarios.js';

const DELIVERY =
  'Teams path: activities without deliveryMode=expectReplies; each message turn = inbound POST + the ' +
  "bot's reply POST to a local connector (serviceUrl); invokes answer in the HTTP response";
const RSS_LIMIT_MB = 450;
const MAX_FAILURES_PER_SCENARIO = 20;
const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');

// ── Options ─────────────────────────────────────────────────────────────────────────────────────────────

const { values: args } = parseArgs({
  options: {
    turns: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '50' },
    concurrency: { type: 'string', default: '1' },
    db: { type: 'string', default: 'memory' },
    'database-url': { type: 'string' },
    scenarios: { type: 'string' },
    strict: { type: 'boolean', default: false },
    profile: { type: 'string' },
    flood: { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    scale: { type: 'string' },
  },
  strict: true,
});

const positiveInt = (name: string, raw: string | undefined, min: number) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got ${raw}`);
  return n;
};
const SCALE = args.scale === undefined ? undefined : positiveInt('scale', args.scale, 1);
const given = (name: string) => process.argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
// At scale every turn is slower and the database is large: fewer turns unless asked.
const TURNS = positiveInt('turns', SCALE && !given('turns') ? '100' : args.turns, 1);
const WARMUP = positiveInt('warmup', SCALE && !given('warmup') ? '10' : args.warmup, 0);
const CONCURRENCY = positiveInt('concurrency', args.concurrency, 1);
if (!['memory', 'embedded', 'postgres'].includes(args.db!))
  throw new Error('--db must be memory, embedded or postgres');
if (SCALE === undefined && (args.db === 'postgres') !== Boolean(args['database-url'])) {
  throw new Error(
    '--db postgres needs --database-url postgresql://… (a database of your own: it is migrated and seeded)',
  );
}
const selected = args.scenarios?.split(',').map((s) => s.trim());
const unknown = selected?.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown?.length) {
  throw new Error(
    `unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`,
  );
}
const chosen = SCALE
  ? scaleScenarios(SCALE)
  : selected
    ? SCENARIOS.filter((s) => selected.includes(s.name))
    : SCENARIOS;

// ── CPU profile of the measured turns only (start-up, warm-up and other scenarios left out) ───────────────

const PROFILE_DIR = args.profile;
let inspector: Session | undefined;

async function startProfile() {
  if (!PROFILE_DIR) return;
  if (!inspector) {
    inspector = new Session();
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  await inspector.post('Profiler.start');
}

async function stopProfile(name: string) {
  if (!PROFILE_DIR || !inspector) return;
  const { profile } = await inspector.post('Profiler.stop');
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  const file = path.join(PROFILE_DIR, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  console.log(`  (profile of the measured turns: ${file})`);
}

// ── Memory ──────────────────────────────────────────────────────────────────────────────────────────────

let sampledMaxRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  sampledMaxRss = Math.max(sampledMaxRss, process.memoryUsage.rss());
}, 50);
sampler.unref();
const MB = 1024 * 1024;

// ── Measuring one scenario ──────────────────────────────────────────────────────────────────────────────

interface ScenarioResult {
  /** The row: the scenario's name, and the part's after a colon when the scenario has several. */
  readonly name: string;
  /** The scenario's label (the echo run twice has two). */
  readonly scenario: string;
  readonly bot: 'echo' | 'real';
  readonly describe: string;
  readonly baseline?: string;
  readonly concurrency: number;
  readonly warmupTurns: number;
  readonly turns: number;
  /** The scenario's failures (a failed part ends its turn, so they are counted once, on the scenario). */
  readonly failures: number;
  readonly failureSamples: string[];
  readonly latencyMs: { p50: number; p95: number; p99: number; mean: number; min: number; max: number };
  /** HTTP statuses of the measured requests, by code. */
  readonly statuses: Record<string, number>;
  /** What the scenario counted itself (untimed checks). */
  readonly notes?: string[];
  /** Measured turns ÷ the timed seconds of the busiest worker (setup and cleanup excluded). */
  readonly turnsPerSecond: number;
  readonly wallSeconds: number;
  /** process.memoryUsage().rss when the scenario ended, to see which scenario makes the process grow. */
  readonly rssAfterMB: number;
  ratioP50?: number;
  ratioP95?: number;
  target?: { kind: string; p50Ratio: number; pass: boolean };
}

/** Nearest-rank percentile of sorted values. */
const percentile = (sorted: readonly number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
    : NaN;

/** What one part's timed requests gave. */
interface PartSamples {
  readonly latencies: number[];
  /** Timed milliseconds per worker. */
  readonly busyMs: number[];
  readonly statuses: Map<number, number>;
}

async function runTurns(
  env: BenchEnv,
  scenario: Scenario,
  count: number,
  concurrency: number,
  failures: string[],
): Promise<PartSamples[]> {
  const samples: PartSamples[] = scenario.parts.map(() => ({
    latencies: [],
    busyMs: Array.from({ length: concurrency }, () => 0),
    statuses: new Map(),
  }));
  let issued = 0;
  // Failure messages are printed and saved: never with a key, a token or a link in them.
  const fail = (reason: string) => failures.push(redact(reason));
  const worker = async (w: number) => {
    while (issued < count && failures.length < MAX_FAILURES_PER_SCENARIO) {
      issued += 1;
      let prepared: unknown;
      try {
        prepared = scenario.prepare ? await scenario.prepare(env, w) : undefined;
      } catch (error) {
        fail(`setup: ${(error as Error).message}`);
        continue;
      }
      for (const [p, part] of scenario.parts.entries()) {
        const label = partLabel(scenario, part);
        const sample = samples[p]!;
        try {
          const request = part.request(env, prepared, w);
          const reply = await send(request);
          sample.latencies.push(reply.ms);
          sample.busyMs[w]! += reply.ms;
          sample.statuses.set(reply.status, (sample.statuses.get(reply.status) ?? 0) + 1);
          const verdict = part.check(env, reply, request, prepared);
          if (verdict) {
            fail(scenario.parts.length > 1 ? `${part.name}: ${verdict}` : verdict);
            break; // the later parts need this one's card
          }
        } catch (error) {
          fail(`${scenario.parts.length > 1 ? `${label}: ` : ''}request: ${(error as Error).message}`);
          break;
        }
      }
      if (scenario.cleanup) {
        const verdict = await scenario
          .cleanup(env, prepared, w)
          .catch((error: Error) => `cleanup: ${error.message}`);
        if (verdict) fail(verdict);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return samples;
}

/** The scenario's warm-up, then its measured turns: one result per part. */
async function measure(env: BenchEnv, scenario: Scenario, label = scenario.name): Promise<ScenarioResult[]> {
  const concurrency = Math.min(CONCURRENCY, scenario.maxConcurrency ?? Infinity);
  const failures: string[] = [];
  await runTurns(env, scenario, WARMUP, concurrency, failures);
  const warmupFailures = failures.length;
  scenario.report?.reset();
  await startProfile();
  const startedAt = performance.now();
  const samples = await runTurns(env, scenario, TURNS, concurrency, failures);
  const wallSeconds = (performance.now() - startedAt) / 1000;
  await stopProfile(label);
  const notes = scenario.report?.notes();
  const rssAfter = process.memoryUsage.rss();
  sampledMaxRss = Math.max(sampledMaxRss, rssAfter);
  return scenario.parts.map((part, p): ScenarioResult => {
    const { latencies, busyMs, statuses } = samples[p]!;
    const sorted = [...latencies].sort((a, b) => a - b);
    const sum = sorted.reduce((a, b) => a + b, 0);
    const counted = new Map([...(part.countStatuses ?? []).map((code): [number, number] => [code, 0])]);
    for (const [code, n] of statuses) counted.set(code, n);
    return {
      name: part.name ? `${label}: ${part.name}` : label,
      scenario: label,
      bot: scenario.bot,
      describe: part.describe,
      ...(part.baseline ? { baseline: part.baseline } : {}),
      concurrency,
      warmupTurns: WARMUP,
      turns: latencies.length,
      failures: failures.length,
      failureSamples: [
        ...(warmupFailures ? [`${warmupFailures} during warm-up`] : []),
        ...[...new Set(failures)].slice(0, 5),
      ],
      latencyMs: {
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        mean: sorted.length ? sum / sorted.length : NaN,
        min: sorted[0] ?? NaN,
        max: sorted[sorted.length - 1] ?? NaN,
      },
      statuses: Object.fromEntries([...counted].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v])),
      ...(notes?.length ? { notes } : {}),
      turnsPerSecond: latencies.length / (Math.max(...busyMs) / 1000),
      wallSeconds,
      rssAfterMB: rssAfter / MB,
    };
  });
}

/** The scenario's parts with their targets, so that results can be compared with echo. */
const targetOf = (scenario: Scenario, result: ScenarioResult) =>
  scenario.parts.find((part) => partLabel(scenario, part) === result.name)?.target;

/** "302 ×100 · 410 ×0" */
const statusLine = (r: ScenarioResult) =>
  Object.entries(r.statuses)
    .map(([code, n]) => `${code} ×${n}`)
    .join(' · ');

// ── Printing ────────────────────────────────────────────────────────────────────────────────────────────

const f = (n: number | undefined, digits = 2) =>
  n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits);
const ratio = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(2)}×`);

function printScenario(r: ScenarioResult) {
  const rows: Array<[string, string]> = [
    ['turn', r.describe],
    ...(r.baseline ? ([['baseline', r.baseline]] as Array<[string, string]>) : []),
    ['turns', `${r.turns} measured after ${r.warmupTurns} warm-up, concurrency ${r.concurrency}`],
    ['p50 / p95 / p99', `${f(r.latencyMs.p50)} / ${f(r.latencyMs.p95)} / ${f(r.latencyMs.p99)} ms`],
    ['mean / min / max', `${f(r.latencyMs.mean)} / ${f(r.latencyMs.min)} / ${f(r.latencyMs.max)} ms`],
    ['turns/s', f(r.turnsPerSecond, 0)],
    ['vs echo p50 / p95', `${ratio(r.ratioP50)} / ${ratio(r.ratioP95)}`],
    ['HTTP status', statusLine(r)],
    ...(r.notes ?? []).map((note): [string, string] => ['checked', note]),
    ['rss after', `${f(r.rssAfterMB, 1)} MB`],
    ['failures', r.failures ? `${r.failures}: ${r.failureSamples.join(' | ')}` : '0'],
  ];
  if (r.target) rows.push(['target', `p50 ≤ ${r.target.p50Ratio}× echo: ${r.target.pass ? 'PASS' : 'FAIL'}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n── ${r.name} ${'─'.repeat(Math.max(0, 100 - r.name.length))}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

function markdownTable(results: readonly ScenarioResult[]): string {
  const lines = [
    '| Scenario | Bot | p50 ms | p95 ms | p99 ms | turns/s | p50 vs echo | p95 vs echo | Target | Result |',
    '|---|---|--:|--:|--:|--:|--:|--:|---|---|',
  ];
  for (const r of results) {
    const target = r.target ? `p50 ≤ ${r.target.p50Ratio}× echo` : '';
    const result = r.failures ? `${r.failures} failed` : r.target ? (r.target.pass ? 'PASS' : 'FAIL') : '';
    lines.push(
      `| ${r.name} | ${r.bot} | ${f(r.latencyMs.p50)} | ${f(r.latencyMs.p95)} | ${f(r.latencyMs.p99)} | ` +
        `${f(r.turnsPerSecond, 0)} | ${ratio(r.ratioP50)} | ${ratio(r.ratioP95)} | ${target} | ${result} |`,
    );
  }
  return lines.join('\n');
}

// ── Scale: customer-naming turns against help, the reminder pass, start time ─────────────────────────────

interface ReminderPassFigures {
  readonly ms: number;
  /** Subscription rows and download links the pass read. */
  readonly rowsRead: number;
  readonly due: number;
  readonly created: number;
}

interface ScaleReport {
  readonly startMs: number;
  readonly generatedMs: number | null;
  readonly helpP95Ms: number;
  readonly turns: ReadonlyArray<{
    name: string;
    p50Ms: number;
    p95Ms: number;
    p95VsHelp: number;
    pass: boolean;
  }>;
  readonly reminderPass: {
    /** Right after the upgrade every row is at the epoch: passes at now until none is left behind. */
    readonly catchUp: ReminderPassFigures & { readonly passes: number; readonly slowestPassMs: number };
    /** Then passes as the scheduler makes them, at now and later instants. */
    readonly steady: ReadonlyArray<ReminderPassFigures & { readonly at: string }>;
  };
  readonly lines: readonly string[];
}

async function measureScale(
  real: BotInstance,
  results: readonly ScenarioResult[],
  startMs: number,
  generation: { generatedMs: number; generated: boolean } | undefined,
): Promise<ScaleReport> {
  const help = results.find((r) => r.name === 'scale: help');
  if (!help) throw new Error('the scale help scenario did not run');
  const turns = results
    .filter((r) => r.name.startsWith('scale: ') && r.name !== 'scale: help')
    .map((r) => {
      const p95VsHelp = r.latencyMs.p95 / help.latencyMs.p95;
      return {
        name: r.name,
        p50Ms: r.latencyMs.p50,
        p95Ms: r.latencyMs.p95,
        p95VsHelp,
        pass: p95VsHelp <= 2,
      };
    });
  // The reminder pass reads only the subscriptions whose check time has come. Right after the upgrade
  // every row is at the epoch: a catch-up, bounded per pass, repeated until none is left behind. Then
  // passes as the scheduler makes them: at now (nothing new), an hour, six hours and a day later.
  const now = real.deps.clock.now();
  const pass = async (instant: Dayjs) => {
    const began = performance.now();
    const report = await discoverReminders(real.deps, instant);
    return { report, ms: performance.now() - began };
  };
  // The scale data is kept between runs (with the check times the last run left): put every row back to
  // the epoch, as the upgrade's migration does, so the catch-up is measured each time (not timed itself).
  await real.db.prisma.subscription.updateMany({ data: { reminderCheckAt: new Date(0) } });
  // That reset leaves a dead copy of every row (and autovacuum may be off or behind): without a vacuum the
  // page reads walk them, and each run of the bench is slower than the last (a run stopped after 25 minutes).
  await real.db.prisma.$executeRawUnsafe('VACUUM ANALYZE subscriptions');
  await real.db.prisma.$executeRawUnsafe('VACUUM ANALYZE reminders');
  const catchUp = await catchUpPasses(() => pass(now));
  const steady: Array<ReminderPassFigures & { at: string }> = [];
  for (const [label, hours] of [
    ['now', 0],
    ['now+1h', 1],
    ['now+6h', 6],
    ['now+24h', 24],
  ] as const) {
    const { report, ms } = await pass(now.add(hours, 'hour'));
    steady.push({
      at: label,
      ms,
      rowsRead: report.subscriptionRowsRead + report.linkRowsRead,
      due: report.due,
      created: report.created,
    });
  }
  const reminderPass = { catchUp, steady };
  const lines = [
    `start (startBot: migrations check, catalog and demo seed, listen): ${f(startMs, 0)} ms` +
      (generation?.generated ? `; data generated in ${f(generation.generatedMs / 1000, 1)} s before it` : ''),
    `help p95 ${f(help.latencyMs.p95)} ms (p50 ${f(help.latencyMs.p50)} ms)`,
    ...turns.map(
      (t) =>
        `${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: p50 ${f(t.p50Ms)} ms, p95 ${f(t.p95Ms)} ms = ${ratio(t.p95VsHelp)} help p95`,
    ),
    `${catchUp.slowestPassMs < 5000 ? 'PASS' : 'FAIL'}  reminder catch-up after the upgrade (every row at the epoch): ` +
      `${catchUp.passes} passes, ${f(catchUp.ms, 0)} ms in all (slowest pass ${f(catchUp.slowestPassMs, 0)} ms), ` +
      `${catchUp.rowsRead} rows read, ${catchUp.due} due, ${catchUp.created} created`,
    ...steady.map(
      (p) =>
        `${p.ms < 5000 ? 'PASS' : 'FAIL'}  reminder pass at ${p.at}: ${f(p.ms, 0)} ms, ${p.rowsRead} rows read, ` +
        `${p.due} due, ${p.created} created`,
    ),
  ];
  return {
    startMs,
    generatedMs: generation?.generated ? generation.generatedMs : null,
    helpP95Ms: help.latencyMs.p95,
    turns,
    reminderPass,
    lines,
  };
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<number> {
  if (args.flood) return (await import('./flood.js')).runFlood();
  if (args.memory) return (await import('./memory.js')).runMemory(args['database-url']);
  let dataDir: string | undefined;
  let database: DatabaseTarget = { kind: 'memory' };
  let databaseLabel = 'embedded PGlite in memory (database: { kind: "memory" })';
  if (args.db === 'embedded') {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-bench-'));
    database = { kind: 'embedded', dataDir };
    databaseLabel = `embedded PGlite in a temporary DATA_DIR (${dataDir})`;
  } else if (SCALE !== undefined) {
    const url = args['database-url'] ?? DEFAULT_SCALE_URL;
    database = { kind: 'postgres', url };
    databaseLabel =
      `PostgreSQL at ${new URL(url).host}${new URL(url).pathname}, ${SCALE} customers and ` +
      `${SCALE * SUBSCRIPTIONS_PER_CUSTOMER} subscriptions`;
  } else if (args.db === 'postgres') {
    database = { kind: 'postgres', url: args['database-url']! };
    databaseLabel = `PostgreSQL at ${new URL(args['database-url']!).host} (for comparison; not the default)`;
  }

  let connector: BenchConnector | undefined;
  let echo: EchoBot | undefined;
  let real: BotInstance | undefined;
  try {
    const generation =
      SCALE !== undefined && database.kind === 'postgres'
        ? await prepareScaleDatabase(database.url, SCALE, (line) => console.log(`  scale:    ${line}`))
        : undefined;
    connector = await startConnector();
    echo = await startEchoBot();
    const startBegan = performance.now();
    real = await startBot(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        ...BENCH_LIMITS_OFF,
        // At scale the bench times one reminder pass itself, outside the turns.
        ...(SCALE !== undefined ? { REMINDER_INTERVAL_SECONDS: '0' } : {}),
      }),
      { database },
    );
    const startMs = performance.now() - startBegan;
    const rssAtStartMB = process.memoryUsage.rss() / MB;
    const env: BenchEnv = {
      real: { url: real.http.url, endpoint: `${real.http.url}/api/messages`, deps: real.deps },
      echo: { endpoint: echo.endpoint },
      connector,
    };

    const cpus = os.cpus();
    const machine = {
      node: process.version,
      cpu: cpus[0]?.model ?? 'unknown',
      cores: cpus.length,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      loadAverageAtStart: os.loadavg().map((n) => Number(n.toFixed(2))),
    };
    console.log('CSP partner bot — turn latency benchmark');
    console.log(`  node ${machine.node} · ${machine.cpu} · ${machine.cores} cores · ${machine.platform}`);
    console.log(
      `  load average ${machine.loadAverageAtStart.join(' / ')} (1/5/15 min): other processes on the machine ` +
        'widen the tails; the ratios to echo, measured in the same run, are the figures to compare',
    );
    console.log(`  delivery: ${DELIVERY}`);
    console.log(`  database: ${databaseLabel}`);
    console.log(`  client:   global fetch (undici, keep-alive), same for both bots; all in one process`);
    console.log(
      `  rss:      ${f(rssAtStartMB, 1)} MB with both bots and the connector started, before any turn`,
    );
    console.log(
      `  turns:    ${TURNS} measured after ${WARMUP} warm-up per scenario, concurrency ${CONCURRENCY}`,
    );
    if (CONCURRENCY > 1)
      console.log('  note:     the targets are defined for concurrency 1; above it they include queueing');
    if (PROFILE_DIR)
      console.log('  PROFILING: the CPU profiler slows every turn; compare ratios, not absolute times');

    const results: ScenarioResult[] = [];
    const [baseline] = await measure(env, ECHO);
    if (!baseline) throw new Error('the echo scenario has no part');
    printScenario(baseline);
    results.push(baseline);
    const compare = (r: ScenarioResult, target?: Target) => {
      r.ratioP50 = r.latencyMs.p50 / baseline.latencyMs.p50;
      r.ratioP95 = r.latencyMs.p95 / baseline.latencyMs.p95;
      if (target) r.target = { ...target, pass: r.ratioP50 <= target.p50Ratio };
    };
    for (const scenario of chosen) {
      for (const r of await measure(env, scenario)) {
        compare(r, targetOf(scenario, r));
        printScenario(r);
        results.push(r);
      }
    }
    for (const again of await measure(env, ECHO, 'echo (again, drift check)')) {
      compare(again);
      printScenario(again);
      results.push(again);
    }

    let scaleReport: ScaleReport | undefined;
    if (SCALE !== undefined) scaleReport = await measureScale(real, results, startMs, generation);

    const peakRssMB = process.resourceUsage().maxRSS / 1024; // KB on Linux and macOS
    const usage = process.memoryUsage();
    const atEnd = {
      rssMB: usage.rss / MB,
      heapUsedMB: usage.heapUsed / MB,
      heapTotalMB: usage.heapTotal / MB,
      externalMB: usage.external / MB, // includes WebAssembly memories (PGlite's Postgres heap)
      arrayBuffersMB: usage.arrayBuffers / MB,
    };
    const sampledMaxRssMB = Math.max(sampledMaxRss, process.memoryUsage.rss()) / MB;
    const rssPass = peakRssMB <= RSS_LIMIT_MB;
    // A scenario's failures are on each of its parts' rows: count them once per scenario.
    const failures = [...new Map(results.map((r) => [r.scenario, r.failures])).values()].reduce(
      (n, count) => n + count,
      0,
    );
    const targets = [
      ...results
        .filter((r) => r.target)
        .map((r) => ({
          what: `${r.name}: p50 ${f(r.latencyMs.p50)} ms ≤ ${r.target!.p50Ratio}× echo p50 (${f(baseline.latencyMs.p50)} ms)`,
          actual: `${ratio(r.ratioP50)}`,
          pass: r.target!.pass,
        })),
      { what: `peak RSS ≤ ${RSS_LIMIT_MB} MB`, actual: `${f(peakRssMB, 1)} MB`, pass: rssPass },
    ];
    const allPass = targets.every((t) => t.pass);

    console.log('\nTargets (baseline: the first echo run; the second is shown only to make drift visible)');
    for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.what}  → ${t.actual}`);
    console.log(
      `\nMemory: peak RSS ${f(peakRssMB, 1)} MB (process.resourceUsage().maxRSS at the end); ` +
        `sampled max of process.memoryUsage().rss ${f(sampledMaxRssMB, 1)} MB (every 50 ms and after each scenario)`,
    );
    console.log(
      `        at the end: rss ${f(atEnd.rssMB, 1)} MB = V8 heap ${f(atEnd.heapTotalMB, 1)} MB (used ` +
        `${f(atEnd.heapUsedMB, 1)}) + external ${f(atEnd.externalMB, 1)} MB (WebAssembly memories, buffers) + code, ` +
        `stacks and the rest`,
    );
    console.log(`Failures: ${failures}`);
    if (scaleReport) {
      console.log('\nScale (targets: every customer-naming turn p95 ≤ 2× help p95; reminder pass < 5 s)');
      for (const line of scaleReport.lines) console.log(`  ${line}`);
    }
    console.log('\nMarkdown (for the README):\n');
    const md = markdownTable(results);
    console.log(md);
    console.log(
      `\nnode ${machine.node}, ${machine.cpu}, ${machine.cores} cores; ${TURNS} turns after ${WARMUP} warm-up, ` +
        `concurrency ${CONCURRENCY}; ${databaseLabel}; peak RSS ${f(peakRssMB, 1)} MB.`,
    );
    const statusNotes = results
      .filter((r) => r.notes || Object.keys(r.statuses).some((code) => code !== '200'))
      .map(
        (r) =>
          `${r.name}: HTTP ${statusLine(r)} of ${r.turns} measured${r.notes ? `; ${r.notes.join('; ')}` : ''}.`,
      );
    for (const line of statusNotes) console.log(line);

    fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    fs.writeFileSync(
      RESULTS_FILE,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: { ...machine, loadAverageAtEnd: os.loadavg().map((n) => Number(n.toFixed(2))) },
          delivery: DELIVERY,
          database: databaseLabel,
          client: 'global fetch (undici, keep-alive)',
          turns: TURNS,
          warmup: WARMUP,
          concurrency: CONCURRENCY,
          baseline: 'first echo run',
          scenarios: results,
          memory: { rssAtStartMB, peakRssMB, sampledMaxRssMB, atEnd, limitMB: RSS_LIMIT_MB },
          targets,
          failures,
          pass: allPass && failures === 0,
          markdown: md,
          statusNotes,
          ...(scaleReport ? { scale: scaleReport } : {}),
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`\nWrote ${path.relative(process.cwd(), RESULTS_FILE)}`);

    if (failures > 0) return 1;
    if (args.strict && !allPass) return 2;
    return 0;
  } finally {
    await real?.close();
    await echo?.close();
    await connector?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

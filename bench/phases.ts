/**
 * Where a real-bot turn's time goes, by phase: `npx tsx bench/phases.ts [--turns 200] [--warmup 50]`.
 *
 * Runs the real-bot scenarios of bench/scenarios.ts (same activities, same connector, same checks) with
 * instrumentation that would distort `npm run bench`, so it is a separate script:
 *   - the domain's repositories and unit of work (Prisma + PGlite, as the bot calls them) are wrapped on
 *     the live `deps` object, and the union of their busy intervals is the turn's database-layer time;
 *   - PGlite's `execProtocolRawSync` (the synchronous call into the Postgres WebAssembly) is wrapped, giving
 *     the time spent inside Postgres itself and the statements it parsed (decoded from the Parse messages);
 *   - the rest of the turn (HTTP, botbuilder, teams-ai, command parsing, card rendering, the reply POST) is
 *     the latency minus the database layer, shown beside the echo bot's whole turn.
 * Then micro-benchmarks with nothing else running: Prisma's raw query against the same SQL sent to PGlite
 * directly, and the card renderers alone.
 * Only measures; changes nothing outside the process.
 */
import { createLateReplies } from '../src/bot/late-reply.js';
import { BotAdapter } from '../src/bot/bot-adapter.js';
import { createActivityReceiver } from '../src/bot/receive-activity.js';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { CardFactory, MessageFactory } from 'botbuilder';
import restify from 'restify';
import { startBot } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { speechFor } from '../src/bot/i18n.js';
import { createBotApp } from '../src/bot/app.js';
import { createUseCases } from '../src/use-cases.js';
import { adaptForChannel, cardBytes } from '../src/bot/cards.js';
import { helpCard } from '../src/bot/features/help/views.js';
import { subscriptionsCard } from '../src/bot/features/customers/views.js';
import { listSubscriptions } from '../src/domain/customers/list-subscriptions.js';
import type { Actor } from '../src/domain/shared/actor.js';
import type { AllDeps } from '../src/domain/ports/deps.js';
import { createLogger } from '../src/log.js';
import { createServer, listen } from '../src/server.js';
import { textOf } from '../test/support/bot.js';
import { GLOBAL_ADMIN } from '../test/support/staff.js';
import { startConnector } from './connector.js';
import { startEchoBot } from './echo-bot.js';
import {
  BENCH_LIMITS_OFF,
  ECHO,
  SCENARIOS,
  defineScenario,
  messageTurn,
  partLabel,
  redact,
  send,
  type BenchEnv,
  type Scenario,
} from './scenarios.js';

const { values: args } = parseArgs({
  options: { turns: { type: 'string', default: '200' }, warmup: { type: 'string', default: '50' } },
});
const TURNS = Number(args.turns);
const WARMUP = Number(args.warmup);

// ── Instrumentation ─────────────────────────────────────────────────────────────────────────────────────

interface TurnStats {
  dbMs: number;
  wasmMs: number;
  wasmCalls: number;
  statements: number;
  simpleQueries: number;
  calls: Map<string, number>;
  sql: Map<string, number>;
}
const fresh = (): TurnStats => ({
  dbMs: 0,
  wasmMs: 0,
  wasmCalls: 0,
  statements: 0,
  simpleQueries: 0,
  calls: new Map(),
  sql: new Map(),
});
let current: TurnStats | undefined;
let inFlight = 0;
let busySince = 0;
let lastPglite: PGlite | undefined;

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** The SQL of a Parse ('P') message: type, int32 length, statement name\0, query\0, … */
function sqlOfParse(message: Uint8Array): string {
  let at = 5;
  while (at < message.length && message[at] !== 0) at += 1;
  const start = at + 1;
  let end = start;
  while (end < message.length && message[end] !== 0) end += 1;
  return Buffer.from(message.subarray(start, end)).toString('utf8');
}

const proto = PGlite.prototype as unknown as { execProtocolRawSync(message: Uint8Array): Uint8Array };
const original = proto.execProtocolRawSync;
proto.execProtocolRawSync = function (this: PGlite, message: Uint8Array) {
  // The bot's PGlite instance is not exposed; keep it for the micro-benchmarks below.
  // eslint-disable-next-line @typescript-eslint/no-this-alias
  lastPglite = this;
  if (!current) return original.call(this, message);
  const startedAt = performance.now();
  try {
    return original.call(this, message);
  } finally {
    current.wasmMs += performance.now() - startedAt;
    current.wasmCalls += 1;
    if (message[0] === 0x50) {
      current.statements += 1;
      bump(current.sql, sqlOfParse(message).replace(/\s+/g, ' ').slice(0, 140));
    } else if (message[0] === 0x51) {
      current.simpleQueries += 1;
      bump(
        current.sql,
        Buffer.from(message.subarray(5, message.length - 1))
          .toString('utf8')
          .slice(0, 140),
      );
    }
  }
};

/** Times a repository call when it returns a promise; anything synchronous (the clock) is left alone. */
function timed(name: string, call: () => unknown): unknown {
  const first = inFlight++ === 0;
  const startedAt = performance.now();
  if (first) busySince = startedAt;
  const done = () => {
    if (--inFlight === 0 && current) current.dbMs += performance.now() - busySince;
  };
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    done();
    throw error;
  }
  if (!result || typeof (result as Promise<unknown>).then !== 'function') {
    inFlight -= 1;
    return result;
  }
  if (current) bump(current.calls, name);
  return (result as Promise<unknown>).finally(done);
}

function instrument(deps: Record<string, unknown>) {
  for (const [repoName, repo] of Object.entries(deps)) {
    if (!repo || typeof repo !== 'object') continue;
    const record = repo as Record<string, unknown>;
    for (const [method, fn] of Object.entries(record)) {
      if (typeof fn !== 'function') continue;
      const call = fn as (...a: unknown[]) => unknown;
      const label = repoName === 'uow' ? 'uow.run (transaction)' : `${repoName}.${method}`;
      record[method] = (...a: unknown[]) => timed(label, () => call.apply(repo, a));
    }
  }
}

// ── The ladder: the same help card sent by ever more of the real stack ───────────────────────────────────

/** teams-ai's Application on its TeamsAdapter (auth off), replying with a fixed activity: no database. */
async function startTeamsAiBot(reply: ReturnType<typeof MessageFactory.attachment>) {
  const adapter = new TeamsAdapter({});
  const app = new Application({
    adapter,
    removeRecipientMention: false,
    startTypingTimer: false,
    longRunningMessages: false,
  });
  app.activity('message', async (context) => {
    await context.sendActivity(reply);
  });
  const server = restify.createServer({ name: 'bench-teams-ai', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}/api/messages`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server.server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }),
  };
}

/** The real bot's app and server (zod check, teams-ai routes, identify actor, parse, render), with `deps`. */
async function startAppWith(deps: AllDeps) {
  const adapter = new BotAdapter({});
  const log = createLogger('silent');
  const app = createBotApp({
    useCases: createUseCases(deps),
    publicBaseUrl: deps.publicBaseUrl,
    adapter,
    log,
    defaultLocale: 'en',
    authDisabled: true,
    lateReplies: createLateReplies({ adapter, appId: '', noticeAfterMs: 8_000, log }),
    proactive: {
      send: async () => ({ kind: 'no-conversation' }),
      sendCard: async () => ({ kind: 'no-conversation' }),
    },
  });
  const running = await listen(
    createServer({
      receiveActivity: createActivityReceiver({ adapter, app, log, defaultLocale: 'en' }),
      log,
      ping: async () => true,
      download: async () => ({ ok: false, reason: 'unknown' }),
      inspectDownload: async () => ({ ok: false, reason: 'unknown' }),
      exportCsv: async () => undefined,
      relationshipAccepted: async () => 'unknown',
      webhookSecret: undefined,
    }),
    0,
    '127.0.0.1',
  );
  return { endpoint: `${running.url}/api/messages`, close: () => running.close() };
}

/** Any bot answering "help" with the help card (the fixed one, or the real bot's). */
const replyTo = (name: string, endpoint: string): Scenario =>
  defineScenario({
    name,
    bot: 'echo',
    describe: name,
    request: (env) => messageTurn(env, endpoint, 'help'),
    check: (env, reply, turn) => {
      const replies = env.connector.take(turn.activity.id);
      const text = textOf(replies[0]?.attachments?.[0]?.content);
      return reply.status === 200 && replies.length === 1 && text.includes('What I can do for you')
        ? undefined
        : `HTTP ${reply.status}, ${replies.length} replies: ${text.slice(0, 120)}`;
    },
  });

// ── Measuring ───────────────────────────────────────────────────────────────────────────────────────────

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN;
};
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const f = (n: number) => n.toFixed(2);

/** One row of the phases report: a scenario, or one timed part of it. */
interface PartRun {
  readonly label: string;
  readonly latencies: number[];
  readonly turns: TurnStats[];
}

async function measure(env: BenchEnv, scenario: Scenario): Promise<PartRun[]> {
  const runs: PartRun[] = scenario.parts.map((part) => ({
    label: partLabel(scenario, part),
    latencies: [],
    turns: [],
  }));
  for (let i = 0; i < WARMUP + TURNS; i += 1) {
    const prepared = scenario.prepare ? await scenario.prepare(env, 0) : undefined;
    for (const [p, part] of scenario.parts.entries()) {
      const request = part.request(env, prepared, 0);
      const stats = fresh();
      current = stats;
      const reply = await send(request);
      current = undefined;
      const verdict = part.check(env, reply, request, prepared);
      if (verdict) throw new Error(`${runs[p]!.label}: ${redact(verdict)}`);
      if (i >= WARMUP) {
        runs[p]!.latencies.push(reply.ms);
        runs[p]!.turns.push(stats);
      }
    }
    const cleanup = scenario.cleanup ? await scenario.cleanup(env, prepared, 0) : undefined;
    if (cleanup) throw new Error(`${scenario.name}: ${redact(cleanup)}`);
  }
  return runs;
}

async function main() {
  const connector = await startConnector();
  const echo = await startEchoBot();
  const real = await startBot(
    loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...BENCH_LIMITS_OFF }),
    {
      database: { kind: 'memory' },
    },
  );
  try {
    instrument(real.deps as unknown as Record<string, unknown>);
    const env: BenchEnv = {
      real: { url: real.http.url, endpoint: `${real.http.url}/api/messages`, deps: real.deps },
      echo: { endpoint: echo.endpoint },
      connector,
    };
    console.log(
      `Phases per turn (in-memory PGlite; ${TURNS} turns after ${WARMUP} warm-up; medians unless noted)\n`,
    );
    const [baseline] = await measure(env, ECHO);
    const echoP50 = median(baseline!.latencies);
    console.log(`echo bot whole turn: p50 ${f(echoP50)} ms, mean ${f(mean(baseline!.latencies))} ms\n`);

    for (const scenario of SCENARIOS.filter((s) => s.bot === 'real')) {
      for (const { label, latencies, turns } of await measure(env, scenario)) {
        const db = turns.map((t) => t.dbMs);
        const wasm = turns.map((t) => t.wasmMs);
        const rest = turns.map((t, i) => latencies[i]! - t.dbMs);
        const last = turns[turns.length - 1]!;
        console.log(`── ${label}`);
        console.log(`  turn latency           p50 ${f(median(latencies))} ms  mean ${f(mean(latencies))} ms`);
        console.log(
          `  database layer         p50 ${f(median(db))} ms  mean ${f(mean(db))} ms  ` +
            `(repository/uow calls, Prisma + PGlite, wall time)`,
        );
        console.log(
          `    inside Postgres wasm p50 ${f(median(wasm))} ms  mean ${f(mean(wasm))} ms  ` +
            `(${last.wasmCalls} protocol calls, ${last.statements} statements parsed, ${last.simpleQueries} simple queries)`,
        );
        console.log(
          `    Prisma + adapter     p50 ${f(median(turns.map((t) => t.dbMs - t.wasmMs)))} ms (the difference)`,
        );
        console.log(
          `  everything else        p50 ${f(median(rest))} ms  (echo's whole turn: ${f(echoP50)} ms → ` +
            `bot code beyond the echo ≈ ${f(median(rest) - echoP50)} ms)`,
        );
        console.log(`  calls: ${[...last.calls].map(([k, v]) => `${k}×${v}`).join(', ')}`);
        console.log('  SQL of the last turn:');
        for (const [sql, n] of last.sql) console.log(`    ${n}× ${sql}`);
        console.log();
      }
    }

    const s = speechFor('en', null);
    const actor: Actor = {
      aadObjectId: GLOBAL_ADMIN.aadObjectId,
      displayName: GLOBAL_ADMIN.displayName,
      roles: ['global-admin'],
    };
    const card = adaptForChannel(helpCard(s, actor), 'msteams');
    const cardReply = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    const echoCard = await startEchoBot({ reply: cardReply });
    const teamsAi = await startTeamsAiBot(cardReply);
    const graceStaff = (await real.deps.staff.find(GLOBAL_ADMIN.aadObjectId))!;
    const stubbed = await startAppWith({
      ...real.deps,
      staff: { ...real.deps.staff, find: async () => graceStaff, remember: async () => undefined },
    });
    try {
      console.log(
        `Ladder: the help card (${cardBytes(card)} bytes of JSON) through ever more of the stack, p50 / mean ms`,
      );
      const rungs: Array<[string, Scenario]> = [
        ['1 botbuilder echo, text reply', ECHO],
        ['2 botbuilder echo, replying with the help card', replyTo('card', echoCard.endpoint)],
        ['3 teams-ai Application, replying with the help card', replyTo('teams-ai', teamsAi.endpoint)],
        [
          '4 the real app and server, staff.find answered from memory (no DB)',
          replyTo('stub', stubbed.endpoint),
        ],
        ['5 the real bot: help (+ the database)', SCENARIOS.find((x) => x.name === 'help')!],
      ];
      let previous = 0;
      for (const [label, scenario] of rungs) {
        const [{ latencies }] = (await measure(env, scenario)) as [PartRun];
        const p50 = median(latencies);
        console.log(
          `  ${label.padEnd(70)} ${f(p50)} / ${f(mean(latencies))}` +
            (previous ? `   (+${f(p50 - previous)})` : ''),
        );
        previous = p50;
      }
      console.log();
    } finally {
      await echoCard.close();
      await teamsAi.close();
      await stubbed.close();
    }

    // ── Micro-benchmarks, nothing else running ─────────────────────────────────────────────────────────
    const N = 500;
    const time = async (label: string, work: () => unknown) => {
      for (let i = 0; i < 50; i += 1) await work();
      const stats = fresh();
      current = stats;
      const startedAt = performance.now();
      for (let i = 0; i < N; i += 1) await work();
      const ms = (performance.now() - startedAt) / N;
      current = undefined;
      console.log(
        `  ${label.padEnd(58)} ${f(ms)} ms/call  (in Postgres wasm ${f(stats.wasmMs / N)} ms, ` +
          `${(stats.statements / N).toFixed(0)} parsed + ${(stats.simpleQueries / N).toFixed(0)} simple)`,
      );
      return ms;
    };
    console.log(`Micro-benchmarks (${N} calls each, after 50 warm-up)`);
    const grace = GLOBAL_ADMIN.aadObjectId;
    await time('deps.staff.find(Grace) — plain SQL on PGlite (src/db/sql.ts)', () =>
      real.deps.staff.find(grace),
    );
    await time('prisma.$queryRawUnsafe(SELECT 1)', () => real.db.prisma.$queryRawUnsafe('SELECT 1'));
    const pglite = lastPglite!;
    await time('PGlite.query(SELECT 1) directly', () => pglite.query('SELECT 1'));
    await time('PGlite.query(staff + roles by id) directly, same join', () =>
      pglite.query(
        'SELECT s.*, r.role FROM staff s LEFT JOIN staff_roles r ON r."aadObjectId" = s."aadObjectId" WHERE s."aadObjectId" = $1',
        [grace],
      ),
    );
    await time("deps.customers.search('fabrikam', 50)", () => real.deps.customers.search('fabrikam', 50));
    await time('deps.uow.run(empty transaction)', () => real.deps.uow.run(async () => undefined));

    const subs = await listSubscriptions(real.deps, actor, { customer: 'fabrikam' });
    if (!subs.ok) throw new Error('fabrikam not found');
    console.log(
      `
Card rendering alone (views + template binding + JSON.stringify); subscriptions card ` +
        `${cardBytes(subscriptionsCard(s, subs.value, actor))} bytes`,
    );
    await time('helpCard(en, global admin)', () => JSON.stringify(helpCard(s, actor)));
    await time('subscriptionsCard(en, fabrikam)', () =>
      JSON.stringify(subscriptionsCard(s, subs.value, actor)),
    );
  } finally {
    await real.close();
    await echo.close();
    await connector.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

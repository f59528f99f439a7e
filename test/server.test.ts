/**
 * The HTTP server and the process around it: health, the turn-error card and its log line, turn logs,
 * the bootstrap global admin, and a graceful stop on SIGTERM that releases the embedded database.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../src/bot/messages/en.js';
import { createLogger } from '../src/log.js';
import {
  cardsOf,
  executeActivity,
  messageActivity,
  post,
  startTestBot,
  submitActivity,
  textOf,
  type TestBot,
} from './support/bot.js';
import { GLOBAL_ADMIN, SALES_AGENT } from './support/staff.js';
import {
  ROOT,
  buildCompiledBot,
  npmStartArguments,
  startBotProcess,
  type BotProcess,
} from './support/processes.js';

/** A logger whose JSON lines a test can read. */
function collectingLogger(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger(level, stream), lines };
}

const idOf = (activity: object): unknown => (activity as Record<string, unknown>).id;

const getJson = async (url: string) => {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as unknown };
};

describe('GET /healthz', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('answers 200 with the database up', async () => {
    expect(await getJson(`${bot.http.url}/healthz`)).toEqual({
      status: 200,
      body: { status: 'ok', database: 'up' },
    });
  });
});

describe('when the database is gone', () => {
  let bot: TestBot;
  const { log, lines } = collectingLogger('error');

  beforeAll(async () => {
    bot = await startTestBot({ log });
    await bot.db.close();
  });
  afterAll(async () => {
    // The database is already closed; only the HTTP server is left.
    await bot?.http.close();
  });

  it('/healthz answers 503 with the database down', async () => {
    expect(await getJson(`${bot.http.url}/healthz`)).toEqual({
      status: 503,
      body: { status: 'degraded', database: 'down' },
    });
  });

  it('a message gets the turn-error card with a reference, and the log has one line with that reference and the activity id', async () => {
    const activity = messageActivity('whoami', { from: GLOBAL_ADMIN });

    const reply = await post(bot.endpoint, activity);

    expect(reply.status).toBe(200);
    const cards = cardsOf(reply);
    expect(cards).toHaveLength(1);
    const text = textOf(cards[0]);
    expect(text).toContain(en.turnError.title);
    expect(text).toContain(en.turnError.body);
    const reference = /ERR-[0-9A-F]{8}/.exec(text)?.[0];
    expect(reference, text).toBeDefined();

    const logged = lines.filter((line) => line.reference === reference);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ msg: 'turn failed', activityId: idOf(activity), type: 'message' });
    // What went wrong is in the log, never in the reply.
    const internal = (logged[0]!.err as { message?: string; stack?: string } | undefined) ?? {};
    expect(internal.stack).toBeTruthy();
    const body = JSON.stringify(reply.body);
    expect(body).not.toMatch(/\bat .+:\d+:\d+/);
    expect(body).not.toContain('stack');
    if (internal.message) expect(body).not.toContain(internal.message.slice(0, 40));
  });
});

describe('turn logs', () => {
  let bot: TestBot;
  const { log, lines } = collectingLogger('info');

  beforeAll(async () => {
    bot = await startTestBot({ log });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it('carry the activity id of every message, card press and invoke', async () => {
    const activities = [
      messageActivity('whoami', { from: SALES_AGENT }),
      messageActivity('gibberish that parses to nothing', { from: SALES_AGENT }),
      submitActivity({ verb: 'no.such.verb' }, { from: SALES_AGENT }),
      executeActivity('no.such.verb', {}, { from: SALES_AGENT }),
      { ...executeActivity('x', {}, { from: SALES_AGENT }), name: 'composeExtension/query', value: {} },
    ];

    for (const activity of activities) expect((await post(bot.endpoint, activity)).status).toBe(200);

    const turns = lines.filter((line) => line.msg === 'turn');
    expect(turns).toHaveLength(activities.length);
    for (const line of turns) expect(typeof line.activityId).toBe('string');
    expect(turns.map((line) => line.activityId).sort()).toEqual(activities.map(idOf).sort());
    for (const line of turns)
      expect(line).toMatchObject({ type: expect.any(String), what: expect.any(String) });
  });
});

describe('BOOTSTRAP_GLOBAL_ADMIN', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-bootstrap-'));
  const person = { aadObjectId: crypto.randomUUID(), displayName: 'Boot Admin' };
  const env = { BOOTSTRAP_GLOBAL_ADMIN: person.aadObjectId, BOOTSTRAP_GLOBAL_ADMIN_NAME: person.displayName };
  const database = { kind: 'embedded', dataDir } as const;

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const bootstrapEvents = (bot: TestBot) =>
    bot.db.prisma.auditEvent.findMany({ where: { action: 'staff.grant', subjectId: person.aadObjectId } });

  it('R-ROLE-8: makes that person a global admin at start, with an audit event', async () => {
    const bot = await startTestBot({ database, env });
    try {
      const reply = await post(bot.endpoint, messageActivity('whoami', { from: person }));
      const text = textOf(cardsOf(reply)[0]);
      expect(text).toContain('Boot Admin');
      expect(text).toContain(en.roles['global-admin']);

      const events = await bootstrapEvents(bot);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorAadObjectId: null,
        outcome: 'allowed',
        detail: { role: 'global-admin', via: 'BOOTSTRAP_GLOBAL_ADMIN' },
      });
    } finally {
      await bot.close();
    }
  });

  it('R-ROLE-8: starting again with the same setting adds no second event', async () => {
    const bot = await startTestBot({ database, env });
    try {
      expect(await bot.deps.staff.rolesOf(person.aadObjectId)).toEqual(['global-admin']);
      expect(await bootstrapEvents(bot)).toHaveLength(1);
    } finally {
      await bot.close();
    }
  });
});

/** A port nobody listens on right now. */
/**
 * The bot as `npm start` runs it (compiled JavaScript, plain node, source maps), on the embedded database in
 * `dataDir`, no demo data unless asked.
 */
function startBotOn(dataDir: string, extra: Record<string, string> = {}): Promise<BotProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    SEED_DEMO_DATA: 'false',
    ...extra,
  };
  for (const key of ['DATABASE_URL', 'MicrosoftAppId', 'MicrosoftAppPassword', 'BOOTSTRAP_GLOBAL_ADMIN'])
    delete env[key];
  return startBotProcess(env, { compiled: true });
}

const withinMs = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)),
  ]);

describe('npm start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-shutdown-'));
  const started: BotProcess[] = [];

  beforeAll(async () => {
    await buildCompiledBot();
  }, 300_000);

  it('runs the compiled JavaScript with plain node: it finds the migrations and the card templates, and its source maps lead to the TypeScript', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'csp-compiled-'));
    const bot = await startBotOn(other, { SEED_DEMO_DATA: 'true' });
    started.push(bot);
    try {
      expect(await getJson(`${bot.url}/readyz`)).toMatchObject({
        status: 200,
        body: { status: 'ready', checks: { migrations: 'ok' } },
      });
      const reply = await post(`${bot.url}/api/messages`, messageActivity('help', { from: GLOBAL_ADMIN }));
      expect(reply.status).toBe(200);
      expect(textOf(cardsOf(reply)[0])).toContain('What I can do for you');
      expect(bot.child.spawnargs).toEqual([process.execPath, ...npmStartArguments()]);
      const map = JSON.parse(fs.readFileSync(path.join(ROOT, 'build/src/main.js.map'), 'utf8')) as {
        sources: string[];
      };
      expect(map.sources.map((s) => path.resolve(ROOT, 'build/src', s))).toEqual([
        path.join(ROOT, 'src/main.ts'),
      ]);
      const scripts = (
        JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
          scripts: Record<string, string>;
        }
      ).scripts;
      // Plain node on the compiled file, with source maps, and V8's heap capped (README, Operating it).
      expect(scripts.start).toBe(
        'node --enable-source-maps --max-semi-space-size=2 --max-old-space-size=256 build/src/main.js',
      );
      expect(scripts.prestart).toBe('node scripts/build.mjs');
      expect(scripts.postinstall).toContain('node scripts/build.mjs');
    } finally {
      process.kill(bot.child.pid!, 'SIGTERM');
      await bot.exited;
      fs.rmSync(other, { recursive: true, force: true });
    }
  }, 120_000);

  afterAll(async () => {
    for (const bot of started) {
      if (bot.child.exitCode === null && bot.child.signalCode === null && bot.child.pid) {
        process.kill(bot.child.pid, 'SIGKILL');
        await bot.exited;
      }
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops on SIGTERM with exit code 0 within 10 s, logs "stopped" and releases the data directory', async () => {
    const bot = await startBotOn(dataDir);
    started.push(bot);
    const lockPath = path.join(dataDir, 'pglite.lock');
    expect(fs.readFileSync(lockPath, 'utf8').trim()).toBe(String(bot.child.pid));

    process.kill(bot.child.pid!, 'SIGTERM');
    const code = await withinMs(bot.exited, 10_000, 'the stop');

    expect(code, bot.output()).toBe(0);
    const messages = bot
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => (JSON.parse(line) as { msg?: string }).msg);
    expect(messages).toContain('shutting down');
    expect(messages).toContain('stopped');
    expect(fs.existsSync(lockPath)).toBe(false);

    const next = await startBotOn(dataDir);
    started.push(next);
    expect(await getJson(`${next.url}/healthz`)).toEqual({
      status: 200,
      body: { status: 'ok', database: 'up' },
    });
    process.kill(next.child.pid!, 'SIGTERM');
    expect(await withinMs(next.exited, 10_000, 'the second stop')).toBe(0);
  }, 120_000);
});

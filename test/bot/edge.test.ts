/**
 * The edge of /api/messages (src/bot/incoming-activity.ts, receive-activity.ts): one schema for every field
 * the bot reads, applied before routing. Wrong types fall back to defaults or refuse the activity with a
 * fixed 400; text is normalised before it reaches the domain or the database; every invoke is answered,
 * even when the turn and its error handler both fail; parser messages are never echoed.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/bot/messages/en.js';
import { normaliseText, parseIncomingActivity } from '../../src/bot/incoming-activity.js';
import {
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  startTestBot,
  textOf,
  type TestBot,
} from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { GLOBAL_ADMIN } from '../support/staff.js';

const bot = useTestBot();

type Shaped = { conversation: object; from: object };

const errorCardText = /Something went wrong|ERR-[0-9A-F]{8}/;

describe('normalising text', () => {
  it('removes NUL and lone surrogates and keeps everything else, pairs included', () => {
    expect(normaliseText('a\u0000b')).toBe('ab');
    expect(normaliseText('x\uD800y\uDC00z')).toBe('xyz');
    expect(normaliseText('😀 한국어 中文\t\n')).toBe('😀 한국어 中文\t\n');
  });

  it('normalises keys and values at any depth, and refuses nesting Teams never sends', () => {
    const parsed = parseIncomingActivity({
      ...messageActivity('hi\u0000', { from: GLOBAL_ADMIN }),
      value: { 'k\u0000': ['\uDBFFv'] },
    });
    expect(parsed.ok && parsed.activity.text).toBe('hi');
    expect(parsed.ok && parsed.activity.value).toEqual({ k: ['v'] });
    let deep: unknown = 'x';
    for (let i = 0; i < 100; i += 1) deep = [deep];
    expect(parseIncomingActivity({ ...messageActivity('hi', { from: GLOBAL_ADMIN }), value: deep })).toEqual({
      ok: false,
      reason: 'too-deep',
    });
  });
});

describe('fields of the wrong type', () => {
  it('a non-string locale falls back to the default language, for a message and for an invoke', async () => {
    const message = await post(bot.endpoint, {
      ...messageActivity('help', { from: GLOBAL_ADMIN }),
      locale: 42,
    });
    expect(message.status).toBe(200);
    expect(textOf(cardsOf(message)[0])).toContain('What I can do for you');

    const invoke = await post(bot.endpoint, {
      ...executeActivity('subscription.explode', {}, { from: GLOBAL_ADMIN }),
      locale: { tag: 'ko' },
    });
    expect(invoke.status).toBe(200);
    expect(textOf(invokeCardOf(invoke))).toContain('That button is out of date');
  });

  it('a non-string or unknown time zone is dropped: the reply is in UTC and the stored zone is kept', async () => {
    const before = await bot.db.prisma.staff.findUniqueOrThrow({
      where: { aadObjectId: GLOBAL_ADMIN.aadObjectId },
    });
    for (const localTimezone of [{ zone: 'Asia/Seoul' }, 12, 'Mars/Olympus_Mons', 'x'.repeat(5000)]) {
      const reply = await post(bot.endpoint, {
        ...messageActivity('whoami', { from: GLOBAL_ADMIN }),
        localTimezone,
      });
      expect(reply.status).toBe(200);
      expect(textOf(cardsOf(reply)[0])).not.toMatch(errorCardText);
    }
    const after = await bot.db.prisma.staff.findUniqueOrThrow({
      where: { aadObjectId: GLOBAL_ADMIN.aadObjectId },
    });
    expect(after.timeZone).toBe(before.timeZone);
  });

  it('a numeric conversation type is dropped (not a personal chat), never an error', async () => {
    const activity = messageActivity('help', { from: GLOBAL_ADMIN }) as unknown as Shaped;
    const reply = await post(bot.endpoint, {
      ...activity,
      conversation: { ...activity.conversation, conversationType: 7 },
    });
    expect(reply.status).toBe(200);
    expect(textOf(cardsOf(reply)[0])).toContain('What I can do for you');
  });

  it.each([
    ['a numeric recipient', { recipient: 5 }],
    ['a numeric from', { from: 12 }],
    ['a conversation without an id', { conversation: { conversationType: 'personal' } }],
    ['a service URL that is not one', { serviceUrl: 'javascript:alert(1)' }],
    ['a type that is an object', { type: { $ne: null } }],
  ])('%s refuses the activity with 400 and the fixed body', async (_name, change) => {
    const reply = await post(bot.endpoint, { ...messageActivity('help', { from: GLOBAL_ADMIN }), ...change });
    expect(reply).toEqual({ status: 400, body: { error: 'The body is not a Bot Framework activity.' } });
  });

  it('an unknown route or method gets a fixed body that quotes nothing of the request', async () => {
    const unknown = await fetch(`${bot.http.url}/SECRET-ECHO-path`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe(JSON.stringify({ error: 'not found' }));
    const method = await fetch(`${bot.http.url}/api/messages?SECRET-ECHO`, { method: 'PUT' });
    expect(method.status).toBeLessThan(500);
    expect(await method.text()).not.toContain('SECRET-ECHO');
  });

  it('malformed JSON is a 400 with a fixed body that quotes nothing of what was sent', async () => {
    const reply = await post(bot.endpoint, undefined, '{"type": "message", "text": "SECRET-ECHO');
    expect(reply).toEqual({ status: 400, body: { error: 'The body is not valid.' } });
  });
});

describe('text that PostgreSQL would refuse', () => {
  it('NUL and lone surrogates in names and text reach neither the reply as an error nor the database', async () => {
    const activity = messageActivity('who\u0000ami\uD800', { from: GLOBAL_ADMIN }) as unknown as Shaped;
    const reply = await post(bot.endpoint, {
      ...activity,
      from: { ...activity.from, name: 'Grace\u0000 Kim\uDC00' },
    });
    expect(reply.status).toBe(200);
    const text = textOf(cardsOf(reply)[0]);
    expect(text).not.toMatch(errorCardText);
    const stored = await bot.db.prisma.staff.findUniqueOrThrow({
      where: { aadObjectId: GLOBAL_ADMIN.aadObjectId },
    });
    expect(stored.displayName).toBe('Grace Kim');
  });
});

describe('when the turn and its error handler both fail', () => {
  let failing: TestBot;
  const logged: string[] = [];
  beforeAll(async () => {
    // The database is closed (every turn fails) and logging the failure throws (the handler fails too).
    const log = pino(
      {
        level: 'info',
        hooks: {
          logMethod(args, method) {
            if (args.includes('turn failed')) throw new Error('the log is down');
            return method.apply(this, args);
          },
        },
      },
      { write: (line: string) => void logged.push(line) },
    );
    failing = await startTestBot({ log });
    await failing.db.close();
  });
  afterAll(async () => {
    await failing?.http.close();
  });

  it('an invoke still gets an invoke response with a reference, status 200', async () => {
    const reply = await post(
      failing.endpoint,
      executeActivity('customer.search.start', {}, { from: GLOBAL_ADMIN }),
    );
    expect(reply.status).toBe(200);
    const text = textOf(invokeCardOf(reply));
    expect(text).toContain(en.turnError.title);
    const reference = /ERR-[0-9A-F]{8}/.exec(text)?.[0];
    expect(reference).toBeDefined();
    // Answered by the edge's fallback, not by the (failed) error handler.
    expect(logged.some((line) => line.includes('turn failed twice') && line.includes(reference!))).toBe(true);
  });

  it('a message is answered 200, without internal text', async () => {
    const reply = await post(failing.endpoint, messageActivity('help', { from: GLOBAL_ADMIN }));
    expect(reply.status).toBe(200);
    expect(JSON.stringify(reply.body ?? '')).not.toMatch(/log is down|Prisma|\bat .+:\d+/);
  });
});

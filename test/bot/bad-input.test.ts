/**
 * Nothing a user sends produces an HTTP 500 or a stack trace: bad input gets a helpful reply and changes
 * no data.
 */
import { describe, expect, it } from 'vitest';
import {
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  submitActivity,
  textOf,
} from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { GLOBAL_ADMIN } from '../support/staff.js';

const bot = useTestBot();

/** Everything users could change, to prove a bad request changed none of it. */
const snapshot = async () => {
  const p = bot.db.prisma;
  return JSON.stringify({
    roles: await p.staffRole.findMany({ orderBy: [{ aadObjectId: 'asc' }, { role: 'asc' }] }),
    pending: await p.pendingAction.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true } }),
    subscriptions: await p.subscription.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, status: true, version: true },
    }),
    orders: await p.order.count(),
  });
};

const noStackTrace = (text: string) => {
  expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/);
  expect(text).not.toMatch(/TypeError|ReferenceError|Prisma|stack/i);
};

describe('typed messages', () => {
  it.each([
    ['empty text', '', 'Type a command'],
    ['only spaces and a mention', '  <at>CSP Partner Assistant</at>  ', 'Type a command'],
    ['an unknown command', 'frobnicate everything', "I don't know “frobnicate”"],
    ['a misspelt command', 'custmers contoso', 'Did you mean “customers”?'],
    ['a command without its argument', 'subscriptions', 'for example: subscriptions fabrikam'],
    ['a grant without a role', 'grant Ada Wong', "I didn't find a role at the end of “Ada Wong”"],
    ['100 KB of text', 'x'.repeat(100 * 1024), 'That message is too long'],
    [
      'a customer query of odd characters',
      "customers '; DROP TABLE customers; --",
      "I couldn't find a customer",
    ],
  ])('%s gets a helpful reply, not an error', async (_name, text, expected) => {
    const before = await snapshot();
    const reply = await post(bot.endpoint, messageActivity(text, { from: GLOBAL_ADMIN }));
    expect(reply.status).toBe(200);
    const card = cardsOf(reply)[0]!;
    expect(textOf(card)).toContain(expected);
    noStackTrace(JSON.stringify(reply.body));
    expect(await snapshot()).toBe(before);
  });

  it('a message whose value is null and text missing is treated as empty', async () => {
    const activity = { ...messageActivity('', { from: GLOBAL_ADMIN }), text: undefined, value: null };
    const reply = await post(bot.endpoint, activity);
    expect(reply.status).toBe(200);
    expect(textOf(cardsOf(reply)[0])).toContain('Type a command');
  });

  it('a body that is not JSON is a 400, not a 500', async () => {
    const reply = await post(bot.endpoint, undefined, '{"type": "message", "text": ');
    expect(reply.status).toBe(400);
  });

  it('a JSON body that is not an activity is refused without a 500', async () => {
    const reply = await post(bot.endpoint, { hello: 'world' });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
  });
});

describe('card payloads', () => {
  const invoke = async (verb: unknown, data: unknown) => {
    const activity = executeActivity('x', {}, { from: GLOBAL_ADMIN });
    const reply = await post(bot.endpoint, {
      ...activity,
      value: { action: { type: 'Action.Execute', verb, data } },
    });
    expect(reply.status).toBe(200);
    noStackTrace(JSON.stringify(reply.body));
    return invokeCardOf(reply);
  };

  it.each([
    ['an unknown verb', 'subscription.explode', { id: 'x' }],
    ['a missing verb', undefined, {}],
    ['a confirmation id of the wrong shape', 'staff.grant.confirm', { pendingId: '../../etc/passwd' }],
    ['a number where an id belongs', 'customer.subscriptions', { customerId: 42 }],
    ['data that is a string', 'customer.orders', 'cus-contoso'],
    ['a page that is no page number', 'customer.orders', { customerId: 'cus-contoso', page: -1 }],
    ['an unknown role', 'staff.grant.pick', { aadObjectId: GLOBAL_ADMIN.aadObjectId, role: 'emperor' }],
    ['a discard naming a made-up action', 'pending.discard', { pendingId: 'A'.repeat(22), action: 'root' }],
  ])('%s gets a card saying the button is out of date, and no change', async (_name, verb, data) => {
    const before = await snapshot();
    expect(textOf(await invoke(verb, data))).toContain('That button is out of date');
    expect(await snapshot()).toBe(before);
  });

  it('a well-formed but unknown confirmation id is refused and changes nothing', async () => {
    const before = await snapshot();
    const card = await invoke('staff.grant.confirm', { pendingId: 'AAAAAAAAAAAAAAAAAAAAAA' });
    expect(textOf(card)).toContain("That confirmation doesn't exist");
    expect(await snapshot()).toBe(before);
  });

  it('a confirmation id used with another action’s button is refused', async () => {
    const preview = cardsOf(
      await post(bot.endpoint, messageActivity('grant Ada Wong sales-agent', { from: GLOBAL_ADMIN })),
    )[0]!;
    const pendingId = /"pendingId":"([A-Za-z0-9_-]{22})"/.exec(JSON.stringify(preview))![1];
    const before = await snapshot();
    const card = await invoke('staff.revoke.confirm', { pendingId });
    expect(textOf(card)).toContain("That confirmation doesn't exist");
    expect(await snapshot()).toBe(before);
  });

  it('an adaptiveCard/action invoke without an action gets a card, not an error status', async () => {
    const activity = executeActivity('x', {}, { from: GLOBAL_ADMIN });
    const reply = await post(bot.endpoint, { ...activity, value: { nonsense: true } });
    expect(reply.status).toBe(200);
    expect(textOf(invokeCardOf(reply))).toContain('That button is out of date');
  });

  it('an invoke the bot does not handle is answered 200 with nothing', async () => {
    const activity = executeActivity('x', {}, { from: GLOBAL_ADMIN });
    const reply = await post(bot.endpoint, { ...activity, name: 'composeExtension/query', value: {} });
    expect(reply.status).toBe(200);
  });

  it('an Action.Submit with junk is answered with a card', async () => {
    const reply = await post(
      bot.endpoint,
      submitActivity({ verb: ['array'], pendingId: { $gt: '' } }, { from: GLOBAL_ADMIN }),
    );
    expect(reply.status).toBe(200);
    expect(textOf(cardsOf(reply)[0])).toContain('That button is out of date');
  });
});

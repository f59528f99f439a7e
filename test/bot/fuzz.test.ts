/**
 * A seeded fuzz of /api/messages: 3,000 activities (typed commands and garbage, Action.Submit and
 * Action.Execute with every card verb, other invokes, installs, wrong types, huge and broken text, real and
 * forged pending ids, strangers, other tenants) from a fixed seed, so a failure replays exactly.
 * Afterwards: no 5xx, no error card (in any answer or anything sent to the connector), no change to a
 * business table, no new staff row or role, and every new pending action and audit row explained by an
 * allowed action of a staff member (or, for audit rows, a refusal).
 *
 * The only inputs that could change business data are confirmations of real pending actions by their
 * initiator; the fuzz presses the real ids it was given only as someone else or from another tenant, and
 * leaves `invite` (which records a request at once) out of its typed commands.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_TENANT_ID } from '../../prisma/seed/staff.js';
import { VERBS } from '../../src/bot/card-actions.js';
import { en } from '../../src/bot/messages/en.js';
import { ko } from '../../src/bot/messages/ko.js';
import { zh } from '../../src/bot/messages/zh.js';
import { ACTIONS, can, type Action, type Role } from '../../src/domain/shared/roles.js';
import { cardsOf, messageActivity, post } from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { GLOBAL_ADMIN, NOBODY, SALES_AGENT, type TestPerson } from '../support/staff.js';
import { seededRandom } from '../support/random.js';

const SEED = 0x13_f00d;
const COUNT = 3000;
const CONCURRENCY = 4;

const FOREIGN_TENANT = 'ffffffff-0000-4000-8000-00000000000f';

const bot = useTestBot({ env: { ALLOWED_TENANT_IDS: DEMO_TENANT_ID } });

/** Deterministic choices from one seed (mulberry32), so a failing run can be replayed. */
function prng(seed: number) {
  const next = seededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

type Rng = ReturnType<typeof prng>;

const COMMANDS = [
  'help',
  'whoami',
  'customers contoso',
  'customers WOODGROVE',
  'subscriptions fabrikam',
  'orders northwind',
  'software fabrikam',
  'suspend contoso Exchange',
  'reactivate contoso Exchange',
  'cancel contoso Exchange because testing',
  'autorenew contoso Exchange off',
  'licenses contoso Exchange 25',
  'buy 10 Microsoft 365 E3 for contoso monthly',
  'key ORD-2001',
  'key Office LTSC for fabrikam',
  'cancel order ORD-2001',
  'activity',
  'activity from 2026-01-01 to 2026-12-31 fabrikam',
  'support request ORD-2001',
  'support requests',
  'reminders',
  'reminders off',
  'reminders digest on',
  'staff',
  'grant Nora Jung sales-agent',
  'grant Ada Wong sales-agent',
  'revoke Sam Chen sales-agent',
  'revoke Grace Kim global-admin',
  '도움말',
  '고객 contoso',
  '帮助',
  '订阅 fabrikam',
];

/** Text a client could send, valid or not. */
function randomText(r: Rng): string {
  const alphabet = [
    'a',
    'Z',
    ' ',
    '\u0000',
    '\uD800',
    '\uDFFF',
    '😀',
    '한',
    '中',
    '\u202e',
    '\u200b',
    '=',
    '"',
    "'",
    '<at>',
    '\n',
    '\\',
    '%',
    '$',
    '{',
  ];
  const length = r.chance(0.05) ? 50_000 + r.int(150_000) : r.int(200);
  let out = '';
  for (let i = 0; i < length; i += 1) out += r.pick(alphabet);
  return out;
}

function randomValue(r: Rng, depth = 0): unknown {
  switch (r.int(depth > 3 ? 6 : 9)) {
    case 0:
      return null;
    case 1:
      return r.int(1_000_000) - 500_000;
    case 2:
      return r.chance(0.5);
    case 3:
      return randomText(r);
    case 4:
      return crypto.randomBytes(16).toString('base64url').slice(0, 22);
    case 5:
      return r.pick(['', 'SUB-x', 'ORD-2001', 'cus-contoso', '../../etc/passwd', "' OR 1=1 --", 'NaN']);
    case 6:
      return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1));
    case 7:
      return { $gt: '', nested: randomValue(r, depth + 1) };
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(4) }, () => [
          r.pick(['pendingId', 'customerId', 'orderId', 'role', 'aadObjectId', 'reason', 'quantity', 'x']),
          randomValue(r, depth + 1),
        ]),
      );
  }
}

interface Person {
  readonly person: TestPerson | null;
  readonly tenant: string | null | 'conflict';
}

const strangers: TestPerson[] = Array.from({ length: 6 }, (_, i) => ({
  aadObjectId: `00000000-0000-4000-8000-0000000f${String(i).padStart(4, '0')}`,
  displayName: `Stranger ${i}`,
}));
const staff: TestPerson[] = DEMO_STAFF.map((s) => ({
  aadObjectId: s.aadObjectId,
  displayName: s.displayName,
}));

function randomPerson(r: Rng): Person {
  const person = r.chance(0.7)
    ? r.pick(staff)
    : r.chance(0.5)
      ? r.pick(strangers)
      : r.chance(0.5)
        ? NOBODY
        : null;
  const tenant = r.chance(0.75)
    ? DEMO_TENANT_ID
    : r.pick([FOREIGN_TENANT, null, 'conflict', crypto.randomUUID()] as const);
  return { person, tenant };
}

/** Real pending ids (made before the fuzz) with their initiators. */
interface RealPending {
  readonly id: string;
  readonly initiator: string;
}

function buildActivity(r: Rng, serviceUrl: string, real: readonly RealPending[]): Record<string, unknown> {
  const who = randomPerson(r);
  const channelId = r.pick(['msteams', 'msteams', 'msteams', 'emulator', 'webchat'] as const);
  const conversationType = r.pick(['personal', 'personal', 'groupChat', 'channel'] as const);
  const base = messageActivity('', {
    from: who.person,
    channelId,
    conversationType,
    serviceUrl,
    locale: r.pick(['en-US', 'ko-KR', 'zh-CN', 'fr-FR', '']),
    tenantId: who.tenant === 'conflict' ? DEMO_TENANT_ID : who.tenant,
    expectReplies: r.chance(0.7),
  }) as Record<string, unknown>;
  if (who.tenant === 'conflict')
    base.conversation = { ...(base.conversation as object), tenantId: FOREIGN_TENANT };

  const kind = r.int(10);
  let activity: Record<string, unknown>;
  if (kind <= 2) {
    activity = { ...base, type: 'message', text: r.chance(0.6) ? r.pick(COMMANDS) : randomText(r) };
  } else if (kind <= 6) {
    // A card press: every verb, with real ids (as someone else, or from elsewhere), forged ids or junk.
    const verb = r.chance(0.9) ? r.pick(Object.values(VERBS)) : randomValue(r);
    let data: unknown = randomValue(r);
    const usable = real.filter(
      (p) => p.initiator !== who.person?.aadObjectId || who.tenant !== DEMO_TENANT_ID,
    );
    if (r.chance(0.4) && usable.length > 0)
      data = { pendingId: r.pick(usable).id, ...(r.chance(0.5) ? { acknowledged: true } : {}) };
    else if (r.chance(0.3)) data = { pendingId: crypto.randomBytes(16).toString('base64url') };
    if (kind <= 4)
      activity = {
        ...base,
        type: 'invoke',
        name: 'adaptiveCard/action',
        deliveryMode: undefined,
        value: r.chance(0.95) ? { action: { type: 'Action.Execute', verb, data } } : randomValue(r),
      };
    else
      activity = {
        ...base,
        type: 'message',
        text: undefined,
        value:
          data && typeof data === 'object' && !Array.isArray(data) ? { ...(data as object), verb } : data,
      };
  } else if (kind === 7) {
    activity = {
      ...base,
      type: 'invoke',
      name: r.pick([
        'composeExtension/query',
        'task/fetch',
        'signin/verifyState',
        'application/search',
        randomText(r).slice(0, 40),
      ]),
      value: randomValue(r),
    };
  } else if (kind === 8) {
    activity = {
      ...base,
      type: 'conversationUpdate',
      membersAdded: r.chance(0.5) ? [{ id: '28:csp-bot' }] : randomValue(r),
    };
  } else {
    // Wrong types anywhere the bot reads.
    activity = {
      ...base,
      type: r.pick(['message', 'message', 'invoke', 'event', 'typing', 'messageReaction']),
    };
    const field = r.pick([
      'locale',
      'localTimezone',
      'text',
      'value',
      'from',
      'recipient',
      'conversation',
      'channelData',
      'serviceUrl',
      'name',
      'type',
      'id',
    ]);
    if (field === 'from')
      activity.from = { ...(base.from as object), name: randomValue(r), aadObjectId: randomValue(r) };
    else if (field === 'conversation')
      activity.conversation = {
        ...(base.conversation as object),
        conversationType: randomValue(r),
        isGroup: randomValue(r),
      };
    else activity[field] = randomValue(r);
  }
  return activity;
}

const ERROR_TEXTS = [en.turnError.title, ko.turnError.title, zh.turnError.title, 'ERR-'];

const BUSINESS = async () => {
  const p = bot.db.prisma;
  return JSON.stringify({
    customers: await p.customer.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, relationship: true },
    }),
    subscriptions: await p.subscription.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, status: true, quantity: true, autoRenew: true, version: true, cancelAt: true },
    }),
    orders: await p.order.findMany({ orderBy: { id: 'asc' }, select: { id: true, status: true } }),
    orderLines: await p.orderLine.count(),
    keys: await p.productKey.count(),
    links: await p.downloadLink.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, downloadCount: true },
    }),
    support: await p.supportRequest.count(),
    relationships: await p.resellerRelationshipRequest.count(),
    roles: await p.staffRole.findMany({ orderBy: [{ aadObjectId: 'asc' }, { role: 'asc' }] }),
  });
};

describe('a seeded fuzz of /api/messages', () => {
  it(`${COUNT} activities: no 5xx, no error card, no business change, growth only where allowed`, async () => {
    const p = bot.db.prisma;
    // Real pending actions to press with (as someone else, or from another tenant).
    const real: RealPending[] = [];
    for (const [who, text] of [
      [GLOBAL_ADMIN, 'grant Ada Wong sales-agent'],
      [GLOBAL_ADMIN, 'revoke Sam Chen sales-agent'],
      [SALES_AGENT, 'buy 7 Microsoft 365 E3 for contoso ltd monthly'],
    ] as const) {
      const card = cardsOf(await post(bot.endpoint, messageActivity(text, { from: who })))[0];
      const id = /"(?:pendingId|cartId)":"([A-Za-z0-9_-]{22})"/.exec(JSON.stringify(card))?.[1];
      expect(id, text).toBeDefined();
      real.push({ id: id!, initiator: who.aadObjectId });
    }

    const business = await BUSINESS();
    const staffBefore = (await p.staff.findMany({ select: { aadObjectId: true } }))
      .map((s) => s.aadObjectId)
      .sort();
    const pendingBefore = new Set(
      (await p.pendingAction.findMany({ select: { id: true } })).map((x) => x.id),
    );
    const auditBefore = await p.auditEvent.count();
    const connectorBefore = bot.connector.received.length;

    const r = prng(SEED);
    const activities = Array.from({ length: COUNT }, () => buildActivity(r, bot.connector.serviceUrl, real));
    const statuses = new Map<number, number>();
    const errorAnswers: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < activities.length) {
          const index = next++;
          const reply = await post(bot.endpoint, activities[index]);
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          const body = JSON.stringify(reply.body ?? '');
          if (reply.status >= 500 || ERROR_TEXTS.some((text) => body.includes(text)))
            errorAnswers.push(`#${index} ${reply.status} ${body.slice(0, 200)}`);
        }
      }),
    );

    // Nothing broke.
    expect(errorAnswers).toEqual([]);
    expect([...statuses.keys()].every((status) => status === 200 || status === 400)).toBe(true);
    expect(statuses.get(200)).toBeGreaterThan(COUNT / 2);
    const sent = JSON.stringify(bot.connector.received.slice(connectorBefore));
    for (const text of ERROR_TEXTS) expect(sent).not.toContain(text);

    // Nothing changed that only a confirmed action could change.
    expect(await BUSINESS()).toBe(business);
    const staffAfter = (await p.staff.findMany({ select: { aadObjectId: true } }))
      .map((s) => s.aadObjectId)
      .sort();
    expect(staffAfter).toEqual(staffBefore);

    // Every new pending action was started by a staff member allowed to start it.
    const rolesOf = new Map<string, Role[]>();
    for (const row of await p.staffRole.findMany())
      rolesOf.set(row.aadObjectId, [...(rolesOf.get(row.aadObjectId) ?? []), row.role as Role]);
    const newPending = (await p.pendingAction.findMany()).filter((x) => !pendingBefore.has(x.id));
    for (const pending of newPending) {
      const roles = rolesOf.get(pending.initiatorAadObjectId) ?? [];
      const allowed = (ACTIONS as string[]).includes(pending.action)
        ? can(roles, pending.action as Action)
        : roles.length > 0;
      expect(allowed, `${pending.action} by ${pending.initiatorAadObjectId}`).toBe(true);
    }
    // Every new audit row is a refusal, or an allowed action of a staff member who may do it.
    const newAudit = await p.auditEvent.findMany({ orderBy: { id: 'asc' }, skip: auditBefore });
    for (const row of newAudit) {
      if (row.outcome !== 'allowed') continue;
      const roles = rolesOf.get(row.actorAadObjectId ?? '') ?? [];
      expect(roles.length, `${row.action} by ${row.actorAadObjectId}`).toBeGreaterThan(0);
    }
    // The real pending actions are untouched.
    for (const pending of real)
      expect((await p.pendingAction.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe('pending');
  }, 600_000);
});

/**
 * Reseller relationships end to end (R-ROLE-6, R-REL-1..3): `invite <customer>` through /api/messages in
 * English and Korean, the acceptance webhook (POST /relationships/<id>/accepted with the shared secret),
 * the proactive message to the person who asked (captured by a local connector playing the serviceUrl),
 * and buying for the customer before and after it accepts. Tests that are not about the seeded prospects
 * (Lamna Healthcare, Humongous Insurance, Blue Yonder Airlines) make prospects of their own.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movableClock } from '../../src/domain/shared/time.js';
import {
  buttonsOf,
  cardsOf,
  messageActivity,
  post,
  startLocalConnector,
  startTestBot,
  textOf,
  type ActivityOptions,
  type Card,
  type LocalConnector,
  type TestBot,
} from '../support/bot.js';
import {
  ADMIN_AGENT,
  BILLING_ADMIN,
  GLOBAL_ADMIN,
  SALES_AGENT,
  staffWithRole,
  type TestPerson,
} from '../support/staff.js';

const START = '2026-11-21T09:00:00Z';
const PARTNER_ID = 'partner-test-4711';
const SECRET = 'relationship-webhook-secret-0123456789';

const ACCOUNT_ADMIN = staffWithRole('account-admin'); // Adam Park, no language of his own: English
const HELPDESK = staffWithRole('helpdesk-agent');
const KOREAN = { locale: 'ko-KR', timeZone: 'Asia/Seoul' } as const;

const clock = movableClock(START);
let bot: TestBot;
let connector: LocalConnector;

beforeAll(async () => {
  connector = await startLocalConnector();
  bot = await startTestBot({
    clock,
    env: { PARTNER_ID, RELATIONSHIP_WEBHOOK_SECRET: SECRET, REMINDER_INTERVAL_SECONDS: '0' },
  });
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

type Options = Omit<ActivityOptions, 'from'>;

/** Says `text` in the person's one-to-one chat (whose serviceUrl is the local connector): the one reply card. */
const say = async (text: string, from: TestPerson, options: Options = {}): Promise<Card> => {
  const reply = await post(
    bot.endpoint,
    messageActivity(text, { from, serviceUrl: connector.serviceUrl, ...options }),
  );
  expect(reply.status).toBe(200);
  const cards = cardsOf(reply);
  expect(cards).toHaveLength(1);
  return cards[0]!;
};

/** POST /relationships/<id>/accepted with the given headers. */
const accept = async (
  id: string,
  headers: Record<string, string> = { authorization: `Bearer ${SECRET}` },
) => {
  const response = await fetch(`${bot.http.url}/relationships/${encodeURIComponent(id)}/accepted`, {
    method: 'POST',
    headers,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
};

/** The cards the bot sent of its own accord to the person's one-to-one chat. */
const proactiveTo = (person: TestPerson): Card[] =>
  connector.received
    .filter((r) => decodeURIComponent(r.path).includes(`/conversations/personal:${person.aadObjectId}/`))
    .flatMap((r) => ((r.activity.attachments ?? []) as Array<{ content: Card }>).map((a) => a.content));

const requestsFor = (customerId: string) =>
  bot.db.prisma.resellerRelationshipRequest.findMany({
    where: { customerId },
    orderBy: { createdAt: 'asc' },
  });

const relationshipOf = async (customerId: string) =>
  (await bot.db.prisma.customer.findUniqueOrThrow({ where: { id: customerId } })).relationship;

/** Resolves when the first message the bot sends of its own accord to the person's chat arrives. */
const firstProactiveTo = (person: TestPerson) =>
  connector.waitFor((r) =>
    decodeURIComponent(r.path).includes(`/conversations/personal:${person.aadObjectId}/`),
  );

const NAMES = [
  'Alder',
  'Birch',
  'Cedar',
  'Dogwood',
  'Elm',
  'Fir',
  'Ginkgo',
  'Hazel',
  'Juniper',
  'Larch',
  'Maple',
  'Nutmeg',
  'Olive',
  'Poplar',
  'Quince',
  'Rowan',
  'Spruce',
  'Tamarind',
  'Umbrella',
  'Willow',
];
let prospects = 0;

/** A customer of another partner, in the partner's region (APAC) unless told. */
async function givenProspect(
  overrides: { preferredLanguage?: string | null; tenantRegion?: string; billingCountry?: string } = {},
) {
  const name = NAMES[prospects++]!;
  const customer = {
    id: `cus-prospect-${name.toLowerCase()}`,
    companyName: `${name} Dental Clinics`,
    primaryDomain: `${name.toLowerCase()}dental.onmicrosoft.com`,
    tenantId: crypto.randomUUID(),
    billingCountry: overrides.billingCountry ?? 'SG',
    segment: 'commercial',
    tenantRegion: overrides.tenantRegion ?? 'APAC',
    preferredLanguage: overrides.preferredLanguage ?? null,
    accountCreatedAt: new Date('2024-01-08T00:00:00Z'),
    firstBillingPeriodStartAt: new Date('2024-01-08T00:00:00Z'),
    relationship: 'prospect',
  };
  await bot.db.prisma.customer.create({ data: customer });
  return customer;
}

const advice = {
  en: [
    'When they accept:',
    'Provision the same offers the customer already has: nothing is reassigned and no data is lost.',
    'Let their old subscriptions run to their natural expiry: cancelled ones are not refunded.',
  ],
  ko: [
    '고객이 수락하면:',
    '고객이 이미 가진 것과 같은 제품을 프로비전하세요. 라이선스를 다시 할당하지 않으며 데이터 손실도 없습니다.',
    '기존 구독은 자연 만료될 때까지 두세요. 취소한 구독은 환불되지 않습니다.',
  ],
};

// ---- who may ask ----

describe('who may request a reseller relationship (R-ROLE-6)', () => {
  it.each([
    ['account-admin', ACCOUNT_ADMIN],
    ['sales-agent', SALES_AGENT],
    ['billing-admin', BILLING_ADMIN],
  ])('R-ROLE-6: a %s may invite a customer and gets the invitation card', async (_role, person) => {
    const prospect = await givenProspect();
    const card = await say(`invite ${prospect.companyName}`, person);
    expect(textOf(card)).toContain(`Reseller relationship invitation: ${prospect.companyName}`);
    expect(await requestsFor(prospect.id)).toMatchObject([
      { status: 'pending', requestedByAadObjectId: person.aadObjectId },
    ]);
  });

  it.each([
    ['admin-agent', ADMIN_AGENT],
    ['helpdesk-agent', HELPDESK],
    ['global-admin', GLOBAL_ADMIN],
  ])(
    'R-ROLE-6, R-ROLE-10: a %s is refused before the customer is looked up, and nothing is stored',
    async (_role, person) => {
      const prospect = await givenProspect();
      const card = await say(`invite ${prospect.primaryDomain}`, person);
      const shown = textOf(card);
      expect(shown).toContain("You can't request reseller relationships");
      expect(shown).toContain('Account admin');
      expect(shown).not.toContain(prospect.companyName);
      expect(shown).not.toContain('admin.microsoft.com');
      expect(await requestsFor(prospect.id)).toEqual([]);
      expect(await relationshipOf(prospect.id)).toBe('prospect');
      const denied = await bot.db.prisma.auditEvent.findFirst({
        where: { action: 'relationship.request', outcome: 'denied', actorAadObjectId: person.aadObjectId },
        orderBy: { id: 'desc' },
      });
      expect(denied).toMatchObject({ customerId: null, subjectId: null });
    },
  );

  it('R-ROLE-6: the refusal is in Korean for a Korean user (초대)', async () => {
    const prospect = await givenProspect();
    const card = await say(`초대 ${prospect.companyName}`, HELPDESK, KOREAN);
    expect(textOf(card)).toContain('재판매인 관계 요청');
    expect(textOf(card)).not.toContain(prospect.companyName);
    expect(await requestsFor(prospect.id)).toEqual([]);
  });
});

// ---- the invitation ----

describe('the invitation (R-REL-1, R-REL-3)', () => {
  it('R-REL-1, R-REL-3: Lamna Healthcare, asked in Korean: the link with our partner id, a Korean message for the customer, the advice, and a pending request', async () => {
    const card = await say('초대 Lamna Healthcare', BILLING_ADMIN, KOREAN);
    const shown = textOf(card);

    const [request] = await requestsFor('cus-lamna-healthcare');
    expect(request).toMatchObject({ status: 'pending', requestedByAadObjectId: BILLING_ADMIN.aadObjectId });
    const link = request!.invitationUrl;
    expect(new URL(link).searchParams.get('partnerId')).toBe(PARTNER_ID);
    expect(link).toContain('ResellerRelationship');

    expect(shown).toContain('재판매인 관계 초대: Lamna Healthcare');
    expect(shown).toContain(link);
    expect(shown).toContain('고객에게 보낼 메시지(한국어)');
    expect(shown).toContain('Lamna Healthcare 담당자님께,');
    expect(shown).toContain('재판매인 관계를 수락해 주세요');
    for (const line of advice.ko) expect(shown).toContain(line);
    expect(buttonsOf(card)).toEqual([]);

    expect(await relationshipOf('cus-lamna-healthcare')).toBe('invited');
    const audit = await bot.db.prisma.auditEvent.findFirst({
      where: { action: 'relationship.request', outcome: 'allowed', subjectId: request!.id },
    });
    expect(audit).toMatchObject({
      customerId: 'cus-lamna-healthcare',
      actorAadObjectId: BILLING_ADMIN.aadObjectId,
    });
  });

  it('R-REL-1, R-REL-3: Humongous Insurance (no preferred language), found by its domain: the message for the customer is in English', async () => {
    const card = await say('invite humongousinsurance.onmicrosoft.com', ACCOUNT_ADMIN);
    const shown = textOf(card);
    const [request] = await requestsFor('cus-humongous-insurance');
    expect(request).toMatchObject({ status: 'pending', requestedByAadObjectId: ACCOUNT_ADMIN.aadObjectId });

    expect(shown).toContain('Reseller relationship invitation: Humongous Insurance');
    expect(shown).toContain('Message for the customer (English), ready to copy:');
    expect(shown).toContain('Hello Humongous Insurance team,');
    expect(shown).toContain(request!.invitationUrl);
    expect(shown).toContain(`partnerId=${PARTNER_ID}`);
    expect(shown).toContain('Waiting for the customer to accept.');
    for (const line of advice.en) expect(shown).toContain(line);
    expect(await relationshipOf('cus-humongous-insurance')).toBe('invited');
  });

  it('R-REL-1: inviting again (by someone else) shows the same invitation and stores no second request', async () => {
    const prospect = await givenProspect({ preferredLanguage: 'ko' });
    const first = textOf(await say(`invite ${prospect.companyName}`, SALES_AGENT));
    const [request] = await requestsFor(prospect.id);

    clock.advance(60 * 60_000);
    const again = textOf(await say(`invite ${prospect.primaryDomain}`, ACCOUNT_ADMIN));

    expect(again).toContain('An invitation is already waiting for this customer; here it is again.');
    expect(again).toContain(request!.invitationUrl);
    expect(first).not.toContain('already waiting');
    expect(await requestsFor(prospect.id)).toEqual([request]);
    expect(await relationshipOf(prospect.id)).toBe('invited');
  });

  it('R-REL-1: a customer we already resell to is refused, and nothing is stored', async () => {
    const card = await say('invite Contoso Ltd', SALES_AGENT);
    expect(textOf(card)).toContain("We are already Contoso Ltd's reseller: there is nothing to invite.");
    expect(textOf(card)).not.toContain('admin.microsoft.com');
    expect(await requestsFor('cus-contoso')).toEqual([]);
    expect(await relationshipOf('cus-contoso')).toBe('active');
  });

  it('R-REL-2: Blue Yonder Airlines (tenant in NA) is refused, naming both regions, and stays a prospect', async () => {
    const card = await say('invite Blue Yonder Airlines', ACCOUNT_ADMIN);
    expect(textOf(card)).toContain(
      "Blue Yonder Airlines's tenant is in the NA region and we are in APAC: a reseller relationship needs the same region.",
    );
    expect(textOf(card)).not.toContain('admin.microsoft.com');
    expect(await requestsFor('cus-blue-yonder-airlines')).toEqual([]);
    expect(await relationshipOf('cus-blue-yonder-airlines')).toBe('prospect');
  });

  it('R-REL-2: the region refusal in Korean names both regions too', async () => {
    const prospect = await givenProspect({ tenantRegion: 'EU', billingCountry: 'DE' });
    const card = await say(`초대 ${prospect.companyName}`, BILLING_ADMIN, KOREAN);
    expect(textOf(card)).toContain(
      `${prospect.companyName}의 테넌트는 EU 지역에 있고 우리는 APAC 지역입니다.`,
    );
    expect(await requestsFor(prospect.id)).toEqual([]);
  });
});

// ---- acceptance ----

describe('acceptance (POST /relationships/<id>/accepted)', () => {
  /** A prospect invited by `person` (whose chat is at the local connector): the request id. */
  const invited = async (person: TestPerson = SALES_AGENT, options: Options = {}) => {
    const prospect = await givenProspect();
    await say(`invite ${prospect.primaryDomain}`, person, options);
    const [request] = await requestsFor(prospect.id);
    return { prospect, requestId: request!.id };
  };

  /**
   * Another prospect invited by `person` accepts: waits for that message to reach their chat and returns
   * its text. Sent after whatever came before it, it shows by its arrival that nothing else is on the way.
   */
  const acceptanceMarkerFor = async (person: TestPerson, options: Options = {}) => {
    const { prospect, requestId } = await invited(person, options);
    expect(await accept(requestId)).toEqual({ status: 200, body: { status: 'accepted' } });
    const arrived = await connector.waitFor(
      (r) =>
        decodeURIComponent(r.path).includes(`/conversations/personal:${person.aadObjectId}/`) &&
        JSON.stringify(r.activity).includes(prospect.companyName),
    );
    return textOf((arrived.activity.attachments as Array<{ content: Card }>)[0]!.content);
  };

  it('a missing secret is 401, and nothing changes', async () => {
    const { prospect, requestId } = await invited();
    const before = connector.received.length;

    expect(await accept(requestId, {})).toEqual({ status: 401, body: { error: 'unauthorized' } });
    expect(await accept(requestId, { authorization: 'Bearer ' })).toMatchObject({ status: 401 });
    expect(await accept(requestId, { authorization: SECRET })).toMatchObject({ status: 401 });

    expect(await requestsFor(prospect.id)).toMatchObject([{ status: 'pending', acceptedAt: null }]);
    expect(await relationshipOf(prospect.id)).toBe('invited');
    expect(connector.received.length).toBe(before);
  });

  it('a wrong secret is 401 (as a Bearer token or in x-webhook-secret), and nothing changes', async () => {
    const { prospect, requestId } = await invited();
    const before = connector.received.length;

    expect(await accept(requestId, { authorization: `Bearer ${SECRET}x` })).toMatchObject({ status: 401 });
    expect(await accept(requestId, { authorization: `Bearer ${SECRET.slice(0, -1)}` })).toMatchObject({
      status: 401,
    });
    expect(await accept(requestId, { 'x-webhook-secret': 'not-the-secret-at-all' })).toMatchObject({
      status: 401,
    });

    expect(await requestsFor(prospect.id)).toMatchObject([{ status: 'pending', acceptedAt: null }]);
    expect(await relationshipOf(prospect.id)).toBe('invited');
    expect(connector.received.length).toBe(before);
  });

  it('an unknown request id is 404 (with the right secret), and an id that is not an id too', async () => {
    expect(await accept('no-such-request-id')).toEqual({ status: 404, body: { status: 'unknown' } });
    expect(await accept("x'; DROP TABLE customers; --")).toMatchObject({ status: 404 });
  });

  it('R-REL-1: the right secret in x-webhook-secret is accepted as well', async () => {
    const { prospect, requestId } = await invited();
    expect(await accept(requestId, { 'x-webhook-secret': SECRET })).toEqual({
      status: 200,
      body: { status: 'accepted' },
    });
    expect(await relationshipOf(prospect.id)).toBe('active');
  });

  it('R-REL-1, R-REL-3: Humongous Insurance accepts: buying is refused before and opens a cart after; the requester is told once, in English, with the advice', async () => {
    const prospect = 'cus-humongous-insurance';
    if ((await requestsFor(prospect)).length === 0) await say('invite Humongous Insurance', ACCOUNT_ADMIN);
    // Adam asked; his one-to-one chat is at the local connector.
    await say('help', ACCOUNT_ADMIN);
    const [request] = await requestsFor(prospect);
    expect(request!.requestedByAadObjectId).toBe(ACCOUNT_ADMIN.aadObjectId);

    const before = textOf(await say('buy 5 Microsoft 365 E3 for Humongous Insurance', ADMIN_AGENT));
    expect(before).toContain('Humongous Insurance is not yet a customer we can provision for.');
    expect(before).not.toContain('Review the order');

    clock.advance(2 * 60 * 60_000);
    const acceptedAt = clock.now();
    expect(await accept(request!.id)).toEqual({ status: 200, body: { status: 'accepted' } });

    expect(await relationshipOf(prospect)).toBe('active');
    const [after] = await requestsFor(prospect);
    expect(after).toMatchObject({ status: 'accepted', acceptedAt: acceptedAt.toDate() });
    await firstProactiveTo(ACCOUNT_ADMIN);
    const told = proactiveTo(ACCOUNT_ADMIN);
    expect(told).toHaveLength(1);
    const shown = textOf(told[0]);
    expect(shown).toContain('Humongous Insurance accepted the reseller relationship');
    expect(shown).toContain('You can now buy and manage subscriptions for this customer.');
    for (const line of advice.en) expect(shown).toContain(line);

    // The webhook is called again (Partner Center retries): no change, no second message. Proven by an
    // event: a later acceptance for Adam is the next message he gets, with nothing between.
    expect(await accept(request!.id)).toEqual({ status: 200, body: { status: 'already-accepted' } });
    const marker = await acceptanceMarkerFor(ACCOUNT_ADMIN);
    expect(proactiveTo(ACCOUNT_ADMIN).map(textOf)).toEqual([shown, marker]);
    expect(await requestsFor(prospect)).toEqual([after]);
    expect(
      await bot.db.prisma.auditEvent.count({
        where: { action: 'relationship.request', subjectId: request!.id, outcome: 'allowed' },
      }),
    ).toBe(2); // the request, and the acceptance once

    const cart = textOf(await say('buy 5 Microsoft 365 E3 for Humongous Insurance', ADMIN_AGENT));
    expect(cart).toContain('Review the order for Humongous Insurance');
  });

  it('R-REL-1, R-REL-3: Lamna Healthcare accepts: Bora Lee is told in Korean in her one-to-one chat', async () => {
    const prospect = 'cus-lamna-healthcare';
    if ((await requestsFor(prospect)).length === 0) await say('초대 Lamna Healthcare', BILLING_ADMIN, KOREAN);
    await say('도움말', BILLING_ADMIN, KOREAN);
    const [request] = await requestsFor(prospect);
    expect(request!.requestedByAadObjectId).toBe(BILLING_ADMIN.aadObjectId);

    expect(await accept(request!.id)).toEqual({ status: 200, body: { status: 'accepted' } });

    await firstProactiveTo(BILLING_ADMIN);
    const told = proactiveTo(BILLING_ADMIN);
    expect(told).toHaveLength(1);
    const shown = textOf(told[0]);
    expect(shown).toContain('Lamna Healthcare이(가) 재판매인 관계를 수락했습니다');
    expect(shown).toContain('이제 이 고객의 구독을 구매하고 관리할 수 있습니다.');
    for (const line of advice.ko) expect(shown).toContain(line);
    expect(await relationshipOf(prospect)).toBe('active');

    expect(await accept(request!.id)).toEqual({ status: 200, body: { status: 'already-accepted' } });
    const marker = await acceptanceMarkerFor(BILLING_ADMIN, KOREAN);
    expect(proactiveTo(BILLING_ADMIN).map(textOf)).toEqual([shown, marker]);
  });

  it('R-REL-1: a requester with no one-to-one chat yet (asked in a channel): still accepted, the customer is active, nothing is sent', async () => {
    const newcomer = { aadObjectId: '00000000-0000-4000-8000-0000000000a1', displayName: 'Yuna Seo' };
    await bot.deps.staff.grant(newcomer.aadObjectId, 'sales-agent', { displayName: newcomer.displayName });
    const { prospect, requestId } = await invited(newcomer, { conversationType: 'channel' });
    const before = connector.received.length;

    expect(await accept(requestId)).toEqual({ status: 200, body: { status: 'accepted' } });

    expect(await relationshipOf(prospect.id)).toBe('active');
    expect(connector.received.length).toBe(before);
  });

  it('R-REL-1: when the connector refuses the acceptance message (412 on every attempt), it is tried again later and reaches the requester', async () => {
    const { prospect, requestId } = await invited(SALES_AGENT);
    connector.failNext(412, 412, 412);

    expect(await accept(requestId)).toEqual({ status: 200, body: { status: 'accepted' } });
    expect(await relationshipOf(prospect.id)).toBe('active');

    // Whatever does the retrying (a queue, the scheduler's pass): given time, the message arrives once.
    const told = () =>
      proactiveTo(SALES_AGENT).filter((card) =>
        textOf(card).includes(`${prospect.companyName} accepted the reseller relationship`),
      );
    for (let i = 0; i < 10 && told().length === 0; i++) {
      clock.advance(60 * 60_000);
      // A pass already under way is joined; awaiting a second one makes sure a whole pass ran now.
      await bot.reminders.runOnce();
      await bot.reminders.runOnce();
    }
    expect(told()).toHaveLength(1);
  });

  it('R-REL-1: once accepted, the customer is active and cannot be invited again', async () => {
    const { prospect, requestId } = await invited(SALES_AGENT);
    expect((await accept(requestId)).status).toBe(200);
    const card = await say(`invite ${prospect.companyName}`, SALES_AGENT);
    expect(textOf(card)).toContain(`We are already ${prospect.companyName}'s reseller`);
    expect(await requestsFor(prospect.id)).toHaveLength(1);
  });
});

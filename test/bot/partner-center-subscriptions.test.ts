/**
 * Customers and subscriptions in partner-center mode, end to end: chat through /api/messages, the bot
 * configured against the local Partner Center, and what Partner Center received and holds afterwards.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLocalPartnerCenter, type LocalPartnerCenter } from '../../tools/local-partner-center/server.js';
import {
  cardsOf,
  messageActivity,
  post,
  startTestBot,
  textOf,
  type TestBot,
  sayTo,
  pressOn,
} from '../support/bot.js';
import { SALES_AGENT, type TestPerson } from '../support/staff.js';

const CONTOSO = 'bb10c9c1-00f0-4cb2-a26d-d861965285b2';
const FABRIKAM = '53eb3134-67a9-457f-a575-e9ff997d3e0a';
const NORTHWIND = '11b5ebfd-5601-40fc-96b6-7353dfdd02b5';
const SUB = (n: number) => `a4f2c9d1-3b1e-4c55-9d0a-00000000000${n}`;
/** The bot's id of a Partner Center subscription: it names the customer too. */
const REF = (tenant: string, n: number) => `SUB-${tenant}-${SUB(n)}`;

let pc: LocalPartnerCenter;
let bot: TestBot;

beforeAll(async () => {
  pc = await startLocalPartnerCenter({ host: '127.0.0.1', port: 0 });
  bot = await startTestBot({
    env: {
      COMMERCE_BACKEND: 'partner-center',
      PARTNER_CENTER_API_URL: pc.apiUrl,
      PARTNER_CENTER_AUTHORITY_URL: pc.authorityUrl,
      PARTNER_CENTER_TENANT_ID: pc.tenantId,
      PARTNER_CENTER_CLIENT_ID: pc.clientId,
      PARTNER_CENTER_CLIENT_SECRET: pc.clientSecret,
      PARTNER_CENTER_REFRESH_TOKEN: pc.refreshToken,
    },
  });
});
afterAll(async () => {
  await bot?.close();
  await pc?.close();
});
beforeEach(() => pc.faults.clear());

const say = async (text: string, from: TestPerson = SALES_AGENT, locale = 'en-US') =>
  (await sayTo(bot.endpoint, text, { from, locale }))[0]!;

const press = async (
  card: unknown,
  title: string,
  inputs: Record<string, unknown> = {},
  from: TestPerson = SALES_AGENT,
  locale = 'en-US',
) => pressOn(bot.endpoint, card, title, inputs, { from, locale });

const patchesOf = (n: number) =>
  pc.requests.filter((r) => r.route === 'patchSubscription' && r.url.includes(SUB(n)));
const held = (n: number) => pc.state.commerce.subscriptions.get(SUB(n))!;

async function cancelWithReason(ref: string, reason = 'bought by mistake', locale = 'en-US') {
  const asked = await say(`cancel ${ref}`, SALES_AGENT, locale);
  const continueTitle = locale.startsWith('ko') ? '계속' : locale.startsWith('zh') ? '继续' : 'Continue';
  return press(asked, continueTitle, { reason }, SALES_AGENT, locale);
}

describe('customers and subscriptions read from Partner Center', () => {
  it('R-PC-5: customers are found on the index and the subscriptions card says they come from Partner Center', async () => {
    const customers = textOf(await say('customers contoso'));
    expect(customers).toContain('Contoso Ltd');
    const card = textOf(await say('subscriptions contoso ltd'));
    expect(card).toContain(REF(CONTOSO, 1));
    expect(card).toContain('Source: Partner Center, just now');
    const ko = textOf(await say('subscriptions contoso ltd', SALES_AGENT, 'ko-KR'));
    expect(ko).toContain('파트너 센터, 방금');
  });

  it('R-PC-5: the orders card lists Partner Center’s orders and says so', async () => {
    const card = textOf(await say('orders fabrikam'));
    expect(card).toContain('Microsoft 365');
    expect(card).toContain('Source: Partner Center, just now');
  });

  it('R-PC-1: a subscription shows Partner Center’s quantity, cycle and status', async () => {
    const card = textOf(await say('subscriptions fabrikam'));
    expect(card).toContain(REF(FABRIKAM, 4));
    expect(card).toContain('12');
    expect(card).toContain('Annual');
  });
});

describe('changing subscriptions at Partner Center', () => {
  it('R-PC-1, R-PC-3: suspend previews, then one PATCH with If-Match and a request id suspends it there', async () => {
    const preview = await say(`suspend ${REF(FABRIKAM, 5)}`);
    expect(textOf(preview)).toContain('Partner Center, just now');
    expect(patchesOf(5)).toHaveLength(0);
    const result = await press(preview, 'Confirm');
    expect(textOf(result)).toContain('Subscription suspended');
    expect(held(5).status).toBe('suspended');
    const patches = patchesOf(5);
    expect(patches).toHaveLength(1);
    expect(patches[0]!.headers['if-match']).toBeTruthy();
    expect(patches[0]!.headers['ms-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(patches[0]!.body)).toMatchObject({ status: 'suspended' });
  });

  it('R-PC-1: reactivate asks Partner Center for an active subscription', async () => {
    expect(held(3).status).toBe('suspended');
    const result = await press(await say(`reactivate ${REF(CONTOSO, 3)}`), 'Confirm');
    expect(textOf(result)).toContain('Subscription reactivated');
    expect(held(3).status).toBe('active');
  });

  it('R-PC-1: autorenew off turns autoRenewEnabled off at Partner Center', async () => {
    expect(held(4).autoRenewEnabled).toBe(true);
    const result = await press(await say(`autorenew ${REF(FABRIKAM, 4)} off`), 'Confirm');
    expect(textOf(result)).toContain('Auto-renew is off');
    expect(held(4).autoRenewEnabled).toBe(false);
  });

  it('R-PC-4: licenses go up any time, and down inside Partner Center’s seat window', async () => {
    const up = await press(await say(`licenses ${REF(CONTOSO, 1)} 30`), 'Confirm');
    expect(textOf(up)).toContain('Now 30 licenses');
    expect(held(1).quantity).toBe(30);
    const down = await press(await say(`licenses ${REF(CONTOSO, 1)} 26`), 'Confirm');
    expect(textOf(down)).toContain('Now 26 licenses');
    expect(held(1).quantity).toBe(26);
  });

  it('R-PC-4, R-NCE-2: a decrease outside the window is refused with the reason in en, ko and zh, and nothing is sent', async () => {
    const before = patchesOf(2).length;
    const en = textOf(await say(`licenses ${REF(CONTOSO, 2)} 30`));
    const ko = textOf(await say(`licenses ${REF(CONTOSO, 2)} 30`, SALES_AGENT, 'ko-KR'));
    const zh = textOf(await say(`licenses ${REF(CONTOSO, 2)} 30`, SALES_AGENT, 'zh-CN'));
    for (const text of [en, ko, zh]) expect(text).toContain('40');
    expect(new Set([en, ko, zh]).size).toBe(3);
    expect(patchesOf(2).length).toBe(before);
    expect(held(2).quantity).toBe(40);
  });

  it('R-PC-2: Partner Center refusing a seat reduction (900214) is explained in en, ko and zh; nothing changes', async () => {
    const texts: string[] = [];
    for (const locale of ['en-US', 'ko-KR', 'zh-CN']) {
      const preview = await say(`licenses ${REF(CONTOSO, 1)} 25`, SALES_AGENT, locale);
      pc.faults.inject('patchSubscription', {
        kind: 'status',
        status: 400,
        body: { code: 900214, description: 'Seat reduction not allowed', data: [], source: 'PartnerFD' },
      });
      const confirm = locale === 'en-US' ? 'Confirm' : locale === 'ko-KR' ? '확인' : '确认';
      texts.push(textOf(await press(preview, confirm, {}, SALES_AGENT, locale)));
    }
    expect(texts[0]).toContain('licenses can no longer be reduced');
    expect(texts[1]).toContain('라이선스를 줄일 수 없어');
    expect(texts[2]).toContain('不能减少许可证');
    for (const text of texts) expect(text).toContain('900214');
    expect(held(1).quantity).toBe(26);
  });

  it('R-PC-2: the refusal is audited with its reason and Partner Center’s code', async () => {
    const refused = await bot.db.prisma.auditEvent.findMany({
      where: { action: 'subscription.licenses', outcome: 'failed' },
      orderBy: { at: 'desc' },
    });
    expect(refused.length).toBeGreaterThanOrEqual(3);
    expect(refused[0]!.detail).toMatchObject({
      reason: 'partner-center-refused',
      refusal: 'seat-reduction-not-allowed',
      code: '900214',
    });
  });
});

describe('cancelling at Partner Center', () => {
  it('R-PC-1, R-PC-4: inside Partner Center’s window the cancellation deletes the subscription there', async () => {
    const preview = await cancelWithReason(REF(CONTOSO, 1));
    expect(textOf(preview)).toContain('Partner Center, just now');
    const result = await press(preview, 'Yes, cancel');
    expect(textOf(result)).toContain('Subscription cancelled');
    expect(held(1).status).toBe('deleted');
    expect(JSON.parse(patchesOf(1).at(-1)!.body)).toMatchObject({ status: 'deleted' });
  });

  it('R-PC-4, R-NCE-1: outside Partner Center’s window the cancellation is refused before anything is sent', async () => {
    const before = patchesOf(2).length;
    const card = textOf(await say(`cancel ${REF(CONTOSO, 2)}`));
    expect(card).toMatch(/cannot be cancelled|window/i);
    expect(patchesOf(2).length).toBe(before);
    expect(held(2).status).toBe('active');
  });

  it('R-PC-2: Partner Center refusing a cancellation with 900117 is explained; nothing changes and Confirm works again', async () => {
    const preview = await cancelWithReason(REF(FABRIKAM, 4));
    pc.faults.inject('patchSubscription', {
      kind: 'status',
      status: 400,
      body: { code: 900117, description: 'Cancellation window passed', data: [], source: 'PartnerFD' },
    });
    const refused = textOf(await press(preview, 'Yes, cancel'));
    expect(refused).toContain('the window for this change has closed');
    expect(refused).toContain('900117');
    expect(held(4).status).toBe('active');
    // The claim rolled back with the refusal: the same Confirm now goes through, with the same request id.
    const first = patchesOf(4).at(-1)!.headers['ms-requestid'];
    const again = textOf(await press(preview, 'Yes, cancel'));
    expect(again).toContain('Subscription cancelled');
    expect(patchesOf(4).at(-1)!.headers['ms-requestid']).toBe(first);
    expect(held(4).status).toBe('deleted');
  });
});

describe('concurrency at Partner Center', () => {
  it('R-PC-6: a stale etag is the ordinary conflict: nothing changed, look again', async () => {
    const preview = await say(`autorenew ${REF(NORTHWIND, 6)} on`);
    pc.faults.inject('patchSubscription', {
      kind: 'status',
      status: 400,
      body: { code: 2055, description: 'etag mismatch', data: [], source: 'PartnerFD' },
    });
    const text = textOf(await press(preview, 'Confirm'));
    expect(text).toContain('Someone changed this at the same moment');
    expect(held(6).autoRenewEnabled).toBe(false);
  });

  it('R-PC-6, R-PC-2: a renewal in progress (409 800082) is explained, once, and nothing changes', async () => {
    held(6).renewing = true;
    const before = patchesOf(6).length;
    const text = textOf(await press(await say(`autorenew ${REF(NORTHWIND, 6)} on`), 'Confirm'));
    held(6).renewing = false;
    expect(text).toContain('renewing this subscription right now');
    expect(text).toContain('800082');
    expect(patchesOf(6).length).toBe(before + 1);
    expect(held(6).autoRenewEnabled).toBe(false);
  });

  it('R-PC-3: a double Confirm press sends one PATCH', async () => {
    const preview = await say(`autorenew ${REF(NORTHWIND, 6)} on`);
    const before = patchesOf(6).length;
    const [a, b] = await Promise.all([press(preview, 'Confirm'), press(preview, 'Confirm')]);
    const texts = [textOf(a), textOf(b)];
    expect(texts.filter((t) => t.includes('Auto-renew is on'))).toHaveLength(2);
    expect(patchesOf(6).length).toBe(before + 1);
    expect(held(6).autoRenewEnabled).toBe(true);
  });
});

describe('the same cards in simulated mode', () => {
  it("R-PC-5: without Partner Center the cards say the facts are the bot's own record", async () => {
    const simulated = await startTestBot();
    try {
      const reply = await post(
        simulated.endpoint,
        messageActivity('subscriptions contoso ltd', { from: SALES_AGENT }),
      );
      expect(textOf(cardsOf(reply)[0])).toContain('Source: the bot’s own record');
    } finally {
      await simulated.close();
    }
  });
});

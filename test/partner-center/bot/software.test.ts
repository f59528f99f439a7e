/**
 * Software in partner-center mode, end to end through /api/messages against the local Partner Center:
 * bought through Partner Center, and `key …` answers with the dashboard page, never a key (no documented
 * endpoint gives one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../src/bot/messages/en.js';
import { ko } from '../../../src/bot/messages/ko.js';
import { textOf, type Card, sayTo, pressOn } from '../../support/bot.js';
import { ADMIN_AGENT, GLOBAL_ADMIN, type TestPerson } from '../../support/staff.js';
import { startPartnerCenterBot, type PartnerCenterBot } from './pc-bot.js';

const FABRIKAM = '53eb3134-67a9-457f-a575-e9ff997d3e0a';
const OFFICE_LTSC = 'DG7GMGF0DWTL:0001:DG7GMGF0DSFM';
const DASHBOARD = `https://partner.microsoft.com/dashboard/commerce/customers/${FABRIKAM}/orders`;

let pc: PartnerCenterBot;

beforeAll(async () => {
  pc = await startPartnerCenterBot();
});
afterAll(async () => {
  await pc?.close();
});

const say = async (text: string, locale = 'en-US', from: TestPerson = ADMIN_AGENT): Promise<Card> => {
  const cards = await sayTo(pc.bot.endpoint, text, { from, locale });
  expect(cards).toHaveLength(1);
  return cards[0]!;
};

const press = (card: Card, title: string, inputs: Record<string, unknown>, from: TestPerson = ADMIN_AGENT) =>
  pressOn(pc.bot.endpoint, card, title, inputs, { from });

let orderId = '';

/** Buys Office LTSC for Fabrikam through the bot: the bot's order id. */
async function buyOffice(): Promise<string> {
  const cart = await say('buy 1 Office LTSC Professional Plus 2021 for fabrikam');
  const result = await press(cart, 'Purchase', { 'quantity-0': '1', 'cycle-0': 'annual' });
  const id = /Order (ORD-[A-Z0-9]+) placed/.exec(textOf(result))?.[1] ?? textOf(result);
  expect(id, id).toMatch(/^ORD-/);
  return id;
}

/** The Partner Center order that carries the bot's order id in its lines' friendly name. */
const partnerCenterOrderOf = (botOrderId: string) =>
  [...pc.fake.state.commerce.orders.values()].find((o) =>
    o.lines.some((l) => l.friendlyName.startsWith(`${botOrderId} `)),
  );

describe('issue 9: software keys in partner-center mode', () => {
  beforeAll(async () => {
    const cart = await say('buy 1 Office LTSC Professional Plus 2021 for fabrikam');
    expect(textOf(cart)).toContain(OFFICE_LTSC);
    const result = await press(cart, 'Purchase', { 'quantity-0': '1', 'cycle-0': 'annual' });
    orderId = /Order (ORD-[A-Z0-9]+) placed/.exec(textOf(result))?.[1] ?? textOf(result);
    expect(orderId, orderId).toMatch(/^ORD-/);
  });

  it('R-PC-10: perpetual software is bought as its one-time catalog item at Partner Center', () => {
    const orders = [...pc.fake.state.commerce.orders.values()].filter((o) => o.customerId === FABRIKAM);
    expect(orders.flatMap((o) => o.lines.map((l) => l.offerId))).toContain(OFFICE_LTSC);
  });

  it.each([
    ['en-US', en],
    ['ko-KR', ko],
  ])('R-PC-14: key answers with the dashboard page and no key (%s)', async (locale, m) => {
    const card = await say(`key ${orderId}`, locale);
    const text = textOf(card);
    expect(text).toContain(m.partnerCenter.keyInDashboard(DASHBOARD));
    expect(text).toContain(orderId);
    // No product key (5 groups of 5) and no download link of the bot's.
    expect(text).not.toMatch(/[A-Z0-9]{5}(-[A-Z0-9]{5}){4}/);
    expect(text).not.toContain(pc.bot.http.url);
    expect(buttonsTitles(card)).not.toContain('Get key and link');
  });

  it("R-PC-16: activity shows the bot's own rows (the staff member) and Partner Center's (the app account), each marked, and the CSV has both", async () => {
    const card = await say('activity fabrikam', 'en-US', GLOBAL_ADMIN);
    const text = textOf(card);
    expect(text).toContain(en.partnerCenter.activityFromBot);
    expect(text).toContain(en.partnerCenter.activityFromPartnerCenter);
    expect(text).toContain(ADMIN_AGENT.displayName);
    expect(text).toContain('order.create_order');
    expect(text).toContain('cart.create_cart');

    const exported = await press(card, 'Export CSV', {}, GLOBAL_ADMIN);
    const link = /\((http:\/\/[^)]+\.csv)\)/.exec(textOf(exported))?.[1];
    const response = await fetch(link!);
    expect(response.status).toBe(200);
    const rows = (await response.text()).split('\r\n').filter(Boolean);
    expect(rows[0]).toContain(',source');
    expect(rows.some((r) => r.endsWith(',"bot"') || r.endsWith(',bot'))).toBe(true);
    expect(rows.some((r) => /partner-center"?$/.test(r) && r.includes('order.create_order'))).toBe(true);
  });

  it("R-PC-14: software lists the customer's software entitlements at Partner Center, with the dashboard page and the source", async () => {
    const text = textOf(await say('software fabrikam'));
    expect(text).toContain(en.partnerCenter.entitlementsTitle('Fabrikam, Inc.'));
    expect(text).toContain('DG7GMGF0DWTL');
    expect(text).toContain(DASHBOARD);
    expect(text).toContain(en.partnerCenter.partnerCenterAgo(en.partnerCenter.justNow));
    expect(
      pc.fake.requests.some((r) => r.route === 'entitlements' && r.url.includes('entitlementType=software')),
    ).toBe(true);
  });

  it('R-PC-13: cancel order inside the window cancels the order at Partner Center', async () => {
    const id = await buyOffice();
    expect(partnerCenterOrderOf(id)?.lines.every((l) => l.quantity > 0)).toBe(true);
    const preview = await say(`cancel order ${id}`);
    const done = await press(preview, 'Cancel the order', { acknowledged: 'true' });
    expect(textOf(done)).toContain(id);
    expect(partnerCenterOrderOf(id)?.lines.every((l) => l.quantity === 0)).toBe(true);
    const patches = pc.fake.requests.filter((r) => r.route === 'patchOrder');
    expect(JSON.parse(String(patches.at(-1)?.body))).toMatchObject({ status: 'cancelled' });
  });

  it('R-PC-13: when Partner Center says the window has passed (900117), that is explained and nothing is cancelled', async () => {
    const id = await buyOffice();
    const preview = await say(`cancel order ${id}`);
    pc.fake.faults.inject('patchOrder', {
      kind: 'status',
      status: 400,
      body: { code: 900117, description: 'The cancellation window has passed.', source: 'PartnerFD' },
    });
    const refused = await press(preview, 'Cancel the order', { acknowledged: 'true' });
    expect(textOf(refused)).toContain(en.partnerCenter.refusals['window-passed']);
    expect(textOf(refused)).toContain('900117');
    expect(partnerCenterOrderOf(id)?.lines.every((l) => l.quantity > 0)).toBe(true);
    const purchase = await pc.bot.deps.software.findPurchase(id);
    expect(purchase?.status).toBe('completed');
  });
});

const buttonsTitles = (card: Card): string[] =>
  ((card.actions as Array<{ title?: string }> | undefined) ?? []).map((a) => a.title ?? '');

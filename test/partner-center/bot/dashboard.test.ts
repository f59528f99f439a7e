/**
 * Order view and catalog browse in partner-center mode against the local Partner Center (issue 11): the
 * order is joined with Partner Center's own (GET orders/{id}, R-ORD-4), the catalog for a customer is
 * checked against its customer-scoped catalog (R-CAT-6).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeActivity, invokeCardOf, post, textOf, type Card, sayTo, pressOn } from '../../support/bot.js';
import { ADMIN_AGENT } from '../../support/staff.js';
import { startPartnerCenterBot, type PartnerCenterBot } from './pc-bot.js';

let pc: PartnerCenterBot;
let placedOrder: { botId: string; pcId: string } | undefined;

beforeAll(async () => {
  pc = await startPartnerCenterBot({ maxAttempts: 2 });
});
afterAll(async () => {
  await pc?.close();
});

const say = async (text: string, locale = 'en-US'): Promise<Card> =>
  (await sayTo(pc.bot.endpoint, text, { from: ADMIN_AGENT, locale }))[0]!;

describe('issue 11 in partner-center mode', () => {
  it('R-ORD-4: an order bought through the bot shows Partner Center’s order, read by id, and its subscription', async () => {
    const cart = await say('buy 3 Microsoft 365 E5 for fabrikam annual');
    const placed = await pressOn(
      pc.bot.endpoint,
      cart,
      'Purchase',
      { 'quantity-0': '3', 'cycle-0': 'annual' },
      { from: ADMIN_AGENT },
    );
    const orderId = /Order (ORD-[A-Z0-9]+) placed/.exec(textOf(placed))?.[1];
    expect(orderId).toBeDefined();
    const reads = pc.fake.requests.length;
    const card = await say(`order ${orderId!}`);
    const text = textOf(card);
    const pcOrder = [...pc.fake.state.commerce.orders.values()].at(-1)!;
    expect(text).toContain(`Partner Center order ${pcOrder.id}`);
    expect(text).toContain('Microsoft 365 E5');
    expect(text).toContain('Partner Center');
    // The order was read by id (GET /customers/{cid}/orders/{orderId}) after it was found in the list.
    expect(pc.fake.requests.slice(reads).some((r) => r.route === 'getOrder')).toBe(true);
    const subscriptionId = pcOrder.lines[0]!.subscriptionId;
    if (subscriptionId) expect(text).toContain(subscriptionId);
    placedOrder = { botId: orderId!, pcId: pcOrder.id };
  });

  it('R-ORD-4: when Partner Center has no such order (yet), the card says so in Korean and shows the bot’s record', async () => {
    expect(placedOrder).toBeDefined();
    pc.fake.state.commerce.orders.delete(placedOrder!.pcId);
    const text = textOf(await say(`주문 ${placedOrder!.botId}`, 'ko-KR'));
    expect(text).toContain(`주문 ${placedOrder!.botId}`);
    expect(text).toContain('파트너 센터에 아직 이 주문이 없습니다');
    expect(text).toContain('Microsoft 365 E5');
  });

  it('R-CAT-6: products for a customer are checked against Partner Center’s catalog for it', async () => {
    const text = textOf(await say('products microsoft for fabrikam'));
    expect(text).toContain('Offers checked against Partner Center’s catalog for this customer.');
    expect(text).toContain('Microsoft 365 E5');
    const catalog = pc.fake.requests.filter((r) => r.route === 'products');
    expect(catalog.length).toBeGreaterThan(0);
  });

  it('R-ADD-6: buying an add-on in partner-center mode says plainly that the contract has no endpoint for it', async () => {
    const subscription = [...pc.fake.state.commerce.subscriptions.values()][0]!;
    const reply = await post(
      pc.bot.endpoint,
      executeActivity(
        'addon.start',
        {
          baseSubscriptionId: `SUB-${subscription.customerId}-${subscription.id}`,
          productId: 'm365-e5-security',
        },
        { from: ADMIN_AGENT },
      ),
    );
    expect(reply.status).toBe(200);
    expect(textOf(invokeCardOf(reply))).toContain(
      'Partner Center’s documented API has no endpoint for this change',
    );
  });

  it('R-TRM-4, R-UPG-4: billing and upgrade in partner-center mode say plainly that the contract has no endpoint for them', async () => {
    const subscription = [...pc.fake.state.commerce.subscriptions.values()].find(
      (s) => s.status === 'active',
    )!;
    const ref = `SUB-${subscription.customerId}-${subscription.id}`;
    const patches = pc.fake.requests.filter((r) => r.method === 'PATCH').length;
    const billing = textOf(await say(`billing ${ref} annual`));
    expect(billing).toContain('Partner Center’s documented API has no endpoint for this change');
    const upgrade = textOf(await say(`upgrade ${ref}`, 'zh-CN'));
    expect(upgrade).toContain('合作伙伴中心已记录的 API 没有用于此更改的端点');
    expect(pc.fake.requests.filter((r) => r.method === 'PATCH').length).toBe(patches);
  });
});

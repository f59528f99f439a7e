/**
 * Buying in partner-center mode, end to end through /api/messages against the local Partner Center: the
 * review shows the catalog item, the purchase is one cart and one checkout, presses and retries never
 * order twice, and Partner Center's refusals are explained in the user's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../src/bot/messages/en.js';
import { ko } from '../../../src/bot/messages/ko.js';
import { zh } from '../../../src/bot/messages/zh.js';
import { buttonsOf, textOf, type Card, sayTo, pressOn } from '../../support/bot.js';
import { ADMIN_AGENT } from '../../support/staff.js';
import { startPartnerCenterBot, type PartnerCenterBot } from './pc-bot.js';

const FABRIKAM = '53eb3134-67a9-457f-a575-e9ff997d3e0a';
const E5_ANNUAL = 'CFQ7TTC0LFK5:0002:CFQ7TTC0K5DJ';

let pc: PartnerCenterBot;

beforeAll(async () => {
  pc = await startPartnerCenterBot({ maxAttempts: 2 });
});
afterAll(async () => {
  await pc?.close();
});

const say = async (text: string, locale = 'en-US'): Promise<Card> => {
  const cards = await sayTo(pc.bot.endpoint, text, { from: ADMIN_AGENT, locale });
  expect(cards).toHaveLength(1);
  return cards[0]!;
};

const press = (card: Card, title: string, inputs: Record<string, unknown>, locale = 'en-US') =>
  pressOn(pc.bot.endpoint, card, title, inputs, { from: ADMIN_AGENT, locale });

const ordersOfFabrikam = () =>
  [...pc.fake.state.commerce.orders.values()].filter((order) => order.customerId === FABRIKAM);

const checkoutRequestIds = () =>
  pc.fake.requests.filter((r) => r.route === 'checkout').map((r) => r.headers['ms-requestid']);

const ANNUAL = (quantity: number) => ({ 'quantity-0': String(quantity), 'cycle-0': 'annual' });

describe('issue 9: buying through Partner Center', () => {
  it('R-PC-10, R-PC-11: the review shows the catalog item for the chosen cycle; Purchase places one order at Partner Center', async () => {
    const cart = await say('buy 4 Microsoft 365 E5 for fabrikam annual');
    expect(textOf(cart)).toContain('Review the order');
    expect(textOf(cart)).toContain(E5_ANNUAL);
    const before = ordersOfFabrikam().length;
    const result = await press(cart, 'Purchase', ANNUAL(4));
    expect(textOf(result)).toMatch(/Order ORD-[A-Z0-9]+ placed/);
    const after = ordersOfFabrikam();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.lines).toMatchObject([{ offerId: E5_ANNUAL, quantity: 4, termDuration: 'P1Y' }]);
    // The result names the subscription Partner Center made, so the next command can act on it.
    const subscriptionId = `SUB-${FABRIKAM}-${after.at(-1)!.lines[0]!.subscriptionId!}`;
    expect(textOf(result)).toContain(`→ ${subscriptionId}`);
    const suspend = await say(`suspend ${subscriptionId}`);
    expect(textOf(suspend)).not.toMatch(/couldn't find|not found/i);
    expect(buttonsOf(suspend).map((b) => b.title)).toContain('Confirm');
  });

  it('R-PC-11: two presses of Purchase at once give one order', async () => {
    const cart = await say('buy 2 Microsoft 365 E5 for fabrikam annual');
    const before = ordersOfFabrikam().length;
    const [first, second] = await Promise.all([
      press(cart, 'Purchase', ANNUAL(2)),
      press(cart, 'Purchase', ANNUAL(2)),
    ]);
    // Both presses answer with the one order (the second one is shown what the first did).
    const orderIds = [textOf(first), textOf(second)].map((text) => /Order (ORD-[A-Z0-9]+)/.exec(text)?.[1]);
    expect(new Set(orderIds).size).toBe(1);
    expect(ordersOfFabrikam()).toHaveLength(before + 1);
  });

  it('R-PC-3, R-PC-11: a checkout whose connection drops after Partner Center processed it, then the user presses again → exactly one order, from the one cart kept', async () => {
    const cart = await say('buy 3 Microsoft 365 E5 for fabrikam annual');
    const before = ordersOfFabrikam().length;
    const checkoutsBefore = checkoutRequestIds().length;
    const requestsBefore = pc.fake.requests.length;
    // Every attempt of the first press is processed, then the connection drops (2 attempts).
    pc.fake.faults.inject('checkout', { kind: 'drop-after-processing' }, 2);
    const failed = await press(cart, 'Purchase', ANNUAL(3));
    expect(textOf(failed)).toContain(en.partnerCenter.refusals.unavailable);
    expect(ordersOfFabrikam()).toHaveLength(before + 1);

    const retried = await press(cart, 'Purchase', ANNUAL(3));
    expect(textOf(retried)).toMatch(/Order ORD-[A-Z0-9]+ placed/);
    expect(ordersOfFabrikam()).toHaveLength(before + 1);
    // One request id for every attempt of the one purchase: that is what Partner Center replays.
    const ids = checkoutRequestIds().slice(checkoutsBefore);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    // The cart was made once, before the first press's transaction, and kept: the retry checked out that
    // same cart (Partner Center's checkout is idempotent per cart), it did not make another.
    const sent = pc.fake.requests.slice(requestsBefore);
    expect(sent.filter((r) => r.route === 'createCart')).toHaveLength(1);
    const checkedOut = new Set(
      sent.filter((r) => r.route === 'checkout').map((r) => /carts\/([^/]+)\/checkout/.exec(r.url)?.[1]),
    );
    expect(checkedOut.size).toBe(1);
    expect(pc.fake.state.commerce.carts.get([...checkedOut][0]!)?.status).toBe('Ordered');
  });

  it.each([
    ['en-US', en],
    ['ko-KR', ko],
    ['zh-CN', zh],
  ])(
    'R-PC-11: a checkout refused for the credit limit is explained (%s) and nothing is ordered',
    async (locale, m) => {
      const words = m.partnerCenter.refusals['credit-limit'];
      const cart = await say('buy 1 Microsoft 365 E5 for fabrikam annual', locale);
      const before = ordersOfFabrikam().length;
      pc.fake.faults.inject('checkout', {
        kind: 'status',
        status: 403,
        body: { code: 800023, description: 'Credit limit exceeded.', source: 'PartnerFD' },
      });
      const refused = await press(cart, m.cart.purchase, ANNUAL(1), locale);
      expect(textOf(refused)).toContain(words);
      expect(textOf(refused)).toContain('800023');
      expect(ordersOfFabrikam()).toHaveLength(before);
    },
  );

  it('R-PC-10: a quantity Partner Center does not allow is refused at the cart and explained', async () => {
    const cart = await say('buy 1 Microsoft 365 E5 for fabrikam annual');
    const item = pc.fake.state.commerce.findCatalogItem(E5_ANNUAL)!;
    const maximum = item.maximumQuantity;
    item.maximumQuantity = 0;
    try {
      const before = ordersOfFabrikam().length;
      const refused = await press(cart, 'Purchase', ANNUAL(1));
      expect(textOf(refused)).toContain(en.partnerCenter.refusals['quantity-invalid']);
      expect(ordersOfFabrikam()).toHaveLength(before);
    } finally {
      item.maximumQuantity = maximum;
    }
  });

  it("R-PC-12: orders lists Partner Center's orders, newest first, with the source line", async () => {
    const card = await say('orders fabrikam');
    const text = textOf(card);
    const placed = ordersOfFabrikam().sort((a, b) => b.createdAt - a.createdAt);
    expect(placed.length).toBeGreaterThan(0);
    const positions = placed.map((order) => text.indexOf(order.id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain(en.partnerCenter.partnerCenterAgo(en.partnerCenter.justNow));
    expect(text).not.toContain(en.partnerCenter.botRecord);
  });
});

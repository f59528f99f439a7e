/**
 * Buying and changing subscriptions from chat, end to end through /api/messages: typed commands, the card
 * flows with Action.Execute (Teams) and Action.Submit (Emulator), in English and Korean.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { movableClock } from '../../src/domain/shared/time.js';
import {
  buttonNamed,
  buttonsOf,
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  submitActivity,
  textOf,
  type Card,
} from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT, BILLING_ADMIN, SALES_AGENT, staffWithRole, type TestPerson } from '../support/staff.js';

const START = '2026-11-21T09:00:00Z';
const clock = movableClock(START);
const bot = useTestBot({ clock });
afterEach(() => clock.set(START));

const say = async (text: string, from: TestPerson = SALES_AGENT, locale = 'en-US') => {
  const reply = await post(bot.endpoint, messageActivity(text, { from, locale }));
  expect(reply.status).toBe(200);
  return cardsOf(reply)[0]!;
};

const press = async (
  card: unknown,
  title: string,
  inputs: Record<string, unknown> = {},
  from: TestPerson = SALES_AGENT,
  locale = 'en-US',
) => {
  const button = buttonNamed(card, title);
  const reply = await post(
    bot.endpoint,
    executeActivity(button.verb!, { ...button.data, ...inputs }, { from, locale }),
  );
  expect(reply.status).toBe(200);
  return invokeCardOf(reply);
};

/** A fresh subscription of a product for a customer, bought through the bot. */
async function buy(
  text: string,
  from: TestPerson = SALES_AGENT,
): Promise<{ orderId: string; subscriptionId: string }> {
  const cart = await say(text, from);
  const quantity = (JSON.stringify(cart).match(/"id":"quantity-0"[^}]*?"value":(\d+)/) ?? [])[1];
  const cycle = (JSON.stringify(cart).match(/"id":"cycle-0"[^}]*?"value":"(\w+)"/) ?? [])[1];
  const result = await press(cart, 'Purchase', { 'quantity-0': quantity, 'cycle-0': cycle }, from);
  const text2 = textOf(result);
  const orderId = /Order (ORD-[A-Z0-9]+) placed/.exec(text2)?.[1];
  const subscriptionId = /(SUB-[A-Z0-9]+)/.exec(text2)?.[1];
  if (!orderId || !subscriptionId) throw new Error(`purchase failed: ${text2}`);
  return { orderId, subscriptionId };
}

describe('buying (R-BUY)', () => {
  it('R-BUY-1: a typed order becomes a cart for review, then one order with its subscription', async () => {
    const cart = await say('buy 10 Microsoft 365 E3 for contoso ltd monthly');
    const shown = textOf(cart);
    expect(shown).toContain('Review the order for Contoso Ltd');
    expect(shown).toContain('**Microsoft 365 E3**');
    expect(shown).toContain('USD 320.00');
    expect(shown).toContain('Prices exclude tax.');
    expect(
      await bot.db.prisma.order.count({
        where: { customerId: 'cus-contoso', placedAt: { gte: new Date(START) } },
      }),
    ).toBe(0);
    const result = await press(cart, 'Purchase', { 'quantity-0': '10', 'cycle-0': 'monthly' });
    const text = textOf(result);
    expect(text).toMatch(/Order ORD-[A-Z0-9]{8} placed/);
    const orderId = /(ORD-[A-Z0-9]{8})/.exec(text)![1]!;
    const order = await bot.db.prisma.order.findUniqueOrThrow({
      where: { id: orderId },
      include: { lines: true, subscriptions: true },
    });
    expect(order.lines).toHaveLength(1);
    expect(order.subscriptions).toMatchObject([
      { quantity: 10, billingCycle: 'monthly', status: 'active', autoRenew: true },
    ]);
    expect(order.total.toNumber()).toBe(320);
  });

  it('R-BUY-1: understands quantity and product in either order, seats, and Korean and Chinese phrasing', async () => {
    for (const [text, locale] of [
      ['buy Exchange Online (Plan 1) x7 for litware annual', 'en-US'],
      ['buy Exchange Online (Plan 1) 7 seats for litware annual', 'en-US'],
      ['구매 Exchange Online (Plan 1) 7개 고객 litware 연간', 'ko-KR'],
      ['litware에 Exchange Online (Plan 1) 7개 연간 구매', 'ko-KR'],
      ['购买 7 个 Exchange Online (Plan 1) 给 litware 按年', 'zh-CN'],
    ] as const) {
      const cart = await say(text, SALES_AGENT, locale);
      const json = JSON.stringify(cart);
      expect(json, text).toMatch(/"id":"quantity-0"[^}]*"value":7/);
      expect(json, text).toMatch(/"id":"cycle-0"[^}]*?"value":"annual"/);
      expect(textOf(cart), text).toContain('Litware');
    }
  });

  it('R-BUY-1: an edited license count is shown for review before it is bought', async () => {
    const cart = await say('buy 10 Microsoft 365 E3 for contoso ltd monthly');
    const reviewed = await press(cart, 'Purchase', { 'quantity-0': '12', 'cycle-0': 'monthly' });
    expect(textOf(reviewed)).toContain('You changed the cart');
    expect(textOf(reviewed)).toContain('USD 384.00');
    const done = await press(reviewed, 'Purchase', { 'quantity-0': '12', 'cycle-0': 'monthly' });
    const orderId = /(ORD-[A-Z0-9]{8})/.exec(textOf(done))![1]!;
    expect((await bot.db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).total.toNumber()).toBe(
      384,
    );
  });

  it('R-BUY-1: more products can be added to the cart and removed, and all are bought as one order', async () => {
    const cart = await say('buy 5 Microsoft 365 E3 for contoso ltd monthly');
    const added = await press(cart, 'Add to cart', { addProduct: 'Exchange Online (Plan 1)' });
    expect(textOf(added)).toContain('**Exchange Online (Plan 1)**');
    const again = await press(added, 'Add to cart', { addProduct: 'Microsoft 365 Business Premium' });
    const removeButtons = buttonsOf(again).filter((b) => b.verb === 'cart.remove');
    expect(removeButtons).toHaveLength(3);
    const removed = invokeCardOf(
      await post(bot.endpoint, executeActivity('cart.remove', removeButtons[2]!.data, { from: SALES_AGENT })),
    );
    expect(textOf(removed)).not.toContain('**Microsoft 365 Business Premium**');
    const done = await press(removed, 'Purchase', {
      'quantity-0': '5',
      'cycle-0': 'monthly',
      'quantity-1': '1',
      'cycle-1': 'monthly',
    });
    const orderId = /(ORD-[A-Z0-9]{8})/.exec(textOf(done))![1]!;
    expect(await bot.db.prisma.subscription.count({ where: { orderId } })).toBe(2);
  });

  it('R-BUY-1: a product name that matches several products gives a choice, never a guess', async () => {
    const card = await say('buy 3 E5 for contoso ltd');
    expect(textOf(card)).toContain('Which product do you mean?');
    const choice = buttonsOf(card).find((b) => b.data.product === 'm365-e5');
    expect(choice).toBeDefined();
    const reply = await post(
      bot.endpoint,
      executeActivity(choice!.verb!, choice!.data, { from: SALES_AGENT }),
    );
    expect(textOf(invokeCardOf(reply))).toContain('Review the order for Contoso Ltd');
  });

  it.each([
    ['0', 'The license count must be a whole number from 1 to'],
    ['-3', 'The license count must be a whole number from 1 to'],
    ['100001', 'The license count must be a whole number from 1 to'],
    ['abc', 'The license count must be a whole number from 1 to'],
    ['2.5', 'The license count must be a whole number from 1 to'],
  ])('R-BUY-1: a license count of %s is refused with the cart unchanged', async (quantity, message) => {
    const cart = await say('buy 2 Microsoft 365 E3 for contoso ltd monthly');
    const before = await bot.db.prisma.order.count();
    const card = await press(cart, 'Update totals', { 'quantity-0': quantity, 'cycle-0': 'monthly' });
    expect(textOf(card)).toContain(message);
    expect(JSON.stringify(card)).toMatch(/"id":"quantity-0"[^}]*"value":2/);
    expect(await bot.db.prisma.order.count()).toBe(before);
  });

  it('R-BUY-1: typed nonsense quantities are refused before any cart is made', async () => {
    const before = await bot.db.prisma.pendingAction.count();
    expect(textOf(await say('buy -5 Microsoft 365 E3 for contoso ltd'))).toContain(
      '“-5” is not a license count',
    );
    expect(textOf(await say('buy 2.5 Microsoft 365 E3 for contoso ltd'))).toContain(
      '“2.5” is not a license count',
    );
    expect(textOf(await say('buy 0 Microsoft 365 E3 for contoso ltd'))).toContain(
      'must be a whole number from 1 to',
    );
    expect(await bot.db.prisma.pendingAction.count()).toBe(before);
  });

  it('R-BUY-2: a product limited to one per customer cannot be bought again', async () => {
    const card = await say('buy 1 Microsoft Defender for Business for northwind traders');
    expect(textOf(card)).toContain('already has Microsoft Defender for Business');
  });

  it('R-BUY-3: a suspended subscription to the product is offered for reactivation instead', async () => {
    const card = await say('buy 5 Microsoft 365 Business Premium for fabrikam monthly');
    expect(textOf(card)).toContain('reactivate it instead of buying a new one');
    const reactivate = buttonNamed(card, 'Reactivate instead');
    const preview = invokeCardOf(
      await post(bot.endpoint, executeActivity(reactivate.verb!, reactivate.data, { from: SALES_AGENT })),
    );
    expect(textOf(preview)).toContain('Reactivate this subscription?');
  });

  it.each([
    ['R-BUY-4', 'buy 5 Relecloud Backup for fabrikam', 'does not sell'],
    ['R-BUY-4', 'buy 5 Lamna CRM for contoso ltd', 'does not offer'],
    [
      'R-BUY-4',
      'buy 5 Consolidated Messenger Secure Sign for contoso ltd',
      'private offer made to other partners',
    ],
    ['R-BUY-5', 'buy 5 Relecloud Containers for contoso ltd', 'use the Azure portal'],
    [
      'R-BUY-6',
      'buy 5 Microsoft 365 A3 for faculty for contoso ltd',
      'is not offered to Commercial customers',
    ],
    [
      'R-BUY-7',
      'buy 1 Azure Reserved VM Instance for alpine ski house',
      'not available to customers billed in AD',
    ],
  ])('%s: “%s” is refused with the reason in plain words', async (_rule, text, reason) => {
    const before = await bot.db.prisma.pendingAction.count();
    const card = await say(text, ADMIN_AGENT);
    expect(textOf(card)).toContain(reason);
    expect(await bot.db.prisma.pendingAction.count()).toBe(before);
  });

  it('R-BUY-8: prices for a customer billed in Australia say they include tax', async () => {
    expect(textOf(await say('buy 2 Microsoft 365 E3 for northwind traders monthly'))).toContain(
      'Prices include tax (customer billed in AU).',
    );
    expect(textOf(await say('buy 2 Microsoft 365 E3 for tailspin toys monthly'))).toContain(
      'include tax (customer billed in BR)',
    );
  });

  it('R-BUY-9, R-BUY-10, R-BUY-11: an ISV product with a trial starts in trial, renews automatically, and gives the set-up link', async () => {
    const cart = await say('buy 4 Contoso Analytics for woodgrove bank monthly');
    expect(textOf(cart)).toContain('30-day free trial that cannot be skipped');
    expect(textOf(cart)).toContain('set-up link');
    const result = await press(cart, 'Purchase', { 'quantity-0': '4', 'cycle-0': 'monthly' });
    const text = textOf(result);
    expect(text).toContain('free trial until 2026-12-21');
    expect(JSON.stringify(result)).toMatch(/https:\/\/[^)"]+tenant=[0-9a-f-]{36}/);
    const subscriptionId = /(SUB-[A-Z0-9]{8})/.exec(text)![1]!;
    const sub = await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(sub.trialEndsAt?.toISOString()).toBe('2026-12-21T09:00:00.000Z');
    expect(sub.autoRenew).toBe(true);
  });

  it('R-ROLE-1: software needs admin-agent or global-admin, while a sales agent buys online services', async () => {
    expect(textOf(await say('buy 1 SQL Server 2022 Standard for contoso ltd', SALES_AGENT))).toContain(
      "You can't buy software",
    );
    expect(textOf(await say('buy 1 SQL Server 2022 Standard for contoso ltd', ADMIN_AGENT))).toContain(
      'Review the order',
    );
  });

  it('R-ROLE-9: a cart confirmed by someone else, or after 15 minutes, buys nothing', async () => {
    const cart = await say('buy 3 Microsoft 365 E3 for contoso ltd monthly');
    const before = await bot.db.prisma.order.count();
    expect(
      textOf(await press(cart, 'Purchase', { 'quantity-0': '3', 'cycle-0': 'monthly' }, BILLING_ADMIN)),
    ).toContain('Only the person who started this');
    clock.advance(15 * 60_000);
    expect(textOf(await press(cart, 'Purchase', { 'quantity-0': '3', 'cycle-0': 'monthly' }))).toContain(
      'has expired',
    );
    expect(await bot.db.prisma.order.count()).toBe(before);
  });

  it('R-ROLE-9: pressing Purchase twice gives one order and shows it again', async () => {
    const cart = await say('buy 6 Microsoft 365 E3 for contoso ltd monthly');
    const first = textOf(await press(cart, 'Purchase', { 'quantity-0': '6', 'cycle-0': 'monthly' }));
    const second = textOf(await press(cart, 'Purchase', { 'quantity-0': '6', 'cycle-0': 'monthly' }));
    const orderId = /(ORD-[A-Z0-9]{8})/.exec(first)![1];
    expect(second).toContain('This was already done');
    expect(second).toContain(orderId);
    expect(
      await bot.db.prisma.order.count({
        where: { pendingActionId: String(buttonNamed(cart, 'Purchase').data.pendingId) },
      }),
    ).toBe(1);
  });

  it('R-BUY-1: the Emulator’s Action.Submit buys too, in Korean', async () => {
    const reply = await post(
      bot.endpoint,
      messageActivity('구매 Microsoft 365 E3 2개 고객 contoso ltd 월간', {
        from: SALES_AGENT,
        channelId: 'emulator',
        locale: 'ko-KR',
      }),
    );
    const cart = cardsOf(reply)[0]!;
    expect(textOf(cart)).toContain('Contoso Ltd 주문 검토');
    const purchase = buttonNamed(cart, '구매');
    expect(purchase.type).toBe('Action.Submit');
    const done = cardsOf(
      await post(
        bot.endpoint,
        submitActivity(
          { ...purchase.data, 'quantity-0': '2', 'cycle-0': 'monthly' },
          { from: SALES_AGENT, locale: 'ko-KR' },
        ),
      ),
    )[0]!;
    expect(textOf(done)).toMatch(/주문 ORD-[A-Z0-9]{8} 완료/);
  });

  it('Discard drops the cart; Purchase afterwards buys nothing', async () => {
    const cart = await say('buy 1 Microsoft 365 E3 for contoso ltd monthly');
    expect(textOf(await press(cart, 'Discard'))).toContain('Nothing was changed');
    expect(textOf(await press(cart, 'Purchase', { 'quantity-0': '1', 'cycle-0': 'monthly' }))).toContain(
      'cancelled earlier',
    );
  });
});

describe('suspending and reactivating (R-SUS)', () => {
  it('R-SUS-1, R-SUS-2: the preview shows the data deletion date from the customer’s dates; confirming suspends', async () => {
    const { subscriptionId } = await buy('buy 3 Exchange Online (Plan 1) for contoso ltd monthly');
    const preview = await say(`suspend ${subscriptionId}`);
    const text = textOf(preview);
    expect(text).toContain('can no longer sign in');
    expect(text).toContain('deleted on 2027-02-19 09:00 UTC (after 90 days)');
    clock.advance(60_000);
    const result = await press(preview, 'Confirm');
    expect(textOf(result)).toContain('Subscription suspended');
    const stored = await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(stored.status).toBe('suspended');
    expect(stored.dataDeletedAt?.toISOString()).toBe('2027-02-19T09:01:00.000Z');
  });

  it('R-SUS-2: a customer whose first billing came 40 days after account creation keeps data 120 days, in Korean', async () => {
    const { subscriptionId } = await buy('buy 2 Exchange Online (Plan 1) for northwind traders monthly');
    const preview = await say(`일시중단 ${subscriptionId}`, SALES_AGENT, 'ko-KR');
    expect(textOf(preview)).toContain('120일 후');
  });

  it('R-NCE-3: suspending a new-commerce subscription says it is still billed and auto-renew goes off', async () => {
    const { subscriptionId } = await buy('buy 2 Microsoft 365 E3 (NCE, annual) for contoso ltd annual');
    const preview = await say(`suspend ${subscriptionId}`);
    expect(textOf(preview)).toContain('still billed while suspended');
    await press(preview, 'Confirm');
    expect(
      (await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).autoRenew,
    ).toBe(false);
  });

  it('R-SUS-3: reactivates before the deletion date, and refuses at it', async () => {
    const { subscriptionId } = await buy('buy 1 Exchange Online (Plan 1) for woodgrove bank monthly');
    await press(await say(`suspend ${subscriptionId}`), 'Confirm');
    const stored = await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    const deadline = stored.dataDeletedAt!.getTime();
    clock.set(new Date(deadline - 5 * 60_000).toISOString());
    const preview = await say(`reactivate ${subscriptionId}`);
    expect(textOf(preview)).toContain('Reactivate this subscription?');
    clock.set(new Date(deadline).toISOString());
    const refused = await press(preview, 'Confirm');
    expect(textOf(refused)).toContain('can no longer be reactivated');
    expect(
      (await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).status,
    ).toBe('suspended');
    expect(textOf(await say(`reactivate ${subscriptionId}`))).toContain('can no longer be reactivated');
    clock.set(new Date(deadline - 1).toISOString());
    const done = await press(await say(`reactivate ${subscriptionId}`), 'Confirm');
    expect(textOf(done)).toContain('Subscription reactivated');
  });

  it('finds a subscription by customer and product, with a choice when several match', async () => {
    const card = await say('suspend contoso ltd Microsoft 365');
    expect(textOf(card)).toContain('Which subscription do you mean?');
    const one = await say('suspend contoso ltd Exchange Online');
    expect(textOf(one)).toMatch(/Which subscription do you mean\?|Suspend this subscription\?/);
  });

  it('refuses to suspend a subscription that is not active, without changing it', async () => {
    const card = await say('suspend SUB-tailspin-teams');
    expect(textOf(card)).toContain('the subscription is Expired');
  });

  it('R-ROLE-1, R-ROLE-10: someone without a subscription role is refused before anything is looked up', async () => {
    const card = await say('suspend SUB-contoso-e3', staffWithRole('marketing-content-admin'));
    expect(textOf(card)).toContain("You can't suspend subscriptions");
    expect(textOf(card)).not.toContain('Contoso');
  });

  it('the subscription list offers Suspend, Cancel and Reactivate buttons that start the same flows', async () => {
    const list = await say('subscriptions fabrikam');
    const reactivate = buttonsOf(list).find((b) => b.verb === 'subscription.reactivate.start');
    expect(reactivate).toBeDefined();
    const preview = invokeCardOf(
      await post(bot.endpoint, executeActivity(reactivate!.verb!, reactivate!.data, { from: SALES_AGENT })),
    );
    expect(textOf(preview)).toContain('Reactivate this subscription?');
  });
});

describe('cancelling (R-CAN)', () => {
  const cancelWithReason = async (subscriptionId: string, reason = 'bought by mistake') => {
    const asked = await say(`cancel ${subscriptionId}`);
    expect(textOf(asked)).toContain('Why cancel this subscription?');
    return press(asked, 'Continue', { reason });
  };

  it('R-CAN-5, R-CAN-1: asks for a reason, shows the full credit and the time left, then cancels now', async () => {
    const { subscriptionId } = await buy('buy 10 Microsoft 365 E3 for contoso ltd monthly');
    clock.advance(2 * 3_600_000);
    const preview = await cancelWithReason(subscriptionId);
    const text = textOf(preview);
    expect(text).toContain('cancelled now, with a full credit of USD 320.00');
    expect(text).toContain('22 h 0 m left');
    expect(text).toContain('bought by mistake');
    const done = await press(preview, 'Yes, cancel');
    expect(textOf(done)).toContain('Subscription cancelled');
    const stored = await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(stored.status).toBe('cancelled');
    const audit = await bot.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: 'subscription.cancel', subjectId: subscriptionId, outcome: 'allowed' },
    });
    expect(audit.detail).toMatchObject({
      effect: 'cancel-now-full-credit',
      rule: 'R-CAN-1',
      credit: 320,
      reason: 'bought by mistake',
    });
  });

  it('R-CAN-2: 24 hours after the order the cancellation is scheduled at renewal, with no credit', async () => {
    const { subscriptionId } = await buy('buy 2 Microsoft 365 E3 for contoso ltd monthly');
    clock.advance(24 * 3_600_000);
    const preview = await cancelWithReason(subscriptionId);
    expect(textOf(preview)).toContain(
      'cancelled at renewal on 2026-12-21 (auto-renew turned off); no credit',
    );
    await press(preview, 'Yes, cancel');
    const stored = await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(stored.status).toBe('active');
    expect(stored.autoRenew).toBe(false);
    expect(stored.cancelAt?.toISOString()).toBe('2026-12-21T09:00:00.000Z');
    expect(textOf(await say('subscriptions contoso ltd'))).toContain('cancels on 2026-12-21');
  });

  it('R-CAN-1, R-ROLE-9: if the window closes between preview and click, nothing happens and the new effect needs a new confirmation', async () => {
    const { subscriptionId } = await buy('buy 2 Microsoft 365 E3 for contoso ltd monthly');
    clock.advance(23 * 3_600_000 + 59 * 60_000);
    const preview = await cancelWithReason(subscriptionId);
    expect(textOf(preview)).toContain('full credit');
    clock.advance(60_000);
    const again = await press(preview, 'Yes, cancel');
    expect(textOf(again)).toContain('the window closed while you were deciding');
    expect(textOf(again)).toContain('cancelled at renewal');
    const stored = await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } });
    expect(stored.status).toBe('active');
    expect(stored.cancelAt).toBeNull();
    await press(again, 'Yes, cancel');
    expect(
      (await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).cancelAt,
    ).not.toBeNull();
  });

  it('R-CAN-3: an annual subscription has 14 days for a full credit', async () => {
    const { subscriptionId } = await buy('buy 1 Microsoft 365 E3 for contoso ltd annual');
    clock.advance(14 * 86_400_000 - 1);
    expect(textOf(await cancelWithReason(subscriptionId))).toContain('full credit of USD 384.00');
    clock.advance(1);
    expect(textOf(await cancelWithReason(subscriptionId))).toContain('cancelled at renewal');
  });

  it('R-NCE-1: a new-commerce subscription is refunded pro rata within 168 hours and not after', async () => {
    const { subscriptionId } = await buy('buy 1 Microsoft 365 E3 (NCE, annual) for coho winery annual');
    clock.advance(167 * 3_600_000);
    expect(textOf(await cancelWithReason(subscriptionId))).toContain('prorated refund');
    clock.advance(3_600_000);
    const refused = await say(`cancel ${subscriptionId}`);
    expect(textOf(refused)).toContain('the 7-day cancellation window closed');
  });

  it('R-CAN-5: the reason is required', async () => {
    const { subscriptionId } = await buy('buy 1 Microsoft 365 E3 for contoso ltd monthly');
    const asked = await say(`cancel ${subscriptionId}`);
    expect(textOf(await press(asked, 'Continue', { reason: '   ' }))).toContain(
      'Please tell me which reason',
    );
  });

  it('R-CAN-5: a reason typed inline goes straight to the confirmation, in Korean', async () => {
    const { subscriptionId } = await buy('buy 1 Microsoft 365 E3 for contoso ltd monthly');
    const preview = await say(`취소 ${subscriptionId} 사유 잘못 구매함`, SALES_AGENT, 'ko-KR');
    expect(textOf(preview)).toContain('이 구독을 취소할까요?');
    expect(textOf(preview)).toContain('잘못 구매함');
  });

  it('R-CAN-6: auto-renew can be turned off and on again; on withdraws a scheduled cancellation', async () => {
    const { subscriptionId } = await buy('buy 1 Microsoft 365 E3 for contoso ltd monthly');
    await press(await say(`autorenew ${subscriptionId} off`), 'Confirm');
    expect(
      (await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).autoRenew,
    ).toBe(false);
    expect(textOf(await say(`autorenew ${subscriptionId} off`))).toContain('auto-renew is already off');
    await press(await say(`autorenew ${subscriptionId} on`), 'Confirm');
    expect(
      (await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).autoRenew,
    ).toBe(true);
  });
});

describe('license counts (R-NCE-2)', () => {
  it('R-NCE-2: new-commerce licenses can be reduced within 7 days of being added, not after; increases any time', async () => {
    const { subscriptionId } = await buy('buy 10 Microsoft 365 E3 (NCE, annual) for litware annual');
    const down = await say(`licenses ${subscriptionId} 8`);
    expect(textOf(down)).toContain('From 10 to 8 licenses.');
    await press(down, 'Confirm');
    clock.advance(7 * 86_400_000);
    expect(textOf(await say(`licenses ${subscriptionId} 5`))).toContain(
      'only licenses added in the last 7 days can be removed, so the count cannot go below 8 now',
    );
    const up = await say(`licenses ${subscriptionId} 12`);
    await press(up, 'Confirm');
    expect(
      (await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: subscriptionId } })).quantity,
    ).toBe(12);
    expect(textOf(await say(`licenses ${subscriptionId} 11`))).toContain('From 12 to 11 licenses.');
  });

  it('a license count that is not a whole number is refused', async () => {
    expect(textOf(await say('licenses SUB-contoso-e3 2.5'))).toContain('is not a license count');
    expect(textOf(await say('licenses SUB-contoso-e3 0'))).toContain('whole number from 1');
  });
});

export type { Card };

describe('type-ahead in cards', () => {
  const search = async (dataset: string, queryText: string, from: TestPerson = SALES_AGENT) => {
    const activity = executeActivity('x', {}, { from });
    const reply = await post(bot.endpoint, {
      ...activity,
      name: 'application/search',
      value: { queryText, dataset, queryOptions: { skip: 0, top: 15 } },
    });
    expect(reply.status).toBe(200);
    const body = reply.body as { type: string; value: { results: Array<{ title: string; value: string }> } };
    expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
    return body.value.results;
  };

  it('R-CAT-1: the product picker of the cart suggests products as the user types, typos included', async () => {
    const results = await search('products', 'exchnge');
    expect(results.map((r) => r.value)).toContain('exchange-online-p1');
  });

  it('R-CAT-1: the customer dataset suggests customers by partial name', async () => {
    const results = await search('customers', 'contoso');
    expect(results.map((r) => r.value).sort()).toEqual(['cus-contoso', 'cus-contoso-pharmaceuticals']);
  });

  it('R-ROLE-10: someone without a role gets no suggestions', async () => {
    expect(await search('customers', 'contoso', staffWithRole('marketing-content-admin'))).not.toHaveLength(
      0,
    );
    expect(
      await search('customers', 'contoso', {
        aadObjectId: '00000000-0000-4000-8000-0000000000ee',
        displayName: 'Nobody',
      }),
    ).toEqual([]);
  });

  it('R-BUY-6: the cart offers only products sold to the customer, and a picked product id is added', async () => {
    const cart = await say('buy 1 Microsoft 365 E3 for contoso ltd monthly');
    const json = JSON.stringify(cart);
    expect(json).toContain('"value":"exchange-online-p1"');
    expect(json).not.toContain('"value":"m365-a3"');
    const added = await press(cart, 'Add to cart', { addProduct: 'teams-essentials' });
    expect(textOf(added)).toContain('**Microsoft Teams Essentials**');
  });
});

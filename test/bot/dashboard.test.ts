/**
 * Dashboard parity through /api/messages (issue 11): reading one order and browsing the catalog, typed
 * and by button, in English, Korean and Chinese.
 */
import { describe, expect, it } from 'vitest';
import { movableClock } from '../../src/domain/shared/time.js';
import { buttonsOf, textOf } from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT, NOBODY, SALES_AGENT, staffWithRole } from '../support/staff.js';

const START = '2026-11-21T09:00:00Z';
const bot = useTestBot({ clock: movableClock(START) });

describe('order ORD-… (R-ORD)', () => {
  it('R-ORD-1: every line, what it produced, the total and the tax note, in English', async () => {
    const card = await bot.say('order ORD-1001', SALES_AGENT);
    const text = textOf(card);
    expect(text).toContain('Order ORD-1001');
    expect(text).toContain('Microsoft 365 E3');
    expect(text).toContain('Exchange Online (Plan 1)');
    expect(text).toContain('Subscription SUB-contoso-e3');
    expect(text).toContain('Subscription SUB-contoso-exo');
    expect(text).toContain('1 year');
    expect(text).toContain('1 month');
    expect(text).toContain('Prices exclude tax.');
    const order = await bot.db.prisma.order.findUniqueOrThrow({ where: { id: 'ORD-1001' } });
    expect(text).toContain(
      `USD ${order.total.toNumber().toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    );
  });

  it('R-ORD-1: the Details button of the orders list opens the same card; Korean and Chinese words', async () => {
    const list = await bot.say('orders northwind', SALES_AGENT);
    const details = buttonsOf(list).filter((b) => b.title === 'Details');
    expect(details.length).toBeGreaterThan(0);
    const opened = await bot.press(list, 'Details', {}, SALES_AGENT);
    expect(textOf(opened)).toContain(`Order ${String(details[0]!.data.orderId)}`);
    expect(textOf(opened)).toContain('Prices include tax (billed in AU).');
    const ko = textOf(await bot.say('주문 ORD-1007', SALES_AGENT, { locale: 'ko-KR' }));
    expect(ko).toContain('주문 ORD-1007');
    expect(ko).toContain('가격에 세금이 포함되어 있습니다');
    const zh = textOf(await bot.say('订单 ORD-1007', SALES_AGENT, { locale: 'zh-CN' }));
    expect(zh).toContain('订单 ORD-1007');
    expect(zh).toContain('价格含税');
  });

  it('R-ORD-3: an admin agent gets cancel (days left), key and support on a software order; pressing cancel starts the real flow', async () => {
    const card = await bot.say('order ORD-2002', ADMIN_AGENT);
    const titles = buttonsOf(card).map((b) => b.title);
    expect(titles).toEqual(['Cancel order (1 day(s) left)', 'Product key', 'Support request']);
    const cancel = await bot.press(card, 'Cancel order (1 day(s) left)', {}, ADMIN_AGENT);
    expect(textOf(cancel)).toContain('ORD-2002');
    expect((await bot.db.prisma.order.findUniqueOrThrow({ where: { id: 'ORD-2002' } })).status).toBe(
      'completed',
    );
  });

  it('R-ORD-3, R-ROLE-9: a sales agent sees no software cancel or key, only support; without a role nothing of the order shows', async () => {
    const card = await bot.say('order ORD-2003', SALES_AGENT);
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Support request']);
    const viewer = await bot.say('order ORD-2003', NOBODY);
    expect(textOf(viewer)).not.toContain('ORD-2003');
  });

  it('R-ORD-1: an unknown order is a plain "not found"', async () => {
    const card = await bot.say('order ORD-DOESNOTEXIST', SALES_AGENT);
    expect(textOf(card)).toMatch(/couldn't find an? order matching “ORD-DOESNOTEXIST”/);
  });
});

describe('products … (R-CAT)', () => {
  it('R-CAT-2, R-CAT-3: filters and pages with Next and Previous carrying the filters', async () => {
    const first = await bot.say('products microsoft license', SALES_AGENT);
    const text = textOf(first);
    expect(text).toContain('Products');
    expect(text).toMatch(/page 1 of \d+/);
    expect(text).toContain('per licence per month');
    expect(buttonsOf(first).some((b) => b.title === 'Buy')).toBe(false);
    const second = await bot.press(first, 'Next', {}, SALES_AGENT);
    expect(textOf(second)).toMatch(/page 2 of/);
    expect(textOf(second)).toContain('Filters: Licence-based · “microsoft”');
    const back = await bot.press(second, 'Previous', {}, SALES_AGENT);
    expect(textOf(back)).toMatch(/page 1 of/);
  });

  it('R-CAT-4, R-CAT-5: for a customer, only what it can buy, what was left out and why, and Buy opens its cart', async () => {
    const card = await bot.say('products teams for northwind', SALES_AGENT);
    const text = textOf(card);
    expect(text).toContain('Products Northwind Traders can buy');
    expect(text).toContain('Microsoft Teams Essentials');
    expect(text).toContain('Prices include tax (billed in AU).');
    const cart = await bot.press(card, 'Buy', {}, SALES_AGENT);
    expect(textOf(cart)).toContain('Review the order for Northwind Traders');
    expect(textOf(cart)).toContain('Microsoft Teams Essentials');
    const left = textOf(await bot.say('products for northwind', SALES_AGENT));
    expect(left).toMatch(/\d+ product\(s\) left out for this customer:/);
    expect(left).toContain('usage-based (Azure portal) (R-BUY-5)');
    expect(left).toContain('one per customer, already held (R-BUY-2)');
  });

  it('R-CAT-4: Korean and Chinese commands and filters', async () => {
    const ko = textOf(await bot.say('제품 고객 northwind 평가판', SALES_AGENT, { locale: 'ko-KR' }));
    expect(ko).toContain('Northwind Traders 고객이 구매할 수 있는 제품');
    expect(ko).toContain('범주');
    const zh = textOf(await bot.say('产品 永久', SALES_AGENT, { locale: 'zh-CN' }));
    expect(zh).toContain('永久软件');
    expect(zh).toContain('一次性');
  });
});

describe('add-ons (R-ADD)', () => {
  it('R-ADD-1: the subscription list shows the add-on under its base; the Add-ons button lists what can be added', async () => {
    const list = await bot.say('subscriptions contoso ltd', SALES_AGENT);
    const text = textOf(list);
    expect(text).toContain('↳ Microsoft Teams Audio Conferencing · SUB-contoso-e3-audio');
    expect(text.indexOf('SUB-contoso-e3-audio')).toBeGreaterThan(
      text.indexOf('Microsoft 365 E3 · SUB-contoso-e3'),
    );
    const addOns = await bot.say('addons SUB-contoso-e3', SALES_AGENT);
    const shown = textOf(addOns);
    expect(shown).toContain('Add-ons of Microsoft 365 E3 (SUB-contoso-e3)');
    expect(shown).toContain('Microsoft 365 E5 Security add-on');
    expect(shown).toContain('150 more licence(s)');
  });

  it('R-ADD-2, R-ADD-3: Buy add-on previews the prorated price and the shared renewal; Buy with too many is refused, then a fitting count is bought', async () => {
    const addOns = await bot.say('addons SUB-contoso-e3', SALES_AGENT);
    const buyButtons = buttonsOf(addOns).filter((b) => b.title === 'Buy add-on');
    const security = buyButtons.find((b) => b.data.productId === 'm365-e5-security')!;
    const preview = await bot.press({ actions: [security] }, 'Buy add-on', {}, SALES_AGENT);
    const text = textOf(preview);
    expect(text).toContain('Add Microsoft 365 E5 Security add-on?');
    expect(text).toContain('Charged now, per licence');
    expect(text).toContain('Renews with its base on');
    const input = JSON.stringify(preview);
    expect(input).toContain('"type":"Input.Number"');
    const refused = await bot.press(preview, 'Buy', { quantity: '251' }, SALES_AGENT);
    expect(textOf(refused)).toContain('at most 250 more Microsoft 365 E5 Security add-on licence(s)');
    const done = await bot.press(preview, 'Buy', { quantity: '20' }, SALES_AGENT);
    expect(textOf(done)).toContain('Microsoft 365 E5 Security add-on added');
    const added = await bot.db.prisma.subscription.findFirstOrThrow({
      where: { productId: 'm365-e5-security', baseSubscriptionId: 'SUB-contoso-e3' },
    });
    expect(added.quantity).toBe(20);
    const again = await bot.press(preview, 'Buy', { quantity: '20' }, SALES_AGENT);
    expect(textOf(again)).toContain('already done');
    expect(
      await bot.db.prisma.subscription.count({
        where: { productId: 'm365-e5-security', baseSubscriptionId: 'SUB-contoso-e3' },
      }),
    ).toBe(1);
  });

  it('R-ADD-4: the suspend preview of a base names the add-ons that follow, in Korean too', async () => {
    const en = textOf(await bot.say('suspend SUB-contoso-e3', SALES_AGENT));
    expect(en).toContain('Its add-ons follow: ');
    expect(en).toContain('Microsoft Teams Audio Conferencing (SUB-contoso-e3-audio)');
    const ko = textOf(await bot.say('일시중단 SUB-contoso-e3', SALES_AGENT, { locale: 'ko-KR' }));
    expect(ko).toContain('추가 기능도 함께 변경됩니다');
  });
});

describe('billing cycle, term and upgrade (R-TRM, R-UPG)', () => {
  it('R-TRM-1: billing … annual previews "now", the prices and the charge, and Confirm changes it once', async () => {
    const preview = await bot.say('billing SUB-woodgrove-e5 annual', SALES_AGENT);
    const text = textOf(preview);
    expect(text).toContain('Change the billing cycle or term?');
    expect(text).toContain('Takes effect now: a new term starts today.');
    expect(text).toMatch(/Price per term: USD [\d,.]+ → USD [\d,.]+\./);
    expect(text).toMatch(/Charged now: USD [\d,.]+/);
    const done = await bot.press(preview, 'Confirm', {}, SALES_AGENT);
    expect(textOf(done)).toContain('Billing cycle or term changed');
    const row = await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: 'SUB-woodgrove-e5' } });
    expect(row.billingCycle).toBe('annual');
    const again = await bot.press(preview, 'Confirm', {}, SALES_AGENT);
    expect(textOf(again)).toContain('already done');
    expect(
      (await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: 'SUB-woodgrove-e5' } })).version,
    ).toBe(row.version);
  });

  it('R-TRM-1: Chinese words; an unknown subscription is plainly not found', async () => {
    const zh = textOf(
      await bot.say('计费周期 SUB-contoso-pharma-nope 按月', SALES_AGENT, { locale: 'zh-CN' }),
    );
    expect(zh).toContain('SUB-contoso-pharma-nope');
    const preview = textOf(
      await bot.say('期限 SUB-northwind-defender 按年', SALES_AGENT, { locale: 'zh-CN' }),
    );
    expect(preview).toContain('更改计费周期或期限？');
    expect(preview).toContain('立即生效');
  });

  it('R-UPG-1, R-UPG-3: upgrade lists the targets as buttons; choosing one previews price and effect; Confirm upgrades in place', async () => {
    const choice = await bot.say('upgrade alpine ski house business premium', SALES_AGENT);
    const titles = buttonsOf(choice).map((b) => b.title);
    expect(titles.filter((t) => t === 'Choose')).toHaveLength(2);
    expect(textOf(choice)).toContain('Microsoft 365 E5');
    const e5 = buttonsOf(choice).find((b) => String(b.data.product) === 'm365-e5')!;
    const preview = await bot.press({ actions: [e5] }, 'Choose', {}, SALES_AGENT);
    const text = textOf(preview);
    expect(text).toContain('Upgrade this subscription?');
    expect(text).toContain('the licences and their users stay as they are');
    expect(text).toMatch(/Charged now: USD [\d,.]+/);
    const done = await bot.press(preview, 'Confirm', {}, SALES_AGENT);
    expect(textOf(done)).toContain('Subscription upgraded');
    const upgraded = await bot.db.prisma.subscription.findFirstOrThrow({
      where: { customerId: 'cus-alpine-ski-house', productId: 'm365-e5' },
    });
    expect(upgraded.quantity).toBeGreaterThan(0);
  });

  it('R-UPG-2: in Korean, an attached add-on that cannot follow E5 (bought above) stops the upgrade; a referral admin may not upgrade', async () => {
    const ko = textOf(await bot.say('업그레이드 SUB-contoso-e3 대상 E5', SALES_AGENT, { locale: 'ko-KR' }));
    expect(ko).toContain('Microsoft 365 E5 Security add-on이(가) 이 구독에 연결되어 있어');
    expect(
      (await bot.db.prisma.subscription.findUniqueOrThrow({ where: { id: 'SUB-contoso-e3' } })).productId,
    ).toBe('m365-e3');
    const denied = textOf(await bot.say('upgrade SUB-contoso-e3 to E5', staffWithRole('referral-admin')));
    expect(denied).toContain("You can't upgrade subscriptions");
  });

  it('R-TRM-1, R-UPG-1: the subscription list has Switch and Upgrade buttons that open the same previews', async () => {
    const list = await bot.say('subscriptions coho winery', SALES_AGENT);
    const titles = buttonsOf(list).map((b) => b.title);
    expect(titles).toContain('Switch to annual');
    expect(titles).toContain('Upgrade');
    const preview = await bot.press(list, 'Switch to annual', {}, SALES_AGENT);
    expect(textOf(preview)).toContain('Change the billing cycle or term?');
    const upgrade = await bot.press(list, 'Upgrade', {}, SALES_AGENT);
    expect(textOf(upgrade)).toContain('Microsoft 365 E5');
    const referral = await bot.say('subscriptions coho winery', staffWithRole('referral-admin'));
    expect(buttonsOf(referral).map((b) => b.title)).not.toContain('Upgrade');
  });
});

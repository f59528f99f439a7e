/**
 * Cards never contradict the facts: a result card shows the subscription as it now is, a suspension's result
 * offers the way back, perpetual software is not sold as renewing, the list and the cancel card agree on a
 * trial, and a customer is offered only the products it can buy (through /api/messages).
 */
import { describe, expect, it } from 'vitest';
import { buttonsOf, textOf } from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT, GLOBAL_ADMIN, SALES_AGENT } from '../support/staff.js';

const bot = useTestBot();

describe('subscription change results tell the state after the change', () => {
  it('a licence change result shows the new count in its title and its facts alike', async () => {
    const preview = await bot.say('licenses SUB-contoso-exo 45', GLOBAL_ADMIN);
    const result = textOf(await bot.press(preview, 'Confirm', {}, GLOBAL_ADMIN));
    expect(result).toContain('Now 45 licenses');
    expect(result).toContain('45 · Monthly');
    expect(result).not.toContain('40 · Monthly');
  });

  it('R-SUS-3: a reactivation result says access is back and no longer offers a reactivation deadline', async () => {
    const preview = await bot.say('reactivate SUB-fabrikam-bp', GLOBAL_ADMIN);
    expect(textOf(preview)).toContain('It can be reactivated until');
    const result = textOf(await bot.press(preview, 'Confirm', {}, GLOBAL_ADMIN));
    expect(result).toContain('Subscription reactivated');
    expect(result).toContain('Users have access again');
    expect(result).not.toContain('can be reactivated until');
    expect(result).toContain('Active');
  });

  it('R-SUS-1: a suspend result has a Reactivate button that leads to the reactivation preview (and in Korean)', async () => {
    const preview = await bot.say('suspend SUB-contoso-helpdesk', GLOBAL_ADMIN);
    const result = await bot.press(preview, 'Confirm', {}, GLOBAL_ADMIN);
    expect(textOf(result)).toContain('Subscription suspended');
    const reactivate = buttonsOf(result).find((b) => b.title === 'Reactivate');
    expect(reactivate?.verb).toBe('subscription.reactivate.start');
    const again = await bot.press(result, 'Reactivate', {}, GLOBAL_ADMIN);
    expect(textOf(again)).toContain('Reactivate this subscription?');

    const korean = await bot.press(
      await bot.say('suspend SUB-woodgrove-e5', GLOBAL_ADMIN, { locale: 'ko-KR' }),
      '확인',
      {},
      GLOBAL_ADMIN,
      { locale: 'ko-KR' },
    );
    expect(buttonsOf(korean).map((b) => b.verb)).toContain('subscription.reactivate.start');
  });
});

describe('perpetual software is not sold as renewing', () => {
  it('the cart and the purchase result of a perpetual licence say it does not renew', async () => {
    const cart = await bot.say(
      'buy 2 Windows Server 2022 Standard - 16 Core License for contoso ltd',
      ADMIN_AGENT,
    );
    expect(textOf(cart)).not.toContain('renew automatically');
    expect(textOf(cart)).toContain('do not renew');
    const result = textOf(await bot.press(cart, 'Purchase', {}, ADMIN_AGENT));
    expect(result).toContain('one-time purchase');
    expect(result).toContain('perpetual licence, does not renew');
    expect(result).not.toMatch(/renews \d/);
    expect(result).not.toContain('(Annual)');
  });

  it('a subscription in the cart still says it renews automatically', async () => {
    const cart = await bot.say('buy 10 Microsoft 365 E3 for contoso ltd monthly', SALES_AGENT);
    expect(textOf(cart)).toContain('renew automatically');
  });
});

describe('R-BUY-9: the list and the cancel card agree on a free trial', () => {
  it('a subscription in its trial shows its trial end in the list, and the cancel card says it is in its trial', async () => {
    const list = await bot.say('subscriptions fabrikam', GLOBAL_ADMIN);
    const record = JSON.stringify(list);
    const item = record.slice(record.indexOf('SUB-fabrikam-analytics'));
    const trialEnds = /"title":"Trial ends","value":"([^"]+)"/.exec(item)?.[1];
    expect(trialEnds).toMatch(/^\d{4}-\d{2}-\d{2}/);
    const renews = /"title":"Renews","value":"([^"]+)"/.exec(item)?.[1];
    expect(renews).toBe(trialEnds);

    const reason = await bot.say('cancel SUB-fabrikam-analytics', GLOBAL_ADMIN);
    const preview = await bot.press(reason, 'Continue', { reason: 'Not needed' }, GLOBAL_ADMIN);
    expect(textOf(preview)).toContain('still in its free trial');
  });

  it('a subscription bought now shows the same trial end in the list as its purchase result', async () => {
    const cart = await bot.say('buy 5 Contoso Analytics for contoso ltd', SALES_AGENT);
    const result = textOf(await bot.press(cart, 'Purchase', {}, SALES_AGENT));
    const until = /free trial until (\d{4}-\d{2}-\d{2})/.exec(result)?.[1];
    expect(until).toBeDefined();
    const list = JSON.stringify(await bot.say('subscriptions contoso ltd', GLOBAL_ADMIN));
    expect(list).toContain(`"title":"Trial ends","value":"${until}"`);
  });
});

describe('R-BUY-6: a customer is offered only the products it can buy', () => {
  it('R-BUY-6: the product choice for a commercial customer leaves out government and education products', async () => {
    const choice = await bot.say('buy 10 Microsoft 365 for contoso ltd', SALES_AGENT);
    const offered = textOf(choice);
    expect(offered).toContain('Microsoft 365 E3');
    expect(offered).not.toContain('G3 GCC');
    expect(offered).not.toContain('A3 for faculty');
  });

  it('R-BUY-6: naming a product the customer cannot have says why, in English and Chinese', async () => {
    expect(textOf(await bot.say('buy 10 Microsoft 365 G3 GCC for contoso ltd', SALES_AGENT))).toContain(
      'is not offered to',
    );
    const zh = textOf(
      await bot.say('buy 10 Microsoft 365 A3 for faculty for contoso ltd', SALES_AGENT, { locale: 'zh-CN' }),
    );
    expect(zh).toContain('Microsoft 365 A3 for faculty');
    expect(zh).not.toContain('购物车');
  });
});

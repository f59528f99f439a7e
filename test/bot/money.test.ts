/**
 * Money adds up (R-MON-1, R-SUP-2): order lines carry what they charged, credits never exceed it, and a
 * refund request asks at most what is left to refund for the line it names, which the user may lower.
 * Conversations through /api/messages.
 */
import { describe, expect, it } from 'vitest';
import { textOf } from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT, GLOBAL_ADMIN } from '../support/staff.js';

const bot = useTestBot();

/** Every `USD 1,234.56` amount in a text, as numbers. */
const amounts = (text: string) =>
  [...text.matchAll(/USD ([\d,]+\.\d{2})/g)].map((m) => Number(m[1]!.replace(/,/g, '')));

const cancelPreview = async (subscriptionId: string) => {
  const reason = await bot.say(`cancel ${subscriptionId}`, GLOBAL_ADMIN);
  return bot.press(reason, 'Continue', { reason: 'Not needed' }, GLOBAL_ADMIN);
};

describe('R-MON-1: credits come from what the order line charged', () => {
  it('R-MON-1: ORD-1003’s total is the sum of its lines, and cancelling both lines credits no more than it', async () => {
    const orders = textOf(await bot.say('orders contoso pharma', GLOBAL_ADMIN));
    const block = orders.slice(
      orders.indexOf('ORD-1003'),
      orders.indexOf('ORD-', orders.indexOf('ORD-1003') + 8),
    );
    const [total] = amounts(block);
    // 120 × Relecloud Backup (annual, 4.50 a month) + 40 × Microsoft 365 E5 NCE (annual, 57 a month).
    expect(total).toBe(120 * 4.5 * 12 + 40 * 57 * 12);

    const backup = amounts(textOf(await cancelPreview('SUB-contosopharma-backup')));
    const e5 = amounts(textOf(await cancelPreview('SUB-contosopharma-e5-nce')));
    expect(backup[0]).toBeLessThanOrEqual(120 * 4.5 * 12);
    expect(e5[0]).toBeLessThanOrEqual(40 * 57 * 12);
    expect(backup[0]! + e5[0]!).toBeLessThanOrEqual(total!);
  });
});

/** A refund request's fields, asking for `amount`. */
const refundForm = (amount: string) => ({
  reason: 'Bought by mistake',
  impact: 'moderate',
  title: 'Refund',
  contactName: 'Ada Wong',
  contactEmail: 'ada@example.com',
  contactPhone: '+1 425 555 0100',
  amount,
});

describe('R-SUP-2: the refund request asks what is left to refund for what it names', () => {
  it('R-SUP-2: for a SUB-… the form prefills that line’s charge, not the whole order’s total', async () => {
    const form = await bot.say('support request SUB-contosopharma-e5-nce', ADMIN_AGENT);
    const text = textOf(form);
    expect(text).toContain('USD 27,360.00');
    expect(text).not.toContain('33,840');
    expect(JSON.stringify(form)).toMatch(/"id":"amount"[^}]*"max":27360/);
  });

  it('R-SUP-2: the user may lower the amount, and the request asks for that', async () => {
    const form = await bot.say('support request SUB-contosopharma-e5-nce', ADMIN_AGENT);
    const receipt = await bot.press(form, 'Submit request', refundForm('1200.50'), ADMIN_AGENT);
    expect(textOf(receipt)).toContain('Amount requested: 1200.50 USD');
  });

  it('R-SUP-2: more than is refundable is refused: the form comes back naming the amount', async () => {
    const form = await bot.say('support request SUB-contosopharma-e5-nce', ADMIN_AGENT);
    const again = await bot.press(form, 'Submit request', refundForm('99999'), ADMIN_AGENT);
    expect(textOf(again)).toContain('Please check the Amount requested');
  });

  it('R-SUP-2: after a cancellation with full credit, a refund request is refused with the reason (English and Korean)', async () => {
    const preview = await cancelPreview('SUB-contosopharma-backup');
    expect(textOf(preview)).toContain('full credit of USD 6,480.00');
    await bot.press(preview, 'Yes, cancel', {}, GLOBAL_ADMIN);
    const refused = textOf(await bot.say('support request SUB-contosopharma-backup', ADMIN_AGENT));
    expect(refused).toContain('nothing left to refund');
    expect(refused).toContain('6480.00 USD was already credited');
    const korean = textOf(
      await bot.say('support request SUB-contosopharma-backup', ADMIN_AGENT, { locale: 'ko-KR' }),
    );
    expect(korean).toContain('더 환불할 금액이 없습니다');
  });

  it('R-SUP-2: a software order cancelled with full credit cannot be asked again', async () => {
    const ack = await bot.say('cancel order ORD-2010', ADMIN_AGENT);
    await bot.press(ack, 'Cancel the order', { acknowledged: 'true' }, ADMIN_AGENT);
    expect(textOf(await bot.say('support request ORD-2010', ADMIN_AGENT))).toContain(
      'nothing left to refund',
    );
  });
});

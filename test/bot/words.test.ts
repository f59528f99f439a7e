/**
 * The words on the cards (issue 10): dismiss buttons that do not borrow the cancel command's word, time
 * zones by a readable name and offset, a bare `orders` asks which customer, and no button that can only be
 * refused (SUSE/Red Hat plans). English and Korean or Chinese, through /api/messages.
 */
import { describe, expect, it } from 'vitest';
import { buttonsOf, textOf } from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT, BILLING_ADMIN, GLOBAL_ADMIN } from '../support/staff.js';

const bot = useTestBot();
const titles = (card: unknown) => buttonsOf(card).map((b) => b.title);

describe('dismiss buttons', () => {
  it('a change preview is dismissed with "Not now" (나중에, 暂不), never the cancel command’s word', async () => {
    expect(titles(await bot.say('suspend SUB-contoso-exo', GLOBAL_ADMIN))).toEqual(['Confirm', 'Not now']);
    const ko = titles(await bot.say('suspend SUB-contoso-exo', GLOBAL_ADMIN, { locale: 'ko-KR' }));
    expect(ko).toContain('나중에');
    expect(ko).not.toContain('취소');
    const zh = titles(await bot.say('suspend SUB-contoso-exo', GLOBAL_ADMIN, { locale: 'zh-CN' }));
    expect(zh).toContain('暂不');
    expect(zh).not.toContain('取消');
  });

  it('the subscription cancel preview is dismissed with "Keep it"', async () => {
    const reason = await bot.say('cancel SUB-woodgrove-e5', GLOBAL_ADMIN);
    const preview = await bot.press(reason, 'Continue', { reason: 'Not needed' }, GLOBAL_ADMIN);
    expect(titles(preview)).toContain('Keep it');
  });
});

describe('time zones', () => {
  it('are shown by a readable name with the offset (and the id), in English and Korean', async () => {
    expect(textOf(await bot.say('whoami', BILLING_ADMIN, { timeZone: 'Asia/Seoul' }))).toContain(
      'Korean Standard Time (UTC+9, Asia/Seoul)',
    );
    expect(
      textOf(await bot.say('whoami', BILLING_ADMIN, { timeZone: 'Asia/Seoul', locale: 'ko-KR' })),
    ).toContain('한국 표준시 (UTC+9, Asia/Seoul)');
  });
});

describe('a command without its customer', () => {
  it('`orders` alone asks which customer (English and Chinese)', async () => {
    expect(textOf(await bot.say('orders', GLOBAL_ADMIN))).toContain('Which customer?');
    expect(textOf(await bot.say('订单', GLOBAL_ADMIN, { locale: 'zh-CN' }))).toContain('哪个客户');
  });
});

describe('no button that can only be refused', () => {
  it('R-SWC-3: a Red Hat plan has no "Cancel order…" button and says it cannot be cancelled', async () => {
    const list = await bot.say('software contoso ltd', ADMIN_AGENT);
    const rhel = buttonsOf(list).filter((b) => b.data.product === 'ORD-2007');
    expect(rhel.map((b) => b.verb)).not.toContain('software.cancel.start');
    expect(textOf(list)).toContain('Cannot be cancelled or exchanged');
    // Other software of the same customer still has its Cancel button.
    expect(buttonsOf(list).some((b) => b.verb === 'software.cancel.start')).toBe(true);
  });
});

describe('the help card', () => {
  it('has buttons for the next steps it mentions that need nothing more, and they work (English and Korean)', async () => {
    const help = await bot.say('help', GLOBAL_ADMIN);
    expect(titles(help)).toEqual(expect.arrayContaining(['Whoami', 'Staff', 'Reminders', 'Activity']));
    expect(textOf(await bot.press(help, 'Staff', {}, GLOBAL_ADMIN))).toContain('Grace Kim');
    const korean = await bot.say('도움말', ADMIN_AGENT, { locale: 'ko-KR' });
    expect(titles(korean)).toContain('내정보');
    expect(titles(korean)).not.toContain('직원');
  });
});

describe('the activity log', () => {
  it('R-KEY-5: shows each event in at most two lines (when · what · who, then customer: product · order)', async () => {
    const chooser = await bot.say('key ORD-2001', ADMIN_AGENT);
    await bot.press(
      chooser,
      'Get key and link',
      { version: '2022', language: 'en-US', variant: 'iso-x64' },
      ADMIN_AGENT,
    );
    const card = await bot.say('activity', GLOBAL_ADMIN);
    const items = (card.body as Array<{ type: string; items?: unknown[] }>).filter(
      (b) => b.type === 'Container',
    );
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const facts = (item.items as Array<{ type: string; facts?: unknown[] }>).find(
        (i) => i.type === 'FactSet',
      );
      expect(facts?.facts ?? []).toHaveLength(1);
    }
    expect(textOf(card)).toContain('Ada Wong');
    expect(textOf(card)).toContain('ORD-2001');
  });
});

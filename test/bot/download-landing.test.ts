/**
 * R-KEY-7: only a deliberate download counts. Opening a link (the person, a link preview or unfurl, HEAD)
 * shows a landing page that counts and records nothing; its Download button (a POST) counts one. A link
 * of a cancelled order says why it stopped and what to do instead of "ask again".
 */
import { describe, expect, it } from 'vitest';
import type { Card } from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT } from '../support/staff.js';

const bot = useTestBot();

const downloadUrlOf = (card: Card): string =>
  (card.actions as Array<{ type: string; url?: string }>).find((a) => a.type === 'Action.OpenUrl')!.url!;

async function freshLink(orderId: string): Promise<string> {
  const chooser = await bot.say(`key ${orderId}`, ADMIN_AGENT);
  const office = { version: '2021', language: 'en-US', variant: 'x64' };
  return downloadUrlOf(await bot.press(chooser, 'Get key and link', office, ADMIN_AGENT));
}

const downloadsRecorded = (orderId: string) =>
  bot.db.prisma.auditEvent.count({ where: { action: 'software.download', subjectId: orderId } });

describe('R-KEY-7: a look at a download link counts nothing', () => {
  it('R-KEY-7: GET (a person or a link preview) and HEAD show the landing page and count nothing; its button counts one', async () => {
    const url = await freshLink('ORD-2010');
    const before = await downloadsRecorded('ORD-2010');

    const page = await fetch(url, { redirect: 'manual' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<form method="post">');
    expect(html).toContain('Download');
    expect(html).toContain('opening this page does not');
    const unfurl = await fetch(url, {
      redirect: 'manual',
      headers: { 'user-agent': 'Mozilla/5.0 (compatible; SkypeUriPreview Preview/0.5)' },
    });
    expect(unfurl.status).toBe(200);
    expect((await fetch(url, { method: 'HEAD', redirect: 'manual' })).status).toBe(200);
    expect(await downloadsRecorded('ORD-2010')).toBe(before);

    const download = await fetch(url, { method: 'POST', redirect: 'manual' });
    expect(download.status).toBe(302);
    expect(download.headers.get('location')).toMatch(/^https?:\/\//);
    expect(await downloadsRecorded('ORD-2010')).toBe(before + 1);
  });

  it('R-KEY-7: the landing page speaks the browser’s language (Korean)', async () => {
    const url = await freshLink('ORD-2010');
    const html = await (await fetch(url, { headers: { 'accept-language': 'ko-KR,ko;q=0.9' } })).text();
    expect(html).toContain('다운로드 준비 완료');
  });
});

describe('R-SWC-6: the link of a cancelled order', () => {
  it('R-SWC-6: answers 410 saying the order was cancelled and what to do, not "ask the bot again" (English and Chinese)', async () => {
    const url = await freshLink('ORD-2010');
    const ack = await bot.say('cancel order ORD-2010', ADMIN_AGENT);
    await bot.press(ack, 'Cancel the order', { acknowledged: 'true' }, ADMIN_AGENT);

    const gone = await fetch(url, { redirect: 'manual' });
    expect(gone.status).toBe(410);
    const html = await gone.text();
    expect(html).toContain('its order was cancelled');
    expect(html).toContain('buy it again');
    expect(html).not.toContain('ask the bot in Teams again');
    expect((await fetch(url, { method: 'POST', redirect: 'manual' })).status).toBe(410);
    const zh = await (await fetch(url, { headers: { 'accept-language': 'zh-CN' } })).text();
    expect(zh).toContain('订单已取消');
  });
});

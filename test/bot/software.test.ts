/**
 * Software purchases from chat, end to end through /api/messages and the bot's own HTTP links: product keys
 * and counted download links (personal chat, channel, proactive delivery), cancelling an order, refund
 * support requests, and the activity log with its CSV export, in English and Korean.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, at, movableClock } from '../../src/domain/shared/time.js';
import { createLogger } from '../../src/log.js';
import {
  buttonNamed,
  buttonsOf,
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  textOf,
  type ActivityOptions,
  type Card,
  startLocalConnector,
  startTestBot,
} from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT, GLOBAL_ADMIN, type TestPerson } from '../support/staff.js';

const START = '2026-11-21T09:00:00Z';
const clock = movableClock(START);
const bot = useTestBot({ clock });
afterEach(() => clock.set(START));

type Options = Omit<ActivityOptions, 'from'>;

const say = async (text: string, from: TestPerson = ADMIN_AGENT, options: Options = {}) => {
  const reply = await post(bot.endpoint, messageActivity(text, { from, ...options }));
  expect(reply.status).toBe(200);
  const cards = cardsOf(reply);
  expect(cards).toHaveLength(1);
  return cards[0]!;
};

const press = async (
  card: unknown,
  title: string,
  inputs: Record<string, unknown> = {},
  from: TestPerson = ADMIN_AGENT,
  options: Options = {},
) => {
  const button = buttonNamed(card, title);
  const reply = await post(
    bot.endpoint,
    executeActivity(button.verb!, { ...button.data, ...inputs }, { from, ...options }),
  );
  expect(reply.status).toBe(200);
  return invokeCardOf(reply);
};

/** The product key a key card shows. */
const productKeyOf = (card: Card): string | undefined =>
  (card.body as Array<{ fontType?: string; text?: string }>).find((block) => block.fontType === 'Monospace')
    ?.text;

/** The Download button's address on a key card. */
const downloadUrlOf = (card: Card): string | undefined =>
  (card.actions as Array<{ type: string; url?: string }> | undefined)?.find(
    (a) => a.type === 'Action.OpenUrl',
  )?.url;

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!;

const OFFICE = { version: '2021', language: 'en-US', variant: 'x64' };
const SERVER = { version: '2022', language: 'en-US', variant: 'iso-x64' };

let bought = 0;

/** Buys software for a customer through the bot, as an admin agent: its order id. */
async function buySoftware(product: string, customer: string, quantity = 1): Promise<string> {
  bought += 1;
  const cart = await say(`buy ${quantity} ${product} for ${customer}`);
  expect(textOf(cart)).toContain('Review the order');
  const result = await press(cart, 'Purchase', { 'quantity-0': String(quantity), 'cycle-0': 'annual' });
  const orderId = /Order (ORD-[A-Z0-9]+) placed/.exec(textOf(result))?.[1];
  if (!orderId) throw new Error(`purchase ${bought} failed: ${textOf(result)}`);
  return orderId;
}

/** `key <order>` in a personal chat, then Get key and link: the key card. */
async function getKey(
  orderId: string,
  choice: Record<string, unknown> = OFFICE,
  from: TestPerson = ADMIN_AGENT,
) {
  const chooser = await say(`key ${orderId}`, from);
  return press(chooser, 'Get key and link', choice, from);
}

/** The deliberate download (the landing page's button: a POST to the link), without following redirects. */
const fetchLink = (url: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', redirect: 'manual', headers });

const auditCount = (where: { action: string; subjectId: string }) =>
  bot.db.prisma.auditEvent.count({ where: { ...where, outcome: 'allowed' } });

// ---- product keys ----

describe('getting a product key in a personal chat (R-KEY-1, R-KEY-2, R-KEY-3)', () => {
  it('R-KEY-1: a typed key command shows the chooser, and Get key and link gives the key and a Download link', async () => {
    const chooser = await say('key Windows Server 2022 Datacenter for contoso ltd');
    const shown = textOf(chooser);
    expect(shown).toContain('Product key and download: Windows Server 2022 Datacenter');
    expect(shown).toContain('ORD-2001');
    expect(JSON.stringify(chooser)).toContain('"label":"File type / OS"');
    const json = JSON.stringify(chooser);
    for (const offered of ['"2022"', '"2019"', '"ko-KR"', '"iso-x64"', '"vhdx-x64"'])
      expect(json).toContain(offered);
    const button = buttonNamed(chooser, 'Get key and link');
    expect(button.type).toBe('Action.Execute');
    expect(Object.keys(button.data)).toEqual(['pendingId']);

    const keyCard = await press(chooser, 'Get key and link', SERVER);

    expect(textOf(keyCard)).toContain('Product key: Windows Server 2022 Datacenter');
    expect(textOf(keyCard)).toContain('2022 · en-US · ISO (x64)');
    expect(textOf(keyCard)).toContain('or for 50 more downloads');
    const key = productKeyOf(keyCard);
    expect(key).toMatch(/^[A-Z0-9]{32}$/);
    const url = downloadUrlOf(keyCard);
    expect(url).toMatch(new RegExp(`^${bot.http.url}/downloads/[A-Za-z0-9_-]{22,}$`));
    expect(keyCard.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Download', url }]);
  });

  it('R-KEY-1: the software list’s Get key button leads to the same chooser and key', async () => {
    const list = await say('software fabrikam');
    expect(textOf(list)).toContain('Software purchases of Fabrikam');
    const getKey = buttonsOf(list).find((b) => b.title === 'Get key' && b.data.product === 'ORD-2010');
    expect(getKey).toBeDefined();

    const chooser = invokeCardOf(
      await post(bot.endpoint, executeActivity(getKey!.verb!, getKey!.data, { from: ADMIN_AGENT })),
    );
    expect(textOf(chooser)).toContain('Product key and download: Office LTSC Professional Plus 2021');
    expect(JSON.stringify(chooser)).toContain('"label":"Bitness"');
    expect(textOf(chooser)).toContain('64-bit');
    const keyCard = await press(chooser, 'Get key and link', OFFICE);

    expect(productKeyOf(keyCard)).toHaveLength(32);
    expect(textOf(keyCard)).toContain('ORD-2010');
  });

  it('R-KEY-4: pressing Get key and link again shows the same key, says it was already done, and records a view', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'coho winery');
    const chooser = await say(`key ${orderId}`);
    const first = await press(chooser, 'Get key and link', OFFICE);
    const viewsBefore = await auditCount({ action: 'software.key', subjectId: orderId });

    const again = await press(chooser, 'Get key and link', OFFICE);

    expect(productKeyOf(again)).toBe(productKeyOf(first));
    expect(downloadUrlOf(again)).toBe(downloadUrlOf(first));
    expect(textOf(again)).toContain('This was already done; here is the result again.');
    expect(await auditCount({ action: 'software.key', subjectId: orderId })).toBe(viewsBefore + 1);
    expect(await bot.db.prisma.productKey.count({ where: { orderId } })).toBe(1);
  });

  it('R-KEY-1: a choice the purchase does not offer is refused at the click, and nothing is issued', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'coho winery');
    const chooser = await say(`key ${orderId}`);
    const refused = await press(chooser, 'Get key and link', { ...OFFICE, variant: 'arm64' });
    expect(textOf(refused)).toContain('Not done');
    expect(productKeyOf(refused)).toBeUndefined();
    expect(await bot.db.prisma.productKey.count({ where: { orderId } })).toBe(0);
  });

  it('R-ROLE-3: a global admin asking for a key is refused, and nothing about the purchase is shown', async () => {
    const card = await say('key ORD-2001', GLOBAL_ADMIN);
    expect(textOf(card)).toContain("You can't get product keys and download links");
    expect(textOf(card)).toContain('Admin agent');
    expect(textOf(card)).not.toContain('Windows Server');
  });

  it('R-ROLE-3: an admin agent who loses the role after seeing the chooser is refused at the click', async () => {
    const agent: TestPerson = {
      aadObjectId: '00000000-0000-4000-8000-00000000b003',
      displayName: 'Ira Demoted',
    };
    await bot.deps.staff.grant(agent.aadObjectId, 'admin-agent', { displayName: agent.displayName });
    const chooser = await say('key ORD-2001', agent);
    expect(textOf(chooser)).toContain('Product key and download');
    await bot.deps.staff.grant(agent.aadObjectId, 'sales-agent', { displayName: agent.displayName });
    await bot.deps.staff.revoke(agent.aadObjectId, 'admin-agent');
    const keysBefore = await bot.db.prisma.productKey.count({ where: { orderId: 'ORD-2001' } });

    const card = await press(chooser, 'Get key and link', SERVER, agent);

    expect(textOf(card)).toContain("You can't get product keys and download links");
    expect(productKeyOf(card)).toBeUndefined();
    expect(await bot.db.prisma.productKey.count({ where: { orderId: 'ORD-2001' } })).toBe(keysBefore);
  });

  it('R-KEY-1: the key flow in Korean', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'coho winery');
    const chooser = await say(`제품키 ${orderId}`, ADMIN_AGENT, { locale: 'ko-KR' });
    expect(textOf(chooser)).toContain('제품 키와 다운로드: Office LTSC Professional Plus 2021');
    expect(JSON.stringify(chooser)).toContain('"label":"비트"');
    const keyCard = await press(chooser, '키와 링크 받기', { ...OFFICE, language: 'ko-KR' }, ADMIN_AGENT, {
      locale: 'ko-KR',
    });
    expect(textOf(keyCard)).toContain('제품 키: Office LTSC Professional Plus 2021');
    expect(textOf(keyCard)).toContain('2021 · ko-KR · 64-bit');
    expect(productKeyOf(keyCard)).toHaveLength(32);
    expect((keyCard.actions as Array<{ title: string }>)[0]!.title).toBe('다운로드');
  });
});

describe('keys only in a one-to-one chat (R-KEY-6)', () => {
  /** Ada speaks to the bot once in her personal chat, whose service is the local bot.connector. */
  const openPersonalChat = async () => {
    const reply = await post(
      bot.endpoint,
      messageActivity('whoami', {
        from: ADMIN_AGENT,
        serviceUrl: bot.connector.serviceUrl,
        conversationId: 'a:ada-one-to-one',
      }),
    );
    expect(textOf(cardsOf(reply)[0])).toContain('Ada Wong');
  };

  it('R-KEY-6: asked in a channel, the reply says it was sent privately, and the chooser arrives in her personal chat', async () => {
    await openPersonalChat();
    const before = bot.connector.received.length;

    const reply = await post(
      bot.endpoint,
      messageActivity('key ORD-2001', { from: ADMIN_AGENT, conversationType: 'channel' }),
    );

    const channelCard = cardsOf(reply)[0]!;
    expect(textOf(channelCard)).toContain('I sent it to you in our private chat');
    expect(JSON.stringify(reply.body)).not.toContain('/downloads/');
    expect(buttonsOf(channelCard)).toHaveLength(0);
    await bot.connector.waitFor(before + 1);
    const sent = bot.connector.received[before]!;
    expect(sent.path).toContain(encodeURIComponent('a:ada-one-to-one'));
    const chooser = (sent.activity.attachments as Array<{ content: Card }>)[0]!.content;
    expect(textOf(chooser)).toContain('Product key and download: Windows Server 2022 Datacenter');

    // She presses the button in her personal chat: the key is shown there.
    const keyCard = await press(chooser, 'Get key and link', SERVER, ADMIN_AGENT, {
      conversationId: 'a:ada-one-to-one',
      serviceUrl: bot.connector.serviceUrl,
    });
    expect(productKeyOf(keyCard)).toHaveLength(32);
  });

  it('R-KEY-6: a key card pressed from a channel goes to the personal chat; the channel sees no key, link or token', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'alpine ski house');
    const chooser = await say(`key ${orderId}`);
    await openPersonalChat();
    const before = bot.connector.received.length;

    const reply = await post(
      bot.endpoint,
      executeActivity(
        buttonNamed(chooser, 'Get key and link').verb!,
        { ...buttonNamed(chooser, 'Get key and link').data, ...OFFICE },
        { from: ADMIN_AGENT, conversationType: 'channel' },
      ),
    );

    const channelCard = invokeCardOf(reply);
    expect(textOf(channelCard)).toContain('I sent it to you in our private chat');
    await bot.connector.waitFor(before + 1);
    const privateCard = (bot.connector.received[before]!.activity.attachments as Array<{ content: Card }>)[0]!
      .content;
    const key = productKeyOf(privateCard)!;
    const url = downloadUrlOf(privateCard)!;
    expect(key).toHaveLength(32);
    const everythingInChannel = JSON.stringify(reply.body);
    expect(everythingInChannel).not.toContain(key);
    expect(everythingInChannel).not.toContain(tokenOf(url));
    expect(everythingInChannel).not.toContain('/downloads/');
  });

  it('R-KEY-6: in a group chat the same holds', async () => {
    await openPersonalChat();
    const before = bot.connector.received.length;
    const card = await say('key ORD-2001', ADMIN_AGENT, { conversationType: 'groupChat' });
    expect(textOf(card)).toContain('I sent it to you in our private chat');
    await bot.connector.waitFor(before + 1);
  });

  it('R-KEY-6: with no personal chat stored, the reply says how to open one, and nothing is sent', async () => {
    const newcomer: TestPerson = {
      aadObjectId: '00000000-0000-4000-8000-00000000b001',
      displayName: 'Lee Newcomer',
    };
    await bot.deps.staff.grant(newcomer.aadObjectId, 'admin-agent', { displayName: newcomer.displayName });
    const before = bot.connector.received.length;

    const card = await say('key ORD-2001', newcomer, { conversationType: 'channel' });

    expect(textOf(card)).toContain('Open a chat with me');
    expect(JSON.stringify(card)).not.toContain('/downloads/');
    // Proven by an event: once they have a personal chat, asking again sends the chooser there, and it is
    // the first thing the connector got since the first question.
    const chat = `personal:${newcomer.aadObjectId}`;
    await post(
      bot.endpoint,
      messageActivity('whoami', {
        from: newcomer,
        serviceUrl: bot.connector.serviceUrl,
        conversationId: chat,
      }),
    );
    await say('key ORD-2001', newcomer, { conversationType: 'channel' });
    const marker = await bot.connector.waitFor((r) =>
      decodeURIComponent(r.path).includes(`/conversations/${chat}/`),
    );
    expect(bot.connector.received.slice(before)).toEqual([marker]);
  });

  it('R-KEY-6: in Korean, the channel reply says it was sent privately', async () => {
    await openPersonalChat();
    const before = bot.connector.received.length;
    const card = await say('제품키 ORD-2001', ADMIN_AGENT, { conversationType: 'channel', locale: 'ko-KR' });
    expect(textOf(card)).toContain('개인 채팅으로 보냈습니다');
    await bot.connector.waitFor(before + 1);
  });

  it('R-KEY-6: when the private message cannot be delivered, the channel reply does not say it was sent', async () => {
    await openPersonalChat();
    const before = bot.connector.received.length;
    // The connector refuses the private message (403 is not retried).
    bot.connector.failNext(403);

    const card = await say('key ORD-2001', ADMIN_AGENT, { conversationType: 'channel' });

    expect(bot.connector.received.length).toBe(before);
    expect(textOf(card)).not.toContain('I sent it to you in our private chat');
  });

  it('R-KEY-6: when the personal chat’s service address changes, the private message goes to the new one', async () => {
    // Teams may move a conversation to another service URL; the reference must follow the latest activity.
    const mover: TestPerson = {
      aadObjectId: '00000000-0000-4000-8000-00000000b002',
      displayName: 'Mo Mover',
    };
    await bot.deps.staff.grant(mover.aadObjectId, 'admin-agent', { displayName: mover.displayName });
    const old = await startLocalConnector();
    try {
      const personal = { conversationId: 'a:mover-one-to-one' };
      await say('whoami', mover, { ...personal, serviceUrl: old.serviceUrl });
      await say('whoami', mover, { ...personal, serviceUrl: bot.connector.serviceUrl });
      const before = bot.connector.received.length;

      const card = await say('key ORD-2001', mover, { conversationType: 'channel' });

      expect(textOf(card)).toContain('I sent it to you in our private chat');
      expect(old.received).toHaveLength(0);
      await bot.connector.waitFor(before + 1, 2_000);
    } finally {
      await old.close();
    }
  });
});

// ---- the download link over HTTP ----

describe('the download link (R-KEY-3)', () => {
  it('R-KEY-3: a GET redirects (302) to the file and counts the download', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'fourth coffee');
    const url = downloadUrlOf(await getKey(orderId))!;

    const response = await fetchLink(url);

    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(
      'https://downloads.example.test/office-ltsc-2021/2021/en-US/x64.iso',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    const link = await bot.db.prisma.downloadLink.findFirstOrThrow({ where: { orderId } });
    expect(link.downloadCount).toBe(1);
    expect(await auditCount({ action: 'software.download', subjectId: orderId })).toBe(1);
  });

  it('R-KEY-3: after 14 days the link answers 410 with a page saying why and how to get a new one', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'fourth coffee');
    const url = downloadUrlOf(await getKey(orderId))!;
    clock.set(addDays(at(START), 14).valueOf());

    const response = await fetchLink(url);

    expect(response.status).toBe(410);
    expect(response.headers.get('content-type')).toContain('text/html');
    const page = await response.text();
    expect(page).toContain('This link has expired: links work for 14 days.');
    expect(page).toContain('To get a new link, ask the bot in Teams again');
    expect(page).not.toContain(tokenOf(url));
  });

  it('R-KEY-3: the expired page is in Korean for a Korean browser', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'fourth coffee');
    const url = downloadUrlOf(await getKey(orderId))!;
    clock.set(addDays(at(START), 15).valueOf());

    const response = await fetchLink(url, { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.8' });

    expect(response.status).toBe(410);
    const page = await response.text();
    expect(page).toContain('링크가 만료되었습니다');
    expect(page).toContain('새 링크를 받으려면');
  });

  it('R-KEY-3: an unknown token is 404', async () => {
    const response = await fetchLink(`${bot.http.url}/downloads/${'A'.repeat(32)}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('This link is not valid');
  });

  it('R-SWC-6: a link of a cancelled order is 410, revoked', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'fourth coffee');
    const url = downloadUrlOf(await getKey(orderId))!;
    const preview = await say(`cancel order ${orderId}`);
    await press(preview, 'Cancel the order', { acknowledged: 'true' });

    const response = await fetchLink(url);

    expect(response.status).toBe(410);
    expect(await response.text()).toContain('This link was revoked because its order was cancelled');
  });
});

// ---- cancelling an order, and the support request ----

describe('cancelling a software order (R-SWC-4..8)', () => {
  it('R-SWC-4, R-SWC-5, R-SWC-8: the card shows time left and credit, refuses without the acknowledgement, cancels with it, and says the dashboard may take 15 minutes', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'wide world importers', 2);
    await getKey(orderId);
    clock.set(at(START).add(10, 'day').add(3, 'hour').valueOf());

    const card = await say(`cancel order ${orderId}`);
    const shown = textOf(card);
    expect(shown).toContain('Cancel this software purchase?');
    expect(shown).toContain('49 d 21 h left to cancel (until 2027-01-20 09:00 UTC).');
    expect(shown).toContain('Credit on the next monthly invoice: USD 878.00 (100%)');
    expect(shown).toContain('Every product key (1 active)');
    expect(shown).toContain('I understand: the keys stop working');
    expect(JSON.stringify(card)).toMatch(/"type":"Input.Toggle","id":"acknowledged"/);

    const again = await press(card, 'Cancel the order', { acknowledged: 'false' });
    expect(textOf(again)).toContain('Cancel this software purchase?');
    expect((await bot.db.prisma.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe(
      'completed',
    );
    expect(await bot.db.prisma.productKey.count({ where: { orderId, revokedAt: null } })).toBe(1);

    const done = await press(again, 'Cancel the order', { acknowledged: 'true' });
    const result = textOf(done);
    expect(result).toContain(`Order ${orderId} cancelled`);
    expect(result).toContain('Credit on the next monthly invoice: USD 878.00.');
    expect(result).toContain('Revoked 1 product key(s) and 1 download link(s).');
    expect(result).toContain('It can take up to 15 minutes to appear in the Partner Center dashboard.');

    const list = await say('software wide world importers');
    const item = textOf(list);
    expect(item).toContain(`Office LTSC Professional Plus 2021 · ${orderId}`);
    expect(item).toContain('Cancelled');
    expect(item).toMatch(/cancelled on 2026-12-01 \(credit USD 878\.00\); no key/);
    expect(buttonsOf(list).filter((b) => b.data.product === orderId)).toHaveLength(0);
  });

  it('R-SWC-4: two orders of the product are a choice of order; choosing one shows its cancel card', async () => {
    const choice = await say('cancel software Office LTSC for fabrikam');
    expect(textOf(choice)).toContain('Which order do you mean?');
    const orders = buttonsOf(choice).map((b) => b.data.product);
    expect(orders).toEqual(expect.arrayContaining(['ORD-2002', 'ORD-2010']));
    const pick = buttonsOf(choice).find((b) => b.data.product === 'ORD-2010')!;

    const card = invokeCardOf(
      await post(bot.endpoint, executeActivity(pick.verb!, pick.data, { from: ADMIN_AGENT })),
    );

    expect(textOf(card)).toContain('Cancel this software purchase?');
    expect(textOf(card)).toContain('ORD-2010');
    expect(textOf(card)).not.toContain('ORD-2002');
  });

  it('R-SWC-4: the cancel flow in Korean', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'wide world importers');
    const card = await say(`취소 주문 ${orderId}`, ADMIN_AGENT, { locale: 'ko-KR' });
    expect(textOf(card)).toContain('이 소프트웨어 구매를 취소할까요?');
    const done = await press(card, '주문 취소', { acknowledged: 'true' }, ADMIN_AGENT, { locale: 'ko-KR' });
    expect(textOf(done)).toContain('최대 15분');
  });

  it('R-SWC-2: Windows 7 ESU offers the support request, which opens the pre-filled form; submitting gives a reference', async () => {
    const refused = await say('cancel order ORD-2005');
    expect(textOf(refused)).toContain('cannot be cancelled here: a refund goes through a support request');

    const form = await press(refused, 'Request a refund through support');
    const shown = textOf(form);
    expect(shown).toContain('Refund support request');
    expect(shown).toContain('Problem type: CSP purchase/refund on behalf of customers');
    expect(shown).toContain('Litware, Inc.');
    expect(shown).toContain('26ca3d84-2569-4a96-b803-01314de6f5ca · litware.onmicrosoft.com');
    expect(shown).toContain('ORD-2005');
    expect(shown).toContain('USD 7,500.00');

    const receipt = await press(form, 'Submit request', {
      reason: 'Devices were retired before deployment',
      impact: 'moderate',
      title: 'Refund request: ORD-2005',
      contactName: 'Ada Wong',
      contactEmail: 'ada.wong@partner.example',
      contactPhone: '+82 2 555 0100',
    });
    const reference = /Support request (SR-[A-Z0-9]+) recorded/.exec(textOf(receipt))?.[1];
    expect(reference).toBeDefined();
    expect(textOf(receipt)).toContain('Order: ORD-2005');
    expect(textOf(receipt)).toContain('Amount requested: 7500.00 USD');

    const list = await say('support requests');
    expect(textOf(list)).toContain(`${reference} · Refund request: ORD-2005`);
  });

  it('R-SWC-5: an order past the window offers the support request; a bad e-mail shows the form again naming the field', async () => {
    const refused = await say('cancel order ORD-2003');
    expect(textOf(refused)).toContain('The 60-day cancellation window for order ORD-2003 closed');
    const form = await press(refused, 'Request a refund through support');
    expect(textOf(form)).toContain('woodgrovebank');
    const before = await bot.db.prisma.supportRequest.count();

    const again = await press(form, 'Submit request', {
      reason: 'Bought for the wrong subsidiary',
      impact: 'low',
      title: 'Refund request: ORD-2003',
      contactName: 'Ada Wong',
      contactEmail: 'ada.wong-at-partner',
      contactPhone: '+82 2 555 0100',
    });

    expect(textOf(again)).toContain('Please check the Contact e-mail and submit again.');
    expect(await bot.db.prisma.supportRequest.count()).toBe(before);
  });

  it('R-SWC-3: a Red Hat plan cannot be cancelled, and no support button is offered', async () => {
    const card = await say('cancel order ORD-2007');
    expect(textOf(card)).toContain('cannot be cancelled or exchanged');
    expect(buttonsOf(card).filter((b) => b.verb === 'support.start')).toHaveLength(0);
  });

  it('R-ROLE-4: a global admin cannot cancel a software order', async () => {
    const card = await say('cancel order ORD-2010', GLOBAL_ADMIN);
    expect(textOf(card)).toContain("You can't cancel software purchases");
  });
});

// ---- the activity log ----

describe('the activity log (R-KEY-5, R-ROLE-5)', () => {
  it('R-KEY-5: a global admin sees who got keys and downloaded, pages with Next and Previous, and exports a CSV', async () => {
    const orderId = await buySoftware('Office LTSC Professional Plus 2021', 'lucerne publishing');
    const url = downloadUrlOf(await getKey(orderId))!;
    for (let i = 0; i < 16; i++) expect((await fetchLink(url)).status).toBe(302);

    const first = await say('activity lucerne publishing', GLOBAL_ADMIN);
    const shown = textOf(first);
    expect(shown).toContain('Key and download activity');
    expect(shown).toContain('Customer: Lucerne Publishing');
    expect(shown).toContain('Downloaded');
    expect(shown).toContain('Ada Wong');
    expect(shown).toContain('Office LTSC Professional Plus 2021');
    expect(shown).toContain('Page 1 of 2 · 17 events');
    expect(buttonsOf(first).map((b) => b.title)).toEqual(['Next', 'Export CSV']);

    const second = await press(first, 'Next', {}, GLOBAL_ADMIN);
    expect(textOf(second)).toContain('Page 2 of 2 · 17 events');
    expect(textOf(second)).toContain('Viewed a product key');
    const back = await press(second, 'Previous', {}, GLOBAL_ADMIN);
    expect(textOf(back)).toContain('Page 1 of 2 · 17 events');

    const exported = await press(first, 'Export CSV', {}, GLOBAL_ADMIN);
    expect(textOf(exported)).toContain('Activity export ready');
    const link = /\((http:\/\/[^)]+\.csv)\)/.exec(textOf(exported))?.[1];
    expect(link).toBeDefined();
    const response = await fetch(link!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const rows = (await response.text())
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(rows[0]).toContain('time_utc,event,person');
    expect(rows).toHaveLength(1 + 17);
    expect(rows.filter((r) => r.includes('"download"'))).toHaveLength(16);
  });

  it('R-KEY-5: the activity log in Korean', async () => {
    const card = await say('활동', GLOBAL_ADMIN, { locale: 'ko-KR' });
    expect(textOf(card)).toContain('키 조회 및 다운로드 기록');
  });

  it('R-ROLE-5: an admin agent cannot view the activity log', async () => {
    const card = await say('activity', ADMIN_AGENT);
    expect(textOf(card)).toContain("You can't view the key and download activity log");
  });
});

// ---- logs ----

describe('logs never hold keys or download tokens (R-KEY-6)', () => {
  it('R-KEY-6: a whole key retrieval and download conversation, at debug level, logs neither the key nor the token', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const logged = await startTestBot({ clock, log: createLogger('debug', stream) });
    const local = await startLocalConnector();
    try {
      const sayTo = async (text: string, options: Options = {}) =>
        cardsOf(await post(logged.endpoint, messageActivity(text, { from: ADMIN_AGENT, ...options })))[0]!;
      const pressOn = async (
        card: unknown,
        title: string,
        inputs: Record<string, unknown>,
        options: Options = {},
      ) => {
        const button = buttonNamed(card, title);
        return post(
          logged.endpoint,
          executeActivity(button.verb!, { ...button.data, ...inputs }, { from: ADMIN_AGENT, ...options }),
        );
      };
      const personal: Options = { serviceUrl: local.serviceUrl, conversationId: 'a:ada-logged' };
      await sayTo('whoami', personal);

      // In the personal chat: chooser, key, the same key again, downloads.
      const chooser = await sayTo('key ORD-2010', personal);
      const keyCard = invokeCardOf(await pressOn(chooser, 'Get key and link', OFFICE, personal));
      invokeCardOf(await pressOn(chooser, 'Get key and link', OFFICE, personal));
      const key = productKeyOf(keyCard)!;
      const url = downloadUrlOf(keyCard)!;
      expect(key).toHaveLength(32);
      expect((await fetchLink(url)).status).toBe(302);
      expect((await fetchLink(`${url}x`)).status).toBe(404);

      // From a channel: the chooser and the key go privately, through the bot.connector.
      const channelChooserReply = await sayTo('key ORD-2001', { conversationType: 'channel' });
      expect(textOf(channelChooserReply)).toContain('I sent it to you in our private chat');
      await local.waitFor(1);
      const privateChooser = (local.received[0]!.activity.attachments as Array<{ content: Card }>)[0]!
        .content;
      await pressOn(privateChooser, 'Get key and link', SERVER, { conversationType: 'channel' });
      await local.waitFor(2);
      const privateKeyCard = (local.received[1]!.activity.attachments as Array<{ content: Card }>)[0]!
        .content;
      const secondKey = productKeyOf(privateKeyCard)!;
      const secondUrl = downloadUrlOf(privateKeyCard)!;
      expect((await fetchLink(secondUrl)).status).toBe(302);

      // Sending privately fails once: the error is logged, the key is not.
      local.failNext(400);
      await pressOn(privateChooser, 'Get key and link', SERVER, { conversationType: 'channel' });

      const text = lines.join('');
      expect(text.length).toBeGreaterThan(0);
      expect(text).toContain('"msg":"turn"');
      for (const secret of [key, secondKey, tokenOf(url), tokenOf(secondUrl)]) {
        expect(text.includes(secret), `the log holds ${secret.slice(0, 4)}…`).toBe(false);
      }
      expect(text).not.toContain('/downloads/');
    } finally {
      await logged.close();
      await local.close();
    }
  });
});

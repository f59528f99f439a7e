/**
 * R-PC-17: a turn never waits past what Teams waits for. When Partner Center is slow, the bot answers
 * "working on it" at once and, when the call completes, the pressed card is replaced by the result (or the
 * result follows the typed command), through the conversation's connector. The local Partner Center holds
 * its answer until the test releases it, so nothing here depends on timing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../src/bot/messages/en.js';
import { ko } from '../../../src/bot/messages/ko.js';
import {
  buttonNamed,
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  textOf,
  sayTo,
} from '../../support/bot.js';
import { startRecordingConnector, type RecordingConnector } from '../../support/recording-connector.js';
import { ADMIN_AGENT } from '../../support/staff.js';
import { startPartnerCenterBot, type PartnerCenterBot } from './pc-bot.js';

const FABRIKAM = '53eb3134-67a9-457f-a575-e9ff997d3e0a';

let pc: PartnerCenterBot;
let connector: RecordingConnector;
/** Milliseconds before "working on it": long while a test sets up, 1 ms for the turn it holds. */
let noticeAfterMs = 0;

beforeAll(async () => {
  connector = await startRecordingConnector();
  pc = await startPartnerCenterBot({ maxAttempts: 2, replyNoticeAfterMs: () => noticeAfterMs });
});
afterAll(async () => {
  await pc?.close();
  await connector?.close();
});

const deferred = () => {
  let release!: () => void;
  const until = new Promise<void>((resolve) => (release = resolve));
  return { until, release };
};

const ordersOfFabrikam = () =>
  [...pc.fake.state.commerce.orders.values()].filter((order) => order.customerId === FABRIKAM);

describe('issue 9: slow Partner Center answers', () => {
  it('R-PC-17: a purchase whose checkout is slow answers "working on it", then the pressed card becomes the order', async () => {
    noticeAfterMs = 0;
    const [cart] = await sayTo(pc.bot.endpoint, 'buy 2 Microsoft 365 E5 for fabrikam annual', {
      from: ADMIN_AGENT,
      serviceUrl: connector.serviceUrl,
    });
    const before = ordersOfFabrikam().length;
    const held = deferred();
    pc.fake.faults.inject('checkout', { kind: 'hold', until: held.until });
    noticeAfterMs = 1;
    const button = buttonNamed(cart, 'Purchase');
    const press = {
      ...executeActivity(
        button.verb!,
        { ...button.data, 'quantity-0': '2', 'cycle-0': 'annual' },
        {
          from: ADMIN_AGENT,
          serviceUrl: connector.serviceUrl,
        },
      ),
      replyToId: 'cart-message-1',
    };
    const reply = await post(pc.bot.endpoint, press);
    expect(reply.status).toBe(200);
    const working = invokeCardOf(reply);
    expect(textOf(working)).toContain(en.working.title);
    // Partner Center has not answered yet: nothing is ordered, nothing was said to be.
    expect(ordersOfFabrikam()).toHaveLength(before);
    expect(textOf(working)).not.toMatch(/ORD-/);

    held.release();
    const update = await connector.waitForRequest(
      (request) => request.activity.id === 'cart-message-1' && request.path.endsWith('/cart-message-1'),
    );
    expect(textOf(update.activity)).toMatch(/Order ORD-[A-Z0-9]+ placed/);
    expect(ordersOfFabrikam()).toHaveLength(before + 1);
  });

  it('R-PC-17: a slow read answers "working on it" in the user\'s language, and the list follows as a message', async () => {
    noticeAfterMs = 0;
    const held = deferred();
    pc.fake.faults.inject('listSubscriptions', { kind: 'hold', until: held.until });
    noticeAfterMs = 1;
    const sent = connector.requests.length;
    const reply = await post(
      pc.bot.endpoint,
      messageActivity('구독 fabrikam', {
        from: ADMIN_AGENT,
        locale: 'ko-KR',
        serviceUrl: connector.serviceUrl,
      }),
    );
    const cards = cardsOf(reply);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toContain(ko.working.title);

    held.release();
    const late = await connector.waitForRequest(
      (request) =>
        connector.requests.indexOf(request) >= sent && textOf(request.activity).includes('Fabrikam'),
    );
    expect(textOf(late.activity)).not.toContain(ko.working.title);
    expect(textOf(late.activity)).toContain('파트너 센터');
  });
});

/**
 * Proactive reminders through the real bot: the scheduler's pass (`bot.reminders.runOnce()`, the timer is
 * off), the proactive sender, and a local connector playing the staff member's serviceUrl that records
 * every request with the instant it arrived. Reminder cards are read the way Teams shows them, in the
 * person's language and time zone; their buttons are pressed as Action.Execute invokes.
 *
 * The demo's own subscriptions would remind their owners too: they are ended once before the tests, so
 * that everything arriving at the connector was made here. The clock only moves forward.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/shared/actor.js';
import { purchaseExecutor } from '../../src/domain/purchase/purchase-cart.js';
import { startPurchase } from '../../src/domain/purchase/start-purchase.js';
import { cancelExecutor } from '../../src/domain/subscriptions/cancel-subscription.js';
import { previewCancellation } from '../../src/domain/subscriptions/preview-cancellation.js';
import { confirmPendingAction } from '../../src/domain/confirmations/confirm-pending-action.js';
import { nextDigestAt, QUIET_HOURS_AFTER_ACTION } from '../../src/domain/reminders/reminder-schedule.js';
import { issueKeyExecutor } from '../../src/domain/software/issue-key.js';
import { startKeyRequest } from '../../src/domain/software/request-key.js';
import { previewSuspend, suspendExecutor } from '../../src/domain/subscriptions/suspend-subscription.js';
import { addDays, addHours, at, movableClock } from '../../src/domain/shared/time.js';
import {
  buttonsOf,
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  startTestBot,
  textOf,
  type ActivityOptions,
  type Card,
  type CardButton,
  type TestBot,
} from '../support/bot.js';
import { startRecordingConnector, type RecordingConnector } from '../support/recording-connector.js';
import { staffWithRole, type TestPerson } from '../support/staff.js';

const START = '2026-11-21T09:00:00.000Z'; // 18:00 in Seoul

const BORA = staffWithRole('billing-admin'); // Bora Lee: Korean, Asia/Seoul
const SAM = staffWithRole('sales-agent'); // Sam Chen: Chinese, Asia/Shanghai
const HANA = staffWithRole('helpdesk-agent'); // Hana Choi: English, no zone of her own
const ADA = staffWithRole('admin-agent'); // Ada Wong: English, no zone of her own
const GRACE = staffWithRole('global-admin');

const KOREAN = { locale: 'ko-KR', timeZone: 'Asia/Seoul' } as const;
const CHINESE = { locale: 'zh-CN', timeZone: 'Asia/Shanghai' } as const;
const ENGLISH = { locale: 'en-US' } as const;

const clock = movableClock(START);
const now = () => clock.now();
let bot: TestBot;
let connector: RecordingConnector;

beforeAll(async () => {
  connector = await startRecordingConnector();
  bot = await startTestBot({ clock, env: { REMINDER_INTERVAL_SECONDS: '0' } });
  await bot.db.prisma.subscription.updateMany({
    data: { status: 'cancelled', cancelledAt: now().toDate(), cancelAt: null, autoRenew: false },
  });
  // Each opens their one-to-one chat with the bot, at the local connector, in their own language.
  await say('help', BORA, KOREAN);
  await say('help', SAM, CHINESE);
  await say('help', HANA, ENGLISH);
  await say('help', ADA, ENGLISH);
});
afterAll(async () => {
  await bot?.close();
  await connector?.close();
});

type Options = Omit<ActivityOptions, 'from'>;

/** Says `text` in the person's one-to-one chat, whose serviceUrl is the local connector: the reply card. */
async function say(text: string, from: TestPerson, options: Options): Promise<Card> {
  const reply = await post(
    bot.endpoint,
    messageActivity(text, { from, serviceUrl: connector.serviceUrl, ...options }),
  );
  expect(reply.status).toBe(200);
  const cards = cardsOf(reply);
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

/** Presses a button of a card the bot sent to the person's one-to-one chat. */
async function press(button: CardButton, from: TestPerson, options: Options): Promise<Card> {
  const reply = await post(
    bot.endpoint,
    executeActivity(button.verb!, button.data, { from, serviceUrl: connector.serviceUrl, ...options }),
  );
  expect(reply.status).toBe(200);
  return invokeCardOf(reply);
}

const isTo = (person: TestPerson) => (request: { path: string }) =>
  decodeURIComponent(request.path).includes(`/conversations/personal:${person.aadObjectId}/`);

const cardOf = (activity: Record<string, unknown>): Card =>
  ((activity.attachments ?? []) as Array<{ content: Card }>)[0]!.content;

/** The cards delivered (answered 200) to the person's one-to-one chat since request number `since`. */
const deliveredTo = (person: TestPerson, since = 0): Card[] =>
  connector.requests
    .slice(since)
    .filter((r) => r.status === 200 && isTo(person)(r))
    .map((r) => cardOf(r.activity));

/** The delivered card whose button acts on `ref` (a subscription or order id). */
const cardAbout = (cards: Card[], ref: string): Card[] =>
  cards.filter((card) => buttonsOf(card).some((b) => b.data.ref === ref || b.data.product === ref));

const run = async () => {
  const report = await bot.reminders.runOnce();
  expect(report).toBeDefined();
  return report!;
};

const reminderRows = (subjectId: string) =>
  bot.db.prisma.reminder.findMany({ where: { subjectId }, orderBy: { createdAt: 'asc' } });

// ---- data made through the use cases, as the person ----

/** The person as the domain sees them, with the roles the database holds. */
const asActor = async (person: TestPerson): Promise<Actor> => ({
  aadObjectId: person.aadObjectId,
  displayName: person.displayName,
  roles: (await bot.deps.staff.find(person.aadObjectId))!.roles,
});

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

async function buy(person: TestPerson, customer: string, product: string, wait = true): Promise<string> {
  const actor = await asActor(person);
  const cart = value(
    await startPurchase(bot.deps, actor, { customer, product, quantity: 2, billingCycle: 'monthly' }),
  );
  const bought = value(await confirmPendingAction(bot.deps, actor, purchaseExecutor, cart.pendingId));
  // R-REM-1: reminders about a purchase wait until its first hours are over.
  if (wait) clock.advance(QUIET_HOURS_AFTER_ACTION * 3_600_000);
  return bought.result.lines[0]!.subscriptionId!;
}

// ---- the card, in the person's language and zone, and its button ----

describe('the reminder card in the person’s one-to-one chat', () => {
  it('a cancellation window closing reaches Bora Lee in Korean with times in Asia/Seoul, and its button opens the cancel-reason card', async () => {
    const since = connector.requests.length;
    const boughtAt = now();
    const sub = await buy(BORA, 'cus-contoso', 'm365-e3');

    const report = await run();

    expect(report.sent).toBe(1);
    const cards = deliveredTo(BORA, since);
    expect(cards).toHaveLength(1);
    const shown = textOf(cards[0]);
    expect(shown).toContain('알림');
    expect(shown).toContain(
      'Contoso Ltd의 Microsoft 365 E3을(를) 현재 조건으로 취소할 수 있는 시간이 24시간 미만',
    );
    // The window closes at boughtAt + 24 h: 2026-11-22T09:00Z is 18:00 in Seoul.
    expect(addHours(boughtAt, 24).toISOString()).toBe('2026-11-22T09:00:00.000Z');
    expect(shown).toContain('2026-11-22 18:00');
    // Seoul's wall clock, and the zone by a readable name with its offset (not UTC times).
    expect(shown).toContain('시간은 한국 표준시 (UTC+9, Asia/Seoul) 기준입니다.');
    const [button] = buttonsOf(cards[0]);
    expect(button).toMatchObject({ title: '취소…', verb: 'subscription.cancel.start', data: { ref: sub } });

    const asked = await press(button!, BORA, KOREAN);
    expect(textOf(asked)).toContain('이 구독을 취소하는 이유는 무엇인가요?');
    expect(textOf(asked)).toContain('Microsoft 365 E3');

    const [row] = await reminderRows(sub);
    expect(row).toMatchObject({ kind: 'cancel-window-24h', attempts: 0 });
    expect(row!.sentAt).not.toBeNull();
  });

  it('data deletion in 7 days reaches the person who suspended it, and Reactivate opens the reactivation preview', async () => {
    const sub = await buy(SAM, 'cus-litware', 'm365-e5');
    const bora = await asActor(BORA);
    const preview = value(await previewSuspend(bot.deps, bora, { subscription: sub }));
    value(await confirmPendingAction(bot.deps, bora, suspendExecutor, preview.pendingId!));
    const deletedAt = (await bot.deps.subscriptions.findById(sub))!.dataDeletedAt!;
    clock.set(addDays(deletedAt, -7).valueOf());
    const since = connector.requests.length;

    await run();

    const cards = cardAbout(deliveredTo(BORA, since), sub);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toContain('일시 중단 상태입니다. 다시 활성화하지 않으면');
    expect(cardAbout(deliveredTo(SAM, since), sub)).toEqual([]);
    const [button] = buttonsOf(cards[0]);
    expect(button).toMatchObject({ title: '다시 활성화', verb: 'subscription.reactivate.start' });

    const asked = await press(button!, BORA, KOREAN);
    expect(textOf(asked)).toContain('이 구독을 다시 활성화할까요?');
  });

  it('a download link expiring tomorrow reaches the person it was issued to, in English and UTC, and Get a new link opens the key chooser', async () => {
    const orderId = `ORD-REMIND-${now().valueOf()}`;
    const product = (await bot.deps.products.findById('office-ltsc-2021'))!;
    await bot.deps.orders.create({
      id: orderId,
      customerId: 'cus-coho-winery',
      placedByAadObjectId: GRACE.aadObjectId,
      placedAt: now(),
      total: product.unitPrice,
      currency: product.currency,
      pendingActionId: null,
      lines: [
        {
          id: `${orderId}-1`,
          productId: product.id,
          quantity: 1,
          billingCycle: 'annual',
          unitPrice: product.unitPrice,
        },
      ],
      subscriptions: [],
    });
    const ada = await asActor(ADA);
    const chooser = value(await startKeyRequest(bot.deps, ada, { product: orderId, customer: '' }));
    value(
      await confirmPendingAction(bot.deps, ada, issueKeyExecutor, chooser.pendingId, {
        version: '2021',
        language: 'en-US',
        variant: 'x64',
      }),
    );
    const link = await bot.db.prisma.downloadLink.findFirstOrThrow({ where: { orderId } });
    clock.set(addHours(at(link.expiresAt), -24).valueOf());
    const since = connector.requests.length;

    await run();

    const cards = cardAbout(deliveredTo(ADA, since), orderId);
    expect(cards).toHaveLength(1);
    const shown = textOf(cards[0]);
    expect(shown).toContain(
      'Your download link for Office LTSC Professional Plus 2021 (Coho Winery) expires in',
    );
    expect(shown).toContain(`${at(link.expiresAt).format('YYYY-MM-DD HH:mm')} UTC`);
    const [button] = buttonsOf(cards[0]);
    expect(button).toMatchObject({ title: 'Get a new link', verb: 'software.key.start' });

    const opened = await press(button!, ADA, ENGLISH);
    expect(textOf(opened)).toContain('Product key and download: Office LTSC Professional Plus 2021');
    expect(buttonsOf(opened).map((b) => b.title)).toContain('Get key and link');
  });

  it('a cancellation taking effect tomorrow reaches the person who scheduled it, and Keep it offers to turn auto-renew back on', async () => {
    const sub = await buy(SAM, 'cus-trey-research', 'exchange-online-p1');
    clock.advance(2 * 24 * 3_600_000);
    const hana = await asActor(HANA);
    const preview = value(
      await previewCancellation(bot.deps, hana, { subscriptionId: sub, reason: 'moving to another plan' }),
    );
    value(await confirmPendingAction(bot.deps, hana, cancelExecutor, preview.pendingId));
    const cancelAt = (await bot.deps.subscriptions.findById(sub))!.cancelAt!;
    clock.set(addHours(cancelAt, -24).valueOf());
    const since = connector.requests.length;

    await run();

    const cards = cardAbout(deliveredTo(HANA, since), sub);
    expect(cards).toHaveLength(1);
    expect(textOf(cards[0])).toContain('Exchange Online (Plan 1) for Trey Research is cancelled in');
    const [button] = buttonsOf(cards[0]);
    expect(button).toMatchObject({
      title: 'Keep it (auto-renew on)',
      verb: 'subscription.autorenew.start',
      data: { ref: sub, autoRenew: true },
    });
    const asked = await press(button!, HANA, ENGLISH);
    expect(textOf(asked)).toContain('Turn auto-renew on?');
  });
});

// ---- Teams' limits and failures ----

describe('sending within Teams’ limits', () => {
  it('a 429 from the connector is retried and the reminder arrives once', async () => {
    const sub = await buy(HANA, 'cus-contoso', 'exchange-online-p1');
    const since = connector.requests.length;
    connector.failNext(429);

    const report = await run();

    const toHana = connector.requests.slice(since).filter(isTo(HANA));
    expect(toHana.map((r) => r.status)).toEqual([429, 200]);
    expect(cardAbout(deliveredTo(HANA, since), sub)).toHaveLength(1);
    expect(report).toMatchObject({ sent: 1, failed: 0 });
    const [row] = await reminderRows(sub);
    expect(row).toMatchObject({ attempts: 0, lastError: null });
    expect(row!.sentAt).not.toBeNull();

    await run();
    expect(cardAbout(deliveredTo(HANA, since), sub)).toHaveLength(1);
  });

  it('502 and 504 from the connector are retried too, and the reminder arrives once', async () => {
    const sub = await buy(HANA, 'cus-litware', 'exchange-online-p1');
    const since = connector.requests.length;
    connector.failNext(502, 504);

    const report = await run();

    const toHana = connector.requests.slice(since).filter(isTo(HANA));
    expect(toHana.map((r) => r.status)).toEqual([502, 504, 200]);
    expect(report).toMatchObject({ sent: 1, failed: 0 });
    expect(cardAbout(deliveredTo(HANA, since), sub)).toHaveLength(1);
  });

  it('when every attempt of a pass fails (412), the reminder is kept, retried after a back-off by a later pass, and arrives once', async () => {
    const sub = await buy(HANA, 'cus-coho-winery', 'exchange-online-p1');
    const since = connector.requests.length;
    connector.failNext(412, 412, 412);

    const failed = await run();

    expect(
      connector.requests
        .slice(since)
        .filter(isTo(HANA))
        .map((r) => r.status),
    ).toEqual([412, 412, 412]);
    expect(failed).toMatchObject({ sent: 0, failed: 1 });
    const [row] = await reminderRows(sub);
    expect(row).toMatchObject({ sentAt: null, attempts: 1, lastError: 'send failed (412)' });
    expect(at(row!.nextAttemptAt).isAfter(now())).toBe(true);

    await run(); // not due yet
    expect(deliveredTo(HANA, since)).toEqual([]);

    clock.set(at(row!.nextAttemptAt).valueOf());
    await run();
    await run();
    expect(cardAbout(deliveredTo(HANA, since), sub)).toHaveLength(1);
    const [after] = await reminderRows(sub);
    expect(after!.sentAt).not.toBeNull();
  });

  it('a 429 with Retry-After is not tried again before Retry-After has passed', async () => {
    const sub = await buy(HANA, 'cus-trey-research', 'm365-e3');
    const since = connector.requests.length;
    connector.failNextWithRetryAfter(2, 429);

    await run();

    const toHana = connector.requests.slice(since).filter(isTo(HANA));
    expect(toHana.map((r) => r.status)).toEqual([429, 200]);
    expect(cardAbout(deliveredTo(HANA, since), sub)).toHaveLength(1);
    // Retry-After: 2 (seconds). The retry must not come sooner.
    expect(toHana[1]!.arrivedAtMs - toHana[0]!.arrivedAtMs).toBeGreaterThanOrEqual(2_000);
  });

  it('20 reminders for one person in one pass arrive all, never more than 7 within any 1-second window', async () => {
    const customers = ['cus-contoso', 'cus-litware', 'cus-coho-winery', 'cus-fourth-coffee'];
    const subs: string[] = [];
    for (let i = 0; i < 20; i++)
      subs.push(await buy(SAM, customers[i % customers.length]!, 'm365-e3', false));
    clock.advance(QUIET_HOURS_AFTER_ACTION * 3_600_000);
    const since = connector.requests.length;

    const report = await run();

    expect(report.sent).toBe(20);
    const arrivals = connector.requests.slice(since).filter((r) => r.status === 200 && isTo(SAM));
    expect(arrivals).toHaveLength(20);
    expect(new Set(arrivals.flatMap((r) => buttonsOf(cardOf(r.activity)).map((b) => b.data.ref)))).toEqual(
      new Set(subs),
    );
    const times = arrivals.map((r) => r.arrivedAtMs);
    const mostInOneSecond = Math.max(
      ...times.map((t) => times.filter((u) => u >= t && u < t + 1_000).length),
    );
    const spread = times.map((t) => Math.round(t - times[0]!)).join(', ');
    expect(mostInOneSecond, `arrivals (ms after the first): ${spread}`).toBeLessThanOrEqual(7);
    // The cards are in Sam's language (Chinese).
    expect(textOf(cardOf(arrivals[0]!.activity))).toMatch(/[\u4e00-\u9fff]/);
  }, 30_000);
});

// ---- the person's own settings ----

describe('reminders on|off and the daily digest', () => {
  it('“reminders off” answers with the settings card, and a reminder that falls due is not sent, then or after “reminders on”', async () => {
    const off = textOf(await say('reminders off', HANA, ENGLISH));
    expect(off).toContain('Reminders');
    expect(off).toContain('Reminders are off. Type “reminders on” to turn them back on.');
    const sub = await buy(HANA, 'cus-fourth-coffee', 'exchange-online-p1');
    const since = connector.requests.length;

    const report = await run();
    expect(report.skipped).toBe(1);
    expect(deliveredTo(HANA, since)).toEqual([]);
    const [row] = await reminderRows(sub);
    expect(row!.skippedAt).not.toBeNull();

    const on = textOf(await say('reminders on', HANA, ENGLISH));
    expect(on).toContain('Reminders are on');
    expect(on).toContain('Reminders come as they fall due.');
    clock.advance(60_000);
    await run();
    expect(deliveredTo(HANA, since)).toEqual([]);
  });

  it('“알림 요약 켜기” (digest on) answers in Korean, and Bora’s reminders wait for 09:00 in Seoul and come in one card', async () => {
    const digestOn = textOf(await say('알림 요약 켜기', BORA, KOREAN));
    expect(digestOn).toContain(
      '일일 요약이 켜져 있습니다. 알림은 내 시간대 09:00에 한 카드로 모아 보냅니다.',
    );
    try {
      const digestAt = nextDigestAt(now(), 'Asia/Seoul');
      // Bought at 13:00 in Seoul: the 24-hour windows are still open at the next 09:00 (and the
      // 2-hour warnings are not due yet).
      clock.set(digestAt.subtract(20, 'hour').valueOf());
      const first = await buy(BORA, 'cus-woodgrove-bank', 'm365-e3');
      clock.advance(60_000);
      const second = await buy(BORA, 'cus-alpine-ski-house', 'm365-e3');
      const since = connector.requests.length;

      await run();
      expect(deliveredTo(BORA, since)).toEqual([]);

      clock.set(digestAt.subtract(1, 'ms').valueOf());
      await run();
      expect(deliveredTo(BORA, since)).toEqual([]);

      clock.set(digestAt.valueOf());
      await run();
      await run();
      const cards = deliveredTo(BORA, since);
      expect(cards).toHaveLength(1);
      const shown = textOf(cards[0]);
      expect(shown).toContain('오늘의 알림 (2)');
      expect(shown).toContain('Woodgrove Bank');
      expect(shown).toContain('Alpine Ski House');
      expect(shown).toContain('시간은 한국 표준시 (UTC+9, Asia/Seoul) 기준입니다.');
      expect(buttonsOf(cards[0]).map((b) => b.data.ref)).toEqual(expect.arrayContaining([first, second]));
    } finally {
      const digestOff = textOf(await say('알림 요약 끄기', BORA, KOREAN));
      expect(digestOff).toContain('알림은 기한이 되는 즉시 보냅니다.');
    }
  });

  it('someone with no one-to-one chat yet is told to open one', async () => {
    const card = await say('reminders', GRACE, { ...ENGLISH, conversationType: 'channel' });
    expect(textOf(card)).toContain('I can only send reminders in our private chat');
  });
});

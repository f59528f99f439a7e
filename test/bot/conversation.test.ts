/**
 * The foundation commands through the real /api/messages endpoint, with Teams-shaped activities.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, can } from '../../src/domain/shared/roles.js';
import { COMMANDS } from '../../src/bot/commands.js';
import { DEMO_STAFF } from '../../prisma/seed/staff.js';
import {
  buttonNamed,
  buttonsOf,
  cardsOf,
  executeActivity,
  messageActivity,
  post,
  startLocalConnector,
  startTestBot,
  submitActivity,
  textOf,
  invokeCardOf,
  type TestBot,
} from '../support/bot.js';
import { BILLING_ADMIN, GLOBAL_ADMIN, NOBODY, SALES_AGENT, staffWithRole } from '../support/staff.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await bot?.close();
});

const say = async (text: string, options: Parameters<typeof messageActivity>[1] = {}) => {
  const reply = await post(bot.endpoint, messageActivity(text, { from: GLOBAL_ADMIN, ...options }));
  expect(reply.status).toBe(200);
  const cards = cardsOf(reply);
  expect(cards).toHaveLength(1);
  return cards[0]!;
};

describe('help', () => {
  it.each(ROLES)('R-ROLE-1..8: lists only the commands a %s may use, each with an example', async (role) => {
    const person = staffWithRole(role);
    const card = await say('help', { from: person });
    const text = textOf(card);
    for (const command of COMMANDS) {
      const visible = !command.action || can([role], command.action);
      const line = `**${command.words.en[0]}**`;
      if (visible) {
        expect(text).toContain(line);
        expect(text).toContain(command.example.en);
      } else {
        expect(text).not.toContain(line);
      }
    }
  });

  it('answers in Korean and Simplified Chinese by the activity locale, and takes their command words', async () => {
    const korean = textOf(await say('도움말', { locale: 'ko-KR' }));
    expect(korean).toContain('제가 도와드릴 수 있는 일');
    expect(korean).toContain('**고객**');
    const chinese = textOf(await say('帮助', { locale: 'zh-CN' }));
    expect(chinese).toContain('我能为你做什么');
    expect(chinese).toContain('**客户**');
  });

  it('falls back to English for a locale it does not speak', async () => {
    expect(textOf(await say('help', { locale: 'fr-FR' }))).toContain('What I can do for you');
  });
});

describe('whoami', () => {
  it('shows the speaker’s name, roles and time zone', async () => {
    const text = textOf(await say('whoami', { from: BILLING_ADMIN, timeZone: 'Asia/Seoul' }));
    expect(text).toContain(BILLING_ADMIN.displayName);
    expect(text).toContain('Billing admin');
    expect(text).toContain('Asia/Seoul');
  });

  it('says UTC when the activity carries no time zone', async () => {
    expect(textOf(await say('whoami'))).toContain('UTC');
  });
});

describe('someone with no partner role', () => {
  it.each([
    'help',
    'customers contoso',
    'subscriptions fabrikam',
    'orders northwind',
    'grant Sam Chen admin-agent',
  ])(
    'R-ROLE-10, R-ID-4: gets a polite card saying whom to ask, without admins’ names, for “%s”, and no customer data',
    async (text) => {
      const card = await say(text, { from: NOBODY });
      const shown = textOf(card);
      expect(shown).toContain('You have no partner role yet');
      expect(shown).toContain('Ask a global admin of your organisation to grant you a role.');
      expect(shown).toContain(`grant ${NOBODY.aadObjectId} <role>`);
      expect(shown).not.toContain(GLOBAL_ADMIN.displayName);
      expect(shown).not.toMatch(/contoso|fabrikam|northwind/i);
      expect(buttonsOf(card)).toHaveLength(0);
    },
  );

  it('R-ROLE-10: an Emulator user without an Entra id is no one in particular', async () => {
    const reply = await post(
      bot.endpoint,
      messageActivity('customers contoso', { channelId: 'emulator', from: null }),
    );
    expect(textOf(cardsOf(reply)[0])).toContain('You have no partner role yet');
  });
});

describe('customers (R-CAT-1)', () => {
  it('R-CAT-1: finds a customer by partial, case-insensitive name', async () => {
    const text = textOf(await say('customers WOODGROVE'));
    expect(text).toContain('Woodgrove Bank');
  });

  it('R-CAT-1: tolerates a typo or two in the name', async () => {
    expect(textOf(await say('customers Fabirkam'))).toContain('Fabrikam');
    expect(textOf(await say('customers Nortwind Tradres'))).toContain('Northwind Traders');
  });

  it('R-CAT-1: finds a customer by primary domain and by tenant id', async () => {
    const byDomain = textOf(await say('customers litware.onmicrosoft.com'));
    expect(byDomain).toContain('Litware');
    const tenantId = /Tenant id\n([0-9a-f-]{36})/.exec(byDomain)?.[1];
    expect(tenantId).toBeDefined();
    expect(textOf(await say(`customers ${tenantId!.toUpperCase()}`))).toContain('Litware');
  });

  it('R-CAT-1: lists every match with buttons to open its subscriptions and orders', async () => {
    const card = await say('customers contoso');
    const text = textOf(card);
    expect(text).toContain('Contoso Ltd');
    expect(text).toContain('Contoso Pharmaceuticals');
    expect(buttonsOf(card).filter((b) => b.verb === 'customer.subscriptions')).toHaveLength(2);
  });

  it('says plainly when nothing matches', async () => {
    expect(textOf(await say('customers zzqqxx'))).toContain("I couldn't find a customer matching “zzqqxx”");
  });
});

describe('subscriptions and orders', () => {
  it('R-CAT-1: several matches give a choice card, never a guess; choosing one lists its subscriptions', async () => {
    const ambiguous = await say('subscriptions contoso');
    expect(textOf(ambiguous)).toContain('Which customer do you mean?');
    expect(textOf(ambiguous)).not.toContain('Subscriptions of');
    const buttons = buttonsOf(ambiguous);
    expect(buttons.length).toBeGreaterThan(1);
    const pharma = buttons.find((b) => b.data.customerId === 'cus-contoso-pharmaceuticals');
    expect(pharma).toBeDefined();
    const reply = await post(
      bot.endpoint,
      executeActivity(pharma!.verb!, pharma!.data, { from: GLOBAL_ADMIN }),
    );
    expect(reply.status).toBe(200);
    expect(textOf(invokeCardOf(reply))).toContain('Subscriptions of Contoso Pharmaceuticals');
  });

  it('lists product, status, licenses, billing cycle, order date, renewal date and trial end', async () => {
    const text = textOf(await say('subscriptions fabrikam'));
    expect(text).toContain('Subscriptions of Fabrikam');
    for (const label of ['Licenses', 'Billing', 'Ordered', 'Renews', 'Trial ends'])
      expect(text).toContain(label);
    expect(text).toContain('Suspended');
    expect(text).toMatch(/data deleted on \d{4}-\d{2}-\d{2}/);
  });

  it('shows dates in the user’s time zone when the activity carries one', async () => {
    const utc = textOf(await say('orders northwind'));
    const seoul = textOf(await say('orders northwind', { timeZone: 'Asia/Seoul' }));
    const utcTime = /Placed\n(\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC/.exec(utc)?.[1];
    const seoulTime = /Placed\n(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(seoul)?.[1];
    expect(utcTime).toBeDefined();
    expect(seoulTime).toBeDefined();
    expect(new Date(`${seoulTime}:00+09:00`).getTime()).toBe(new Date(`${utcTime}:00Z`).getTime());
    expect(seoul).toContain('Times are shown in Korean Standard Time (UTC+9, Asia/Seoul)');
  });

  it('lists orders with their lines and totals, in Chinese for a zh-CN client', async () => {
    const text = textOf(await say('订单 northwind', { from: SALES_AGENT, locale: 'zh-CN' }));
    expect(text).toContain('Northwind Traders 的订单');
    expect(text).toContain('合计');
  });

  it('a list page past the first has a Previous button that goes back to the first page', async () => {
    const second = await post(
      bot.endpoint,
      executeActivity(
        'customer.orders',
        { customerId: 'cus-northwind-traders', page: 1 },
        { from: GLOBAL_ADMIN },
      ),
    );
    expect(second.status).toBe(200);
    const card = invokeCardOf(second);
    expect(textOf(card)).toContain('Page 2');
    expect(buttonsOf(card).map((b) => b.title)).not.toContain('Next');
    const back = buttonNamed(card, 'Previous');
    expect(back.data).toEqual({ customerId: 'cus-northwind-traders', page: 0 });
    const first = await post(bot.endpoint, executeActivity(back.verb!, back.data, { from: GLOBAL_ADMIN }));
    const firstCard = invokeCardOf(first);
    expect(textOf(firstCard)).toContain('Orders of Northwind Traders');
    expect(textOf(firstCard)).toContain('Placed');
    expect(buttonsOf(firstCard).map((b) => b.title)).not.toContain('Previous');
  });

  it('R-ROLE-7: every role may look customers up', async () => {
    for (const person of DEMO_STAFF) {
      const text = textOf(await say('subscriptions northwind', { from: person }));
      expect(text).toContain('Subscriptions of Northwind Traders');
    }
  });
});

describe('the same buttons work in the Emulator and in Teams', () => {
  it('sends Action.Execute buttons to Teams and Action.Submit buttons elsewhere, both reaching the same handler', async () => {
    const teams = await say('customers woodgrove');
    expect(buttonsOf(teams).every((b) => b.type === 'Action.Execute')).toBe(true);
    const emulatorReply = await post(
      bot.endpoint,
      messageActivity('customers woodgrove', { from: GLOBAL_ADMIN, channelId: 'emulator' }),
    );
    const emulatorCard = cardsOf(emulatorReply)[0]!;
    const button = buttonNamed(emulatorCard, 'Orders');
    expect(button.type).toBe('Action.Submit');
    expect(button.data.verb).toBe('customer.orders');
    const submitted = await post(bot.endpoint, submitActivity(button.data, { from: GLOBAL_ADMIN }));
    expect(textOf(cardsOf(submitted)[0])).toContain('Orders of Woodgrove Bank');
  });

  it('replies through the connector at the serviceUrl when Teams does not ask for expectReplies', async () => {
    const connector = await startLocalConnector();
    try {
      const reply = await post(
        bot.endpoint,
        messageActivity('whoami', {
          from: GLOBAL_ADMIN,
          serviceUrl: connector.serviceUrl,
          expectReplies: false,
        }),
      );
      expect(reply.status).toBe(200);
      await connector.waitFor(1);
      const sent = connector.received[0]!;
      expect(sent.path).toMatch(/^\/v3\/conversations\/.+\/activities/);
      expect(textOf(sent.activity)).toContain(GLOBAL_ADMIN.displayName);
    } finally {
      await connector.close();
    }
  });
});

/**
 * Tenants and who is remembered (R-ID-1..4), through /api/messages: people of another tenant get one polite
 * sentence and nothing else; a staff member's object id from another tenant is nobody; nobody without a
 * role leaves a row; profiles change only for staff and the one-to-one chat only from that chat.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_TENANT_ID } from '../../prisma/seed/staff.js';
import { en } from '../../src/bot/messages/en.js';
import { ko } from '../../src/bot/messages/ko.js';
import { zh } from '../../src/bot/messages/zh.js';
import {
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  textOf,
  type HttpReply,
} from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT, GLOBAL_ADMIN, NOBODY } from '../support/staff.js';

const SECOND_TENANT = 'aaaaaaaa-0000-4000-8000-00000000000b';
const FOREIGN_TENANT = 'ffffffff-0000-4000-8000-00000000000f';

const bot = useTestBot({ env: { ALLOWED_TENANT_IDS: `${DEMO_TENANT_ID},${SECOND_TENANT}` } });

/** Everything a turn could leave behind: people, roles, chats, pending actions, audit, keys. */
const snapshot = async () => {
  const p = bot.db.prisma;
  return JSON.stringify({
    staff: await p.staff.findMany({ orderBy: { aadObjectId: 'asc' } }),
    roles: await p.staffRole.findMany({ orderBy: [{ aadObjectId: 'asc' }, { role: 'asc' }] }),
    pending: await p.pendingAction.count(),
    audit: await p.auditEvent.count(),
  });
};

/** The texts of the plain (non-card) messages of an expectReplies answer. */
const textsOf = (reply: HttpReply): string[] =>
  ((reply.body as { activities?: Array<{ text?: string }> })?.activities ?? []).map((a) => a.text ?? '');

describe('R-ID-1: another tenant', () => {
  it.each([
    ['en-US', en.tenant.notAllowed],
    ['ko-KR', ko.tenant.notAllowed],
    ['zh-CN', zh.tenant.notAllowed],
  ])(
    'R-ID-1: a staff object id from another tenant (%s) gets one polite sentence, no card, no data, no row',
    async (locale, sentence) => {
      const before = await snapshot();
      for (const text of ['whoami', 'staff', 'customers contoso', 'key ORD-2001']) {
        const reply = await post(
          bot.endpoint,
          messageActivity(text, { from: GLOBAL_ADMIN, tenantId: FOREIGN_TENANT, locale }),
        );
        expect(reply.status).toBe(200);
        expect(cardsOf(reply)).toHaveLength(0);
        expect(textsOf(reply)).toEqual([sentence]);
      }
      expect(await snapshot()).toBe(before);
    },
  );

  it('R-ID-1: a card press from another tenant gets the sentence as its card and changes nothing', async () => {
    const before = await snapshot();
    const reply = await post(
      bot.endpoint,
      executeActivity(
        'software.key.start',
        { orderId: 'ORD-2001' },
        { from: ADMIN_AGENT, tenantId: FOREIGN_TENANT },
      ),
    );
    expect(reply.status).toBe(200);
    expect(textOf(invokeCardOf(reply))).toBe(en.tenant.notAllowed);
    expect(await snapshot()).toBe(before);
  });

  it('R-ID-1: an activity with no tenant, or with two different ones, is refused the same way', async () => {
    const before = await snapshot();
    const none = await post(bot.endpoint, messageActivity('whoami', { from: GLOBAL_ADMIN, tenantId: null }));
    expect(textsOf(none)).toEqual([en.tenant.notAllowed]);
    const activity = messageActivity('whoami', { from: GLOBAL_ADMIN }) as unknown as {
      conversation: Record<string, unknown>;
    };
    const mixed = await post(bot.endpoint, {
      ...activity,
      conversation: { ...activity.conversation, tenantId: SECOND_TENANT },
    });
    expect(textsOf(mixed)).toEqual([en.tenant.notAllowed]);
    expect(await snapshot()).toBe(before);
  });

  it('R-ID-1: the same person from the allowed tenant is served', async () => {
    const reply = await post(bot.endpoint, messageActivity('whoami', { from: GLOBAL_ADMIN }));
    expect(textOf(cardsOf(reply)[0])).toContain('Global admin');
  });
});

describe('R-ID-2: staff are known by tenant and object id', () => {
  it('R-ID-2: a staff object id from another allowed tenant holds no role and cannot touch that person’s chat', async () => {
    const before = await snapshot();
    const reply = await post(
      bot.endpoint,
      messageActivity('staff', {
        from: { ...GLOBAL_ADMIN, displayName: '=HYPERLINK("http://evil")' },
        tenantId: SECOND_TENANT,
        conversationId: 'personal:attacker',
      }),
    );
    expect(reply.status).toBe(200);
    const text = textOf(cardsOf(reply)[0]);
    expect(text).toContain('You have no partner role yet');
    expect(text).not.toContain(GLOBAL_ADMIN.aadObjectId);
    expect(await snapshot()).toBe(before);
  });

  it('R-ID-2: a staff member added without a tenant is bound to the tenant of their first turn', async () => {
    const newcomer = { aadObjectId: '00000000-0000-4000-8000-00000000b0b0', displayName: 'Bo Newcomer' };
    await bot.deps.staff.grant(newcomer.aadObjectId, 'sales-agent', { displayName: newcomer.displayName });
    await post(bot.endpoint, messageActivity('whoami', { from: newcomer, tenantId: SECOND_TENANT }));
    const row = await bot.db.prisma.staff.findUniqueOrThrow({ where: { aadObjectId: newcomer.aadObjectId } });
    expect(row.tenantId).toBe(SECOND_TENANT);
    const fromDemo = await post(bot.endpoint, messageActivity('help', { from: newcomer }));
    expect(textOf(cardsOf(fromDemo)[0])).toContain('You have no partner role yet');
  });
});

describe('R-ID-3: who is remembered', () => {
  it('R-ID-3: someone without a role leaves no staff row, whatever they send', async () => {
    const before = await snapshot();
    const strangers = Array.from({ length: 5 }, (_, i) => ({
      aadObjectId: `00000000-0000-4000-8000-0000000c0de${i}`,
      displayName: `Stranger ${i}`,
    }));
    for (const person of [NOBODY, ...strangers]) {
      await post(
        bot.endpoint,
        messageActivity('help', { from: person, timeZone: 'Asia/Seoul', locale: 'ko-KR' }),
      );
      await post(
        bot.endpoint,
        executeActivity('pending.discard', { pendingId: 'A'.repeat(22) }, { from: person }),
      );
    }
    expect(await snapshot()).toBe(before);
  });

  it('R-ID-3: a row without roles is not updated (name, language, zone, chat)', async () => {
    const former = { aadObjectId: '00000000-0000-4000-8000-00000000f0f0', displayName: 'Former Staff' };
    await bot.db.prisma.staff.create({ data: { ...former, tenantId: DEMO_TENANT_ID } });
    const before = await snapshot();
    await post(
      bot.endpoint,
      messageActivity('whoami', {
        from: { ...former, displayName: 'Renamed' },
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
      }),
    );
    expect(await snapshot()).toBe(before);
  });

  it('R-ID-3: the one-to-one chat is stored only from a personal conversation; profile fields only validated', async () => {
    const where = { aadObjectId: GLOBAL_ADMIN.aadObjectId };
    await post(
      bot.endpoint,
      messageActivity('whoami', { from: GLOBAL_ADMIN, conversationId: 'personal:grace' }),
    );
    const personal = await bot.db.prisma.staff.findUniqueOrThrow({ where });
    expect(JSON.stringify(personal.conversationReference)).toContain('personal:grace');

    await post(
      bot.endpoint,
      messageActivity('whoami', {
        from: GLOBAL_ADMIN,
        conversationType: 'groupChat',
        conversationId: 'group:1',
      }),
    );
    const activity = messageActivity('whoami', {
      from: GLOBAL_ADMIN,
      conversationId: 'personal:forged',
    }) as unknown as {
      conversation: Record<string, unknown>;
    };
    // A "personal" conversation that says it is a group is not a one-to-one chat.
    await post(bot.endpoint, { ...activity, conversation: { ...activity.conversation, isGroup: true } });
    // Values of the wrong shape are not stored.
    const group = messageActivity('whoami', { from: GLOBAL_ADMIN, conversationType: 'groupChat' });
    await post(bot.endpoint, { ...group, locale: 'x'.repeat(300), localTimezone: 'Nowhere/Else' });
    const after = await bot.db.prisma.staff.findUniqueOrThrow({ where });
    expect(JSON.stringify(after.conversationReference)).toContain('personal:grace');
    expect(after.locale).toBe(personal.locale);
    expect(after.timeZone).toBe(personal.timeZone);
  });
});

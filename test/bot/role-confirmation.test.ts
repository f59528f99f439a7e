/**
 * The confirmation protocol, exercised with granting and revoking roles from chat (R-ROLE-8, R-ROLE-9):
 * a preview stored server-side, a Confirm button carrying only its id, execution re-checking everything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { movableClock } from '../../src/domain/shared/time.js';
import {
  buttonNamed,
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  submitActivity,
  textOf,
} from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT, GLOBAL_ADMIN, NOBODY, SALES_AGENT, type TestPerson } from '../support/staff.js';

const clock = movableClock('2026-11-21T09:00:00Z');
const bot = useTestBot({ clock });
afterEach(() => clock.set('2026-11-21T09:00:00Z'));

const say = async (text: string, from: TestPerson = GLOBAL_ADMIN, locale = 'en-US') =>
  cardsOf(await post(bot.endpoint, messageActivity(text, { from, locale })))[0]!;

const press = async (card: unknown, title: string, from: TestPerson = GLOBAL_ADMIN, locale = 'en-US') => {
  const button = buttonNamed(card, title);
  const reply = await post(bot.endpoint, executeActivity(button.verb!, button.data, { from, locale }));
  expect(reply.status).toBe(200);
  return invokeCardOf(reply);
};

const rolesOf = async (aadObjectId: string) =>
  (await bot.db.prisma.staffRole.findMany({ where: { aadObjectId } })).map((r) => r.role).sort();

const auditCount = (action: string, outcome: string) =>
  bot.db.prisma.auditEvent.count({ where: { action, outcome } });

describe('granting a role', () => {
  it('R-ROLE-8: a global admin previews, confirms, and the role is granted with an audit event', async () => {
    const preview = await say('grant Ada Wong sales-agent');
    expect(textOf(preview)).toContain('Ada Wong will get the role Sales agent.');
    expect(await rolesOf(ADMIN_AGENT.aadObjectId)).toEqual(['admin-agent']);
    const before = await auditCount('staff.grant', 'allowed');
    const result = await press(preview, 'Confirm');
    expect(textOf(result)).toContain('Ada Wong now holds Sales agent.');
    expect(await rolesOf(ADMIN_AGENT.aadObjectId)).toEqual(['admin-agent', 'sales-agent']);
    expect(await auditCount('staff.grant', 'allowed')).toBe(before + 1);
    await bot.db.prisma.staffRole.delete({
      where: { aadObjectId_role: { aadObjectId: ADMIN_AGENT.aadObjectId, role: 'sales-agent' } },
    });
  });

  it('the Confirm button carries only the confirmation id', async () => {
    const preview = await say('grant Ada Wong helpdesk-agent');
    const confirm = buttonNamed(preview, 'Confirm');
    expect(Object.keys(confirm.data)).toEqual(['pendingId']);
    expect(confirm.data.pendingId).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('R-ROLE-8: someone who is not a global admin is refused before anything is looked up, and it is audited', async () => {
    const before = await auditCount('staff.grant', 'denied');
    const card = await say('grant Nora Jung admin-agent', SALES_AGENT);
    expect(textOf(card)).toContain("You can't grant staff roles");
    expect(textOf(card)).toContain('Global admin');
    expect(await auditCount('staff.grant', 'denied')).toBe(before + 1);
    expect(
      await bot.db.prisma.pendingAction.count({ where: { initiatorAadObjectId: SALES_AGENT.aadObjectId } }),
    ).toBe(0);
  });

  it('R-ROLE-9: a second click gets the first result and changes nothing more', async () => {
    const preview = await say('grant Ada Wong billing-admin');
    const first = await press(preview, 'Confirm');
    const second = await press(preview, 'Confirm');
    expect(textOf(first)).toContain('Ada Wong now holds Billing admin.');
    expect(textOf(second)).toContain('This was already done');
    expect(textOf(second)).toContain('Ada Wong now holds Billing admin.');
    expect(await auditCount('staff.grant', 'allowed')).toBeGreaterThan(0);
    const grants = await bot.db.prisma.auditEvent.count({
      where: {
        action: 'staff.grant',
        outcome: 'allowed',
        subjectId: ADMIN_AGENT.aadObjectId,
        detail: { path: ['role'], equals: 'billing-admin' },
      },
    });
    expect(grants).toBe(1);
  });

  it('R-ROLE-9: a click by someone else changes nothing, even by another global admin', async () => {
    await bot.deps.staff.grant('00000000-0000-4000-8000-0000000000aa', 'global-admin', {
      displayName: 'Other Admin',
    });
    const other: TestPerson = {
      aadObjectId: '00000000-0000-4000-8000-0000000000aa',
      displayName: 'Other Admin',
    };
    const preview = await say('grant Ada Wong referral-admin');
    const card = await press(preview, 'Confirm', other);
    expect(textOf(card)).toContain('Only the person who started this can confirm or cancel it');
    expect(await rolesOf(ADMIN_AGENT.aadObjectId)).not.toContain('referral-admin');
  });

  it('R-ROLE-9: roles are checked at the click: a confirmer who lost global-admin meanwhile is refused', async () => {
    const temp: TestPerson = {
      aadObjectId: '00000000-0000-4000-8000-0000000000bb',
      displayName: 'Temp Admin',
    };
    await bot.deps.staff.grant(temp.aadObjectId, 'global-admin', { displayName: temp.displayName });
    const preview = await say('grant Ada Wong account-admin', temp);
    await bot.deps.staff.revoke(temp.aadObjectId, 'global-admin');
    const card = await press(preview, 'Confirm', temp);
    expect(textOf(card)).toContain('You have no partner role yet');
    expect(await rolesOf(ADMIN_AGENT.aadObjectId)).not.toContain('account-admin');
  });

  it('a click after 15 minutes is refused as expired; one just before is accepted', async () => {
    const late = await say('grant Ada Wong marketing-content-admin');
    clock.advance(15 * 60_000);
    expect(textOf(await press(late, 'Confirm'))).toContain('This confirmation has expired');
    expect(await rolesOf(ADMIN_AGENT.aadObjectId)).not.toContain('marketing-content-admin');
    clock.set('2026-11-21T09:00:00Z');
    const inTime = await say('grant Ada Wong marketing-content-admin');
    clock.advance(15 * 60_000 - 1);
    expect(textOf(await press(inTime, 'Confirm'))).toContain('now holds Marketing content admin');
  });

  it('Cancel discards the preview; Confirm afterwards changes nothing', async () => {
    const preview = await say('grant Ada Wong global-admin');
    expect(textOf(await press(preview, 'Not now'))).toContain('Nothing was changed');
    expect(textOf(await press(preview, 'Confirm'))).toContain('This was cancelled earlier');
    expect(await rolesOf(ADMIN_AGENT.aadObjectId)).not.toContain('global-admin');
  });

  it('works with Action.Submit in the Emulator, in Korean', async () => {
    const reply = await post(
      bot.endpoint,
      messageActivity('권한부여 Nora Jung helpdesk-agent', {
        from: GLOBAL_ADMIN,
        channelId: 'emulator',
        locale: 'ko-KR',
      }),
    );
    const preview = cardsOf(reply)[0]!;
    // Nora is unknown (R-ID-3: speaking to the bot without a role leaves no row), so the grant needs her
    // object id, which her no-role card shows her (R-ID-4).
    expect(textOf(preview)).toContain('찾지 못했습니다');
    const noRole = cardsOf(await post(bot.endpoint, messageActivity('whoami', { from: NOBODY })))[0]!;
    expect(textOf(noRole)).toContain(NOBODY.aadObjectId);
    const again = cardsOf(
      await post(
        bot.endpoint,
        messageActivity(`권한부여 ${NOBODY.aadObjectId} helpdesk-agent`, {
          from: GLOBAL_ADMIN,
          channelId: 'emulator',
          locale: 'ko-KR',
        }),
      ),
    )[0]!;
    expect(textOf(again)).toContain(`${NOBODY.aadObjectId}님에게 기술 지원 에이전트 역할이 부여됩니다.`);
    const confirm = buttonNamed(again, '확인');
    expect(confirm.type).toBe('Action.Submit');
    const done = cardsOf(
      await post(bot.endpoint, submitActivity(confirm.data, { from: GLOBAL_ADMIN, locale: 'ko-KR' })),
    )[0]!;
    expect(textOf(done)).toContain('역할을 부여했습니다');
    expect(await rolesOf(NOBODY.aadObjectId)).toEqual(['helpdesk-agent']);
    await bot.deps.staff.revoke(NOBODY.aadObjectId, 'helpdesk-agent');
  });

  it('an ambiguous name gives a choice; choosing leads to the preview', async () => {
    const card = await say('grant a sales-agent');
    expect(textOf(card)).toContain('Which staff member do you mean?');
    const reply = await post(
      bot.endpoint,
      executeActivity(
        'staff.grant.pick',
        { aadObjectId: ADMIN_AGENT.aadObjectId, role: 'sales-agent' },
        { from: GLOBAL_ADMIN },
      ),
    );
    expect(textOf(invokeCardOf(reply))).toContain('Ada Wong will get the role Sales agent.');
  });
});

describe('revoking a role', () => {
  it('R-ROLE-8: revokes after confirmation, in Chinese', async () => {
    await bot.deps.staff.grant(SALES_AGENT.aadObjectId, 'referral-admin', {});
    const preview = await say('撤销 Sam Chen referral-admin', GLOBAL_ADMIN, 'zh-CN');
    expect(textOf(preview)).toContain('Sam Chen 将失去角色：推荐管理员。');
    const done = await press(preview, '确认', GLOBAL_ADMIN, 'zh-CN');
    expect(textOf(done)).toContain('已撤销角色');
    expect(await rolesOf(SALES_AGENT.aadObjectId)).toEqual(['sales-agent']);
  });

  it('refuses to remove the last global admin', async () => {
    await bot.db.prisma.staffRole.deleteMany({
      where: { role: 'global-admin', NOT: { aadObjectId: GLOBAL_ADMIN.aadObjectId } },
    });
    const preview = await say('revoke Grace Kim global-admin');
    const card = await press(preview, 'Confirm');
    expect(textOf(card)).toContain('last global admin');
    expect(await rolesOf(GLOBAL_ADMIN.aadObjectId)).toEqual(['global-admin']);
  });

  it('says there is nothing to change when the role is not held', async () => {
    expect(textOf(await say('revoke Ada Wong sales-agent'))).toContain('Nothing to change');
  });
});

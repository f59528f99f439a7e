/**
 * Roles by name (R-ROLE-8): grant and revoke accept an @mention (Teams mention entities carry the Entra
 * object id), the name of a member of the chat or team (its roster), or an object id; the help card's
 * example works as written.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/bot/commands.js';
import { cardsOf, messageActivity, textOf, type Card } from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { GLOBAL_ADMIN, NOBODY, SALES_AGENT } from '../support/staff.js';

const bot = useTestBot({ connector: 'recording' });
const GROUP = '19:partner-team-chat@thread.v2';

/** `text` with `<at>Name</at>` mentions of `people`, as Teams sends it. */
async function sayWithMentions(
  text: string,
  people: Array<{ aadObjectId: string; displayName: string }>,
  options: { conversationType?: 'personal' | 'groupChat'; locale?: string } = {},
): Promise<Card> {
  const activity = {
    ...messageActivity(text, {
      from: GLOBAL_ADMIN,
      serviceUrl: bot.connector.serviceUrl,
      ...(options.conversationType === 'groupChat'
        ? { conversationType: 'groupChat' as const, conversationId: GROUP }
        : {}),
      ...(options.locale ? { locale: options.locale } : {}),
    }),
    entities: people.map((p) => ({
      type: 'mention',
      text: `<at>${p.displayName}</at>`,
      mentioned: {
        id: `29:1${p.aadObjectId.slice(0, 8)}-teams-user-id`,
        name: p.displayName,
        aadObjectId: p.aadObjectId,
      },
    })),
  };
  const reply = await bot.send(activity);
  expect(reply.status).toBe(200);
  return cardsOf(reply)[0]!;
}

describe('R-ROLE-8: granting and revoking by @mention, roster name or object id', () => {
  it('R-ROLE-8: an @mention of someone who is not staff yet grants them the role', async () => {
    const preview = await sayWithMentions(`grant <at>${NOBODY.displayName}</at> referral-admin`, [NOBODY]);
    expect(textOf(preview)).toContain(NOBODY.displayName);
    const result = await bot.press(preview, 'Confirm', {}, GLOBAL_ADMIN);
    expect(textOf(result)).toContain('Referral admin');
    expect(textOf(await bot.say('whoami', NOBODY))).toContain('Referral admin');
  });

  it('R-ROLE-8: revoking by @mention, in Korean', async () => {
    const preview = await sayWithMentions(
      `권한회수 <at>${NOBODY.displayName}</at> referral-admin`,
      [NOBODY],
      {
        locale: 'ko-KR',
      },
    );
    expect(textOf(preview)).toContain(NOBODY.displayName);
    await bot.press(preview, '확인', {}, GLOBAL_ADMIN, { locale: 'ko-KR' });
    expect(textOf(await bot.say('whoami', NOBODY))).not.toContain('Referral admin');
  });

  it('R-ROLE-8: the help card’s example, said in a group chat whose roster holds that person, works as written', async () => {
    bot.connector.setMembers([
      { id: '29:nora', name: NOBODY.displayName, aadObjectId: NOBODY.aadObjectId },
      { id: '29:grace', name: GLOBAL_ADMIN.displayName, aadObjectId: GLOBAL_ADMIN.aadObjectId },
    ]);
    const example = COMMANDS.find((c) => c.id === 'grant')!.example.en;
    expect(example).toContain(NOBODY.displayName);
    const preview = await sayWithMentions(example, [], { conversationType: 'groupChat' });
    expect(textOf(preview)).toContain(NOBODY.displayName);
    expect(JSON.stringify(preview)).toContain('staff.grant.confirm');
  });

  it('R-ROLE-8: an object id still works, and a name nobody nearby has is not found', async () => {
    const byId = await bot.say(`grant ${SALES_AGENT.aadObjectId} billing-admin`, GLOBAL_ADMIN);
    expect(textOf(byId)).toContain(SALES_AGENT.displayName);
    const unknown = textOf(await bot.say('grant Zed Nobody admin-agent', GLOBAL_ADMIN));
    expect(unknown).not.toContain('Zed Nobody ·');
    expect(JSON.stringify(unknown)).not.toContain('staff.grant.confirm');
  });
});

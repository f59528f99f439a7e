/**
 * Group chats and channels: a confirmation by the person who started it updates the shared message for
 * everyone (through the connector, updateActivity), so nobody sees a live Confirm for something done; a
 * colleague's press is answered to them alone and leaves the card; "Sent privately" links to the
 * one-to-one chat.
 */
import { describe, expect, it } from 'vitest';
import { buttonNamed, executeActivity, textOf, type Card } from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT, BILLING_ADMIN, GLOBAL_ADMIN, type TestPerson } from '../support/staff.js';

const bot = useTestBot({ connector: 'recording' });
const GROUP = '19:group-chat-of-the-partner@thread.v2';

const inGroup = (conversationType: 'groupChat' | 'channel' = 'groupChat') => ({
  conversationType,
  conversationId: conversationType === 'channel' ? '19:general@thread.skype;messageid=1' : GROUP,
  serviceUrl: bot.connector.serviceUrl,
});

/** Presses `title` on the shared message `messageId` as `from` in the group: the raw invoke reply. */
async function pressInGroup(
  card: Card,
  title: string,
  from: TestPerson,
  messageId: string,
  conversationType: 'groupChat' | 'channel' = 'groupChat',
) {
  const button = buttonNamed(card, title);
  const activity = {
    ...executeActivity(button.verb!, button.data, { from, ...inGroup(conversationType) }),
    replyToId: messageId,
  };
  const reply = await bot.send(activity);
  expect(reply.status).toBe(200);
  return reply.body as { statusCode: number; type: string; value: unknown };
}

const updatesOf = (messageId: string) =>
  bot.connector.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/activities/${messageId}`));

describe('a confirmation in a group chat or channel', () => {
  it('a colleague pressing Confirm is answered privately, the shared card stays, nothing is done', async () => {
    const preview = await bot.say('suspend SUB-contoso-exo', GLOBAL_ADMIN, inGroup());
    const answer = await pressInGroup(preview, 'Confirm', BILLING_ADMIN, 'message-1');
    expect(answer.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(answer.value)).toContain('Only');
    expect(updatesOf('message-1')).toEqual([]);
    expect(textOf(await bot.say('subscriptions contoso ltd', GLOBAL_ADMIN))).not.toMatch(
      /SUB-contoso-exo[\s\S]{0,40}Suspended/,
    );
  });

  it('the initiator confirming updates the original message for everyone through the connector', async () => {
    const preview = await bot.say('suspend SUB-contoso-exo', GLOBAL_ADMIN, inGroup());
    const answer = await pressInGroup(preview, 'Confirm', GLOBAL_ADMIN, 'message-2');
    expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(answer.value)).toContain('Subscription suspended');

    const update = await bot.connector.waitForRequest(
      (r) => r.method === 'PUT' && r.path.endsWith('/activities/message-2'),
    );
    expect(update.path).toContain(encodeURIComponent(GROUP));
    const shared = (update.activity.attachments as Array<{ content: Card }>)[0]!.content;
    expect(textOf(shared)).toContain('Subscription suspended');
    expect(textOf(shared)).not.toContain('Confirm');
  });

  it('in a channel too, in Korean', async () => {
    const preview = await bot.say('일시중단 SUB-woodgrove-e5', GLOBAL_ADMIN, {
      ...inGroup('channel'),
      locale: 'ko-KR',
    });
    const button = buttonNamed(preview, '확인');
    const reply = await bot.send({
      ...executeActivity(button.verb!, button.data, {
        from: GLOBAL_ADMIN,
        ...inGroup('channel'),
        locale: 'ko-KR',
      }),
      replyToId: 'message-3',
    });
    expect(reply.status).toBe(200);
    const update = await bot.connector.waitForRequest(
      (r) => r.method === 'PUT' && r.path.endsWith('/activities/message-3'),
    );
    expect(textOf((update.activity.attachments as Array<{ content: Card }>)[0]!.content)).toContain(
      '일시 중단',
    );
  });
});

describe('sent privately', () => {
  it('R-KEY-6: the "Sent privately" reply in a group chat links to the one-to-one chat with the bot', async () => {
    // The admin agent has a one-to-one chat with the bot (it was installed there).
    await bot.say('whoami', ADMIN_AGENT, { serviceUrl: bot.connector.serviceUrl });
    const text = textOf(await bot.say('key ORD-2001', ADMIN_AGENT, inGroup()));
    expect(text).toContain('Sent privately');
    expect(text).toContain(
      '[Open our one-to-one chat](https://teams.microsoft.com/l/chat/0/0?users=28%3Acsp-bot)',
    );
    // The chooser itself went to the one-to-one chat.
    await bot.connector.waitForRequest(
      (r) =>
        r.method === 'POST' && r.path.includes(encodeURIComponent(`personal:${ADMIN_AGENT.aadObjectId}`)),
    );
  });
});

/**
 * The welcome (the help card) reaches people wherever they meet the bot: a Teams personal chat, group chat
 * or team the bot is added to, and Web Chat or the Emulator, where the person joins the bot's conversation.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardsOf, textOf } from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { GLOBAL_ADMIN } from '../support/staff.js';

const bot = useTestBot();
const BOT = { id: '28:csp-bot', name: 'CSP Partner Assistant' };

function membersAdded(
  channelId: 'msteams' | 'webchat' | 'emulator',
  conversationType: string | undefined,
  added: Array<{ id: string; name?: string }>,
  locale = 'en-US',
) {
  const teams = channelId === 'msteams';
  return {
    type: 'conversationUpdate',
    id: crypto.randomUUID(),
    channelId,
    serviceUrl: 'http://127.0.0.1:9/unused/',
    locale,
    from: teams
      ? {
          id: `29:${GLOBAL_ADMIN.aadObjectId}`,
          aadObjectId: GLOBAL_ADMIN.aadObjectId,
          name: GLOBAL_ADMIN.displayName,
        }
      : { id: GLOBAL_ADMIN.aadObjectId, name: GLOBAL_ADMIN.displayName },
    recipient: BOT,
    conversation: {
      id: `${channelId}:${crypto.randomUUID()}`,
      ...(conversationType ? { conversationType } : {}),
    },
    membersAdded: added,
    deliveryMode: 'expectReplies',
  };
}

const welcome = async (activity: unknown) => {
  const reply = await bot.send(activity);
  expect(reply.status).toBe(200);
  return cardsOf(reply);
};

describe('the welcome message', () => {
  it.each(['personal', 'groupChat', 'channel'])(
    'Teams: the bot added to a %s chat says what it can do',
    async (type) => {
      const cards = await welcome(membersAdded('msteams', type, [BOT]));
      expect(cards).toHaveLength(1);
      expect(textOf(cards[0])).toContain('What I can do for you');
    },
  );

  it('Teams: another person added to a chat the bot is already in gets no second welcome', async () => {
    expect(await welcome(membersAdded('msteams', 'groupChat', [{ id: '29:someone-else' }]))).toEqual([]);
  });

  it.each(['webchat', 'emulator'] as const)(
    '%s: the person joining gets one welcome, in their language',
    async (channel) => {
      const cards = await welcome(
        membersAdded(channel, undefined, [BOT, { id: GLOBAL_ADMIN.aadObjectId }], 'ko-KR'),
      );
      expect(cards).toHaveLength(1);
      expect(textOf(cards[0])).toContain('제가 도와드릴 수 있는 일');
    },
  );

  it('Web Chat: the bot joining alone (before the person) sends nothing yet', async () => {
    expect(await welcome(membersAdded('webchat', undefined, [BOT]))).toEqual([]);
  });
});

/**
 * Messages the bot starts: to a staff member's one-to-one chat, from its stored conversation reference,
 * in their language and time zone. Sending respects Teams' limit (at most 7 messages a second to one
 * conversation) and retries throttling and passing failures (429, 412, 502, 504) with back-off and jitter,
 * honouring Retry-After.
 */
import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { UseCases } from './use-cases.js';
import { backoffMs } from '../domain/reminders/reminder-schedule.js';
import { adaptForChannel as toChannel, type AdaptiveCardJson } from './cards.js';
import { localeOf, speechFor, type Speech } from './i18n.js';

export const MAX_PER_SECOND_PER_CONVERSATION = 7;
const MIN_GAP_MS = Math.ceil(1000 / MAX_PER_SECOND_PER_CONVERSATION) + 10;
export const RETRYABLE_STATUSES = [412, 429, 502, 504];
export const INLINE_RETRIES = 2;

export type ProactiveResult =
  | { readonly kind: 'sent' }
  | { readonly kind: 'no-conversation' }
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs?: number };

export interface ProactiveSender {
  /** A card built in the recipient's own language and time zone. */
  send(aadObjectId: string, build: (s: Speech) => AdaptiveCardJson): Promise<ProactiveResult>;
  /** A card already built (in the language of the turn that asked for it). */
  sendCard(aadObjectId: string, card: AdaptiveCardJson): Promise<ProactiveResult>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function statusOf(error: unknown): { status?: number; retryAfterMs?: number } {
  const e = error as {
    statusCode?: number;
    status?: number;
    response?: { status?: number; headers?: { get?(n: string): string | null } };
  };
  const status = e?.statusCode ?? e?.status ?? e?.response?.status;
  const retryAfter = Number(e?.response?.headers?.get?.('retry-after'));
  return {
    ...(status ? { status } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {}),
  };
}

export function createProactiveSender(options: {
  adapter: CloudAdapter;
  appId: string;
  /** How to reach a staff member: their chat's stored reference, their language and time zone. */
  useCases: Pick<UseCases, 'findChatReference' | 'findChatLanguage'>;
  defaultLocale: 'en' | 'ko' | 'zh';
  random?: () => number;
  wait?: (ms: number) => Promise<void>;
}): ProactiveSender {
  const random = options.random ?? Math.random;
  const wait = options.wait ?? sleep;
  /**
   * Teams allows 7 messages a second to one conversation: consecutive sends to a conversation start at
   * least 1000/7 ms (plus a margin) after the previous one finished, so arrivals never bunch up.
   */
  const lastSentAt = new Map<string, number>();
  const throttle = async (conversationId: string) => {
    const waitMs = (lastSentAt.get(conversationId) ?? 0) + MIN_GAP_MS - Date.now();
    if (waitMs > 0) await wait(waitMs);
  };

  const referenceOf = async (aadObjectId: string) => {
    const reference = (await options.useCases.findChatReference(
      aadObjectId,
    )) as Partial<ConversationReference> | null;
    return reference && typeof reference === 'object' && reference.conversation?.id ? reference : null;
  };

  return {
    async send(aadObjectId, build) {
      if (!(await referenceOf(aadObjectId))) return { kind: 'no-conversation' };
      const preferences = await options.useCases.findChatLanguage(aadObjectId);
      const s = speechFor(localeOf(preferences?.locale, options.defaultLocale), preferences?.timeZone);
      return this.sendCard(aadObjectId, build(s));
    },
    async sendCard(aadObjectId, card) {
      const reference = await referenceOf(aadObjectId);
      if (!reference?.conversation) return { kind: 'no-conversation' };
      const activity = MessageFactory.attachment(
        CardFactory.adaptiveCard(toChannel(card, reference.channelId)),
      );
      for (let attempt = 0; ; attempt++) {
        await throttle(reference.conversation.id);
        let failure: unknown;
        try {
          // Errors inside the callback would go to the adapter's turn-error handler: catch them here.
          await options.adapter.continueConversationAsync(options.appId, reference, async (context) => {
            try {
              await context.sendActivity(activity);
            } catch (error) {
              failure = error;
            }
          });
        } catch (error) {
          failure = error;
        }
        lastSentAt.set(reference.conversation.id, Date.now());
        if (failure === undefined) return { kind: 'sent' };
        const { status, retryAfterMs } = statusOf(failure);
        const retryable = status !== undefined && RETRYABLE_STATUSES.includes(status);
        if (retryable && attempt < INLINE_RETRIES) {
          // A short wait here; a long Retry-After goes back to the scheduler instead of blocking the pass.
          if (retryAfterMs === undefined || retryAfterMs <= 5_000) {
            await wait(Math.max(retryAfterMs ?? 0, Math.min(5_000, backoffMs(attempt, random()) / 4)));
            continue;
          }
        }
        return {
          kind: 'retry',
          error: `send failed${status ? ` (${status})` : ''}`,
          ...(retryAfterMs ? { retryAfterMs } : {}),
        };
      }
    },
  };
}

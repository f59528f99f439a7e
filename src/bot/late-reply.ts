/**
 * A turn never waits past what Teams waits for (R-PC-17). Teams gives a bot about 15 seconds to answer a
 * message or a card's Action.Execute, and a Partner Center call that is retried with back-off can take
 * longer. When a turn's card is not ready after `noticeAfterMs`, the turn answers "working on it" at once
 * and the work goes on; when it completes, its card replaces the "working on it" card (Action.Execute: the
 * pressed message is updated) or follows it (messages, Action.Submit), through the conversation's
 * reference, as a proactive message. A failure of the late work is logged with a reference and shown as the
 * usual error card; nothing is sent twice.
 */
import crypto from 'node:crypto';
import {
  CardFactory,
  MessageFactory,
  TurnContext,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';
import type { Logger } from '../log.js';
import { adaptForChannel, type AdaptiveCardJson } from './cards.js';
import { turnErrorCard, workingCard } from './common-views.js';
import type { Speech } from './i18n.js';

export interface LateReplies {
  /**
   * The card of `work` when it is ready within the notice time; otherwise the "working on it" card, and the
   * result is delivered when the work completes. `replace`: update the message the turn answers (a pressed
   * card) instead of sending a new one.
   */
  inTime(
    context: TurnContext,
    s: Speech,
    work: Promise<AdaptiveCardJson>,
    how: { readonly replace: boolean },
  ): Promise<AdaptiveCardJson>;
  /** Resolves when every late delivery started so far has been attempted (shutdown, tests). */
  settled(): Promise<void>;
}

export function createLateReplies(options: {
  readonly adapter: CloudAdapter;
  readonly appId: string;
  /** 0: never answer "working on it" (wait for the work). A function: read at each turn (tests). */
  readonly noticeAfterMs: number | (() => number);
  readonly log: Logger;
}): LateReplies {
  const pending = new Set<Promise<void>>();

  /** What a late delivery needs, read while the turn is alive (its context is not used afterwards). */
  interface Where {
    readonly reference: Partial<ConversationReference>;
    readonly channelId: string;
    readonly activityId: string | undefined;
    readonly replyToId: string | undefined;
  }

  const deliver = async (where: Where, card: AdaptiveCardJson): Promise<void> => {
    const { reference, replyToId } = where;
    const activity = MessageFactory.attachment(
      CardFactory.adaptiveCard(adaptForChannel(card, where.channelId)),
    );
    let failure: unknown;
    try {
      await options.adapter.continueConversationAsync(options.appId, reference, async (late) => {
        try {
          if (replyToId) await late.updateActivity({ ...activity, id: replyToId });
          else await late.sendActivity(activity);
        } catch (error) {
          failure = error;
        }
      });
    } catch (error) {
      failure = error;
    }
    if (failure !== undefined)
      options.log.warn(
        { activityId: where.activityId, error: String(failure) },
        'the late reply could not be delivered',
      );
  };

  return {
    async inTime(context, s, work, how) {
      const noticeAfterMs =
        typeof options.noticeAfterMs === 'function' ? options.noticeAfterMs() : options.noticeAfterMs;
      if (noticeAfterMs <= 0) return work;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), noticeAfterMs);
      });
      const first = await Promise.race([work, late]).finally(() => clearTimeout(timer));
      if (first !== 'late') return first;
      const where: Where = {
        reference: TurnContext.getConversationReference(context.activity),
        channelId: context.activity.channelId,
        activityId: context.activity.id,
        replyToId: how.replace ? context.activity.replyToId : undefined,
      };
      options.log.info({ activityId: where.activityId }, 'turn answered "working on it"');
      const delivery = work
        .catch((error: unknown) => {
          const reference = `ERR-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
          options.log.error({ err: error, reference, activityId: where.activityId }, 'late turn failed');
          return turnErrorCard(s, reference);
        })
        .then((card) => deliver(where, card));
      pending.add(delivery);
      void delivery.finally(() => pending.delete(delivery));
      return workingCard(s);
    },
    async settled() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

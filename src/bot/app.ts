/**
 * The Teams application: routes activities to handlers. Messages are parsed into commands; card buttons
 * arrive as Action.Execute invokes (Teams) or Action.Submit messages (Emulator, Web Chat) and lead to the
 * same handlers. Every reply is a card in the user's language.
 */
import crypto from 'node:crypto';
import {
  ActivityTypes,
  CardFactory,
  MessageFactory,
  TeamsInfo,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { Application } from '@microsoft/teams-ai';
import type { Identity } from '../domain/staff/identify-actor.js';
import type { KnownPerson } from '../domain/staff/role-change.js';
import type { Logger } from '../log.js';
import { parseCardAction } from './card-actions.js';
import type { ProactiveSender } from './proactive.js';
import type { LateReplies } from './late-reply.js';
import { adaptForChannel, type AdaptiveCardJson } from './cards.js';
import type { Locale } from './commands.js';
import { deniedForNoRole, routeCardAction, routeCommand } from './routes.js';
import type { Turn } from './turn.js';
import type { UseCases } from './use-cases.js';
import { localeOf, speechFor, type Speech } from './i18n.js';
import { parseCommand } from './parse-command.js';
import { badCardCard, parseErrorCard, turnErrorCard } from './common-views.js';
import { helpCard } from './features/help/views.js';
import { tenantOf } from './incoming-activity.js';
import {
  NO_BOT_METRICS,
  trackUseCases,
  worseOutcome,
  type BotMetrics,
  type TrackedUseCases,
  type TurnType,
} from './metrics.js';

export interface BotOptions {
  /** The use cases, bound to their dependencies by the composition root; the bot sees no repository. */
  readonly useCases: UseCases;
  /** Where the bot is reached from outside (export links). */
  readonly publicBaseUrl: () => string;
  readonly adapter: TeamsAdapter;
  readonly log: Logger;
  readonly defaultLocale: Locale;
  /** With auth off (Emulator, Test Tool, tests), a sender without an Entra id is known by `from.id`. */
  readonly authDisabled: boolean;
  /** Sends to a person's one-to-one chat (keys and links asked for elsewhere, R-KEY-6). */
  readonly proactive: ProactiveSender;
  /** Answers "working on it" when a turn outlasts what Teams waits for, and delivers the card later. */
  readonly lateReplies: LateReplies;
  /** R-ID-4: the no-role card names the global admins only when the partner said so (NO_ROLE_SHOWS_ADMINS). */
  readonly showAdminNames?: boolean;
  /** Turn latency and outcomes (src/bot/metrics.ts); none recorded without it. */
  readonly metrics?: BotMetrics;
}

const ADAPTIVE_CARD_INVOKE = 'adaptiveCard/action';
const CARD_RESPONSE_TYPE = 'application/vnd.microsoft.card.adaptive';

const speechOf = (activity: Activity, fallback: Locale): Speech =>
  speechFor(
    localeOf(activity.locale, fallback),
    (activity as Activity & { localTimezone?: string }).localTimezone,
  );

/** Who speaks, from an activity validated at the edge (incoming-activity.ts). */
function identityOf(activity: Activity, authDisabled: boolean): Identity {
  const from = activity.from;
  const aadObjectId = from.aadObjectId ?? (authDisabled && from.id.length <= 100 ? from.id : null);
  const tenant = tenantOf(activity);
  // R-ID-3: the one-to-one chat is remembered only from a personal conversation with this very person.
  const personal =
    activity.conversation.conversationType === 'personal' &&
    activity.conversation.isGroup !== true &&
    aadObjectId !== null;
  return {
    aadObjectId,
    displayName: from.name ?? '',
    tenantId: tenant === 'conflict' ? null : (tenant ?? null),
    locale: activity.locale ?? null,
    timeZone: (activity as Activity & { localTimezone?: string }).localTimezone ?? null,
    personalConversation: personal
      ? {
          // The key changes with the chat's service address too, so the stored reference follows it.
          id: `${activity.conversation.id}|${activity.serviceUrl}`,
          reference: TurnContext.getConversationReference(activity) as ConversationReference,
        }
      : undefined,
  };
}

/** A Teams deep link to the one-to-one chat with the bot (the bot is the activity's recipient, `28:…`). */
function privateChatUrlOf(activity: Activity): string | undefined {
  const bot = activity.recipient?.id;
  if (activity.channelId !== 'msteams' || typeof bot !== 'string' || !bot.startsWith('28:')) return undefined;
  return `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(bot)}`;
}

const ENTRA_ID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The people @mentioned in a message (not the bot), with the Entra object id their mention carries. */
function mentionedPeople(activity: Activity): KnownPerson[] {
  const out: KnownPerson[] = [];
  for (const entity of activity.entities ?? []) {
    if (entity.type !== 'mention') continue;
    const mentioned = (entity as { mentioned?: { id?: unknown; name?: unknown; aadObjectId?: unknown } })
      .mentioned;
    if (!mentioned || mentioned.id === activity.recipient?.id) continue;
    const id = [mentioned.aadObjectId, mentioned.id]
      .map((v) => (typeof v === 'string' ? ENTRA_ID.exec(v)?.[1] : undefined))
      .find(Boolean);
    if (id && typeof mentioned.name === 'string')
      out.push({ aadObjectId: id.toLowerCase(), displayName: mentioned.name.slice(0, 200) });
  }
  return out;
}

/**
 * `<at>Nora Jung</at>` of a person (not of the bot) becomes their Entra object id (unambiguous; the
 * mention gives the name back), or their name when the mention carries no id.
 */
function withMentionsResolved(activity: Activity): string {
  let text = typeof activity.text === 'string' ? activity.text : '';
  const people = mentionedPeople(activity);
  for (const entity of activity.entities ?? []) {
    const e = entity as { type?: string; text?: unknown; mentioned?: { id?: unknown; name?: unknown } };
    if (e.type !== 'mention' || e.mentioned?.id === activity.recipient?.id) continue;
    if (typeof e.text !== 'string' || typeof e.mentioned?.name !== 'string') continue;
    const person = people.find((p) => p.displayName === e.mentioned?.name);
    text = text.replace(e.text, person?.aadObjectId ?? e.mentioned.name);
  }
  return text;
}

/** The members of the group chat or team the message was said in (none for a personal chat or elsewhere). */
async function rosterOf(context: TurnContext): Promise<KnownPerson[]> {
  const activity = context.activity;
  if (activity.channelId !== 'msteams' || activity.conversation?.conversationType === 'personal') return [];
  try {
    const page = await TeamsInfo.getPagedMembers(context, 500);
    return (page.members ?? [])
      .filter((m) => typeof m.aadObjectId === 'string' && typeof m.name === 'string')
      .map((m) => ({ aadObjectId: m.aadObjectId!.toLowerCase(), displayName: m.name.slice(0, 200) }));
  } catch {
    return [];
  }
}

/** A card's words as one short message (title and lines), for a reply only the presser sees. */
function cardText(card: AdaptiveCardJson): string {
  const texts: string[] = [];
  for (const element of (card.body as Array<{ type?: string; text?: unknown }> | undefined) ?? [])
    if (element.type === 'TextBlock' && typeof element.text === 'string') texts.push(element.text);
  return texts.join('\n').slice(0, 1000);
}

const isActionExecute = (activity: Activity) =>
  activity.type === ActivityTypes.Invoke &&
  activity.name === ADAPTIVE_CARD_INVOKE &&
  (activity.value as { action?: { type?: unknown } } | undefined)?.action?.type === 'Action.Execute';

const isCardSubmit = (activity: Activity) =>
  activity.type === ActivityTypes.Message &&
  !activity.text &&
  activity.value !== null &&
  typeof activity.value === 'object' &&
  !Array.isArray(activity.value);

/** A card press as a turn metric: its verb, or 'bad-card' (refused) when the press was not one of ours. */
const verbMetric = (parsed: { success: true; data: { verb: string } } | { success: false }) =>
  parsed.success
    ? { type: 'verb' as const, name: parsed.data.verb }
    : { type: 'verb' as const, name: 'bad-card', refused: true };

const invokeCardResponse = (card: AdaptiveCardJson) => ({
  type: ActivityTypes.InvokeResponse,
  value: { status: 200, body: { statusCode: 200, type: CARD_RESPONSE_TYPE, value: card } },
});

export function createBotApp(options: BotOptions): Application {
  const { useCases, adapter, log, defaultLocale, authDisabled } = options;
  const metrics = options.metrics ?? NO_BOT_METRICS;
  // Each turn's use cases are watched for the worst outcome they answered (turn metrics).
  const tracked = new WeakMap<TurnContext, TrackedUseCases & { readonly startedAt: number }>();
  const app = new Application({
    adapter,
    removeRecipientMention: false,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  const begin = async (context: TurnContext): Promise<Turn> => {
    const s = speechOf(context.activity, defaultLocale);
    const watched = trackUseCases(useCases, metrics);
    tracked.set(context, { ...watched, startedAt: Date.now() });
    const actor = await useCases.identifyActor(identityOf(context.activity, authDisabled));
    const turn: Turn = {
      useCases: watched.useCases,
      actor,
      s,
      publicBaseUrl: options.publicBaseUrl,
      showAdminNames: options.showAdminNames ?? false,
      runCommand: (command) => routeCommand(turn, command),
      conversationType: context.activity.conversation?.conversationType ?? 'personal',
      delivery: { everyone: false, presserOnly: false },
      people: async () => [...mentionedPeople(context.activity), ...(await rosterOf(context))],
      ...(privateChatUrlOf(context.activity) ? { privateChatUrl: privateChatUrlOf(context.activity) } : {}),
      sendPrivately: async (card) => {
        if (!actor.aadObjectId) return false;
        const sent = await options.proactive.sendCard(actor.aadObjectId, card);
        if (sent.kind === 'retry')
          log.warn(
            { activityId: context.activity.id, error: sent.error },
            'private message could not be delivered',
          );
        return sent.kind === 'sent';
      },
    };
    return turn;
  };

  const send = (context: TurnContext, card: AdaptiveCardJson) =>
    context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(adaptForChannel(card, context.activity.channelId))),
    );

  const logTurn = (
    context: TurnContext,
    what: string,
    startedAt: number,
    metric?: { type: TurnType; name: string; refused?: boolean; denied?: boolean },
  ) => {
    const ms = Date.now() - startedAt;
    log.info({ activityId: context.activity.id, type: context.activity.type, what, ms }, 'turn');
    if (!metric) return;
    const seen = tracked.get(context)?.outcome() ?? 'ok';
    const outcome = metric.denied ? worseOutcome(seen, 'denied') : seen;
    try {
      metrics.turn({
        type: metric.type,
        name: metric.name,
        outcome: metric.refused && outcome === 'ok' ? 'refused' : outcome,
        seconds: ms / 1000,
      });
    } catch (error) {
      // Counting must never fail a turn that was answered.
      log.warn({ err: error }, 'turn metrics not recorded');
    }
  };

  // Card buttons in Teams: the returned card replaces the one pressed.
  app.adaptiveCards.actionExecute(
    async (context) => isActionExecute(context.activity),
    async (context) => {
      const startedAt = Date.now();
      const turn = await begin(context);
      const action = (context.activity.value as { action: { verb?: unknown; data?: unknown } }).action;
      const parsed = parseCardAction(action.verb, action.data);
      const card = parsed.success
        ? await options.lateReplies.inTime(context, turn.s, routeCardAction(turn, parsed.data), {
            replace: true,
          })
        : badCardCard(turn.s);
      logTurn(context, parsed.success ? parsed.data.verb : 'bad-card', startedAt, verbMetric(parsed));
      if (turn.conversationType === 'personal') return card;
      // A colleague's press that was refused: answered to them alone (a message only they see), the
      // shared card stays as it was.
      if (turn.delivery.presserOnly) return cardText(card);
      // A confirmation done: the shared message changes for everyone, not only for the presser.
      if (turn.delivery.everyone && context.activity.replyToId) {
        const update = MessageFactory.attachment(CardFactory.adaptiveCard(card));
        update.id = context.activity.replyToId;
        try {
          await context.updateActivity(update);
        } catch (error) {
          log.warn({ activityId: context.activity.id, err: error }, 'shared card could not be updated');
        }
      }
      return card;
    },
  );

  // Card buttons elsewhere (Emulator, Web Chat): Action.Submit arrives as a message with a value.
  app.adaptiveCards.actionSubmit(
    async (context) => isCardSubmit(context.activity),
    async (context) => {
      const startedAt = Date.now();
      const turn = await begin(context);
      const parsed = parseCardAction(undefined, context.activity.value);
      await send(
        context,
        parsed.success
          ? await options.lateReplies.inTime(context, turn.s, routeCardAction(turn, parsed.data), {
              replace: false,
            })
          : badCardCard(turn.s),
      );
      logTurn(context, parsed.success ? parsed.data.verb : 'bad-card', startedAt, verbMetric(parsed));
    },
  );

  // Type-ahead of card inputs (Teams' Data.Query).
  app.adaptiveCards.search(['customers', 'products'], async (context, _state, query) => {
    const turn = await begin(context);
    const text = typeof query.parameters.queryText === 'string' ? query.parameters.queryText : '';
    const found =
      query.parameters.dataset === 'customers'
        ? await useCases.suggestCustomers(turn.actor, text)
        : await useCases.suggestProducts(turn.actor, text);
    return found.map((s) => ({ title: s.title, value: s.value }));
  });

  // Any other invoke (malformed card actions included): a clear card, never an error status.
  app.activity(ActivityTypes.Invoke, async (context) => {
    const s = speechOf(context.activity, defaultLocale);
    if (context.activity.name === ADAPTIVE_CARD_INVOKE) {
      await context.sendActivity(invokeCardResponse(badCardCard(s)));
    } else {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: {} } });
    }
    logTurn(context, `invoke:${String(context.activity.name).slice(0, 50)}`, Date.now());
  });

  app.activity(ActivityTypes.Message, async (context) => {
    const startedAt = Date.now();
    const turn = await begin(context);
    const parsed = parseCommand(withMentionsResolved(context.activity));
    await send(
      context,
      parsed.ok
        ? await options.lateReplies.inTime(context, turn.s, routeCommand(turn, parsed.value), {
            replace: false,
          })
        : parseErrorCard(turn.s, parsed.error),
    );
    logTurn(
      context,
      parsed.ok ? parsed.value.kind : `parse:${parsed.error.kind}`,
      startedAt,
      parsed.ok
        ? { type: 'command', name: parsed.value.kind, denied: deniedForNoRole(turn, parsed.value) }
        : { type: 'command', name: 'unparsed', refused: true },
    );
  });

  // Welcome: say what the bot can do (and remember a personal chat) where people meet it. In Teams the bot
  // is added to a personal chat, a group chat or a team; in Web Chat and the Emulator the person joins
  // the bot's conversation (those channels may list the bot too, or only the person). One card per update.
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const added = context.activity.membersAdded ?? [];
    const botAdded = added.some((member) => member.id === botId);
    const personJoined = added.some((member) => member.id && member.id !== botId);
    if (!(context.activity.channelId === 'msteams' ? botAdded : personJoined)) return;
    const startedAt = Date.now();
    const turn = await begin(context);
    await send(context, helpCard(turn.s, turn.actor));
    logTurn(context, 'installed', startedAt, { type: 'other', name: 'installed' });
  });

  app.error(async (context, error) => {
    const reference = `ERR-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
    const startedAt = context.activity ? tracked.get(context)?.startedAt : undefined;
    const seconds = startedAt === undefined ? 0 : (Date.now() - startedAt) / 1000;
    metrics.turn({ type: 'other', name: 'failed', outcome: 'error', seconds });
    log.error(
      { err: error, reference, activityId: context.activity?.id, type: context.activity?.type },
      'turn failed',
    );
    try {
      const card = turnErrorCard(speechOf(context.activity, defaultLocale), reference);
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity(invokeCardResponse(card));
      } else {
        await send(context, card);
      }
    } catch (replyError) {
      log.error({ err: replyError, reference }, 'could not send the error card');
    }
  });

  return app;
}

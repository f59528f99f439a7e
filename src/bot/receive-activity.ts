/**
 * POST /api/messages from the body to the answer: validate the activity (incoming-activity.ts), authenticate
 * it, refuse other tenants, limit each person's rate, run the turn. Every answer is one of a few fixed
 * bodies; nothing a client sends yields a 5xx, a parser message or internal text, and every invoke gets an
 * invoke response, even when the turn and its error handler both failed.
 */
import crypto from 'node:crypto';
import { ActivityTypes, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import type { Logger } from '../log.js';
import type { BotAdapter, AuthenticateRequestResult } from './bot-adapter.js';
import type { Locale } from './commands.js';
import { localeOf, messagesFor } from './i18n.js';
import { parseIncomingActivity, tenantAllowed, tenantOf } from './incoming-activity.js';

export interface ReceivedAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A rate limit's decision for one request. */
export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export interface ReceiverOptions {
  readonly adapter: BotAdapter;
  readonly app: Application;
  readonly log: Logger;
  readonly defaultLocale: Locale;
  /** Tenants whose people may use the bot (lower case); undefined: every tenant (development only). */
  readonly allowedTenantIds?: readonly string[] | undefined;
  /** Per person (tenant and object id, or channel account id): take one request from their bucket. */
  readonly limitPerson?: (key: string) => RateDecision;
}

export const BAD_REQUEST_BODY = { error: 'The body is not a Bot Framework activity.' } as const;
export const UNAUTHORIZED_BODY = { error: 'unauthorized' } as const;
export const TOO_MANY_REQUESTS_BODY = { error: 'too many requests' } as const;

const ADAPTIVE_CARD_INVOKE = 'adaptiveCard/action';
const CARD_RESPONSE_TYPE = 'application/vnd.microsoft.card.adaptive';

/** A card that cannot fail to render: plain text blocks, no template. */
const plainCard = (lines: readonly string[]) => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: lines.map((text) => ({ type: 'TextBlock', text, wrap: true })),
});

/** The invoke response for an adaptive card action, or an empty 200 for any other invoke. */
const invokeAnswer = (activity: Activity, lines: readonly string[]): ReceivedAnswer =>
  activity.name === ADAPTIVE_CARD_INVOKE
    ? {
        status: 200,
        body: { statusCode: 200, type: CARD_RESPONSE_TYPE, value: plainCard(lines) },
      }
    : { status: 200, body: {} };

export function createActivityReceiver(options: ReceiverOptions) {
  const { adapter, app, log, defaultLocale } = options;

  // Another tenant: one polite sentence, nothing else read, nothing stored.
  const refuseTenant = async (context: TurnContext): Promise<void> => {
    const sentence = messagesFor(localeOf(context.activity.locale, defaultLocale)).tenant.notAllowed;
    if (context.activity.type === ActivityTypes.Invoke) {
      const answer = invokeAnswer(context.activity, [sentence]);
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: answer });
    } else if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(MessageFactory.text(sentence));
    }
  };

  return async function receive(body: unknown, authorization: string): Promise<ReceivedAnswer> {
    const parsed = parseIncomingActivity(body);
    if (!parsed.ok) {
      log.info({ reason: parsed.reason }, 'activity refused');
      return { status: 400, body: BAD_REQUEST_BODY };
    }
    const activity = parsed.activity;

    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await adapter.authenticate(activity, authorization);
    } catch (error) {
      log.warn(
        { activityId: activity.id, reason: String((error as Error)?.message ?? error).slice(0, 300) },
        'authentication failed',
      );
      return { status: 401, body: UNAUTHORIZED_BODY };
    }

    const allowed = tenantAllowed(activity, options.allowedTenantIds);
    if (!allowed) {
      const tenant = tenantOf(activity);
      log.warn(
        { activityId: activity.id, tenant: tenant ?? 'none', type: activity.type },
        'tenant not allowed',
      );
    }

    if (allowed && options.limitPerson) {
      const person = activity.from.aadObjectId ?? activity.from.id;
      const decision = options.limitPerson(`${tenantOf(activity) ?? ''}|${person}`);
      if (!decision.ok) {
        log.warn({ activityId: activity.id, type: activity.type }, 'rate limited');
        return {
          status: 429,
          body: TOO_MANY_REQUESTS_BODY,
          headers: { 'retry-after': String(decision.retryAfterSeconds) },
        };
      }
    }

    const isInvoke = activity.type === ActivityTypes.Invoke;
    const fallback = (reference: string): ReceivedAnswer => {
      const m = messagesFor(localeOf(activity.locale, defaultLocale));
      return isInvoke
        ? invokeAnswer(activity, [m.turnError.title, m.turnError.body, reference])
        : { status: 200 };
    };
    const newReference = () => `ERR-${crypto.randomBytes(4).toString('hex').toUpperCase()}`;
    try {
      const answer = await adapter.runAuthenticated(
        authenticated,
        activity,
        allowed ? (context) => app.run(context).then(() => undefined) : refuseTenant,
      );
      // An invoke nobody answered (botbuilder says 501) still gets an answer.
      if (!answer && !isInvoke) return { status: 200 };
      if (!answer || answer.status >= 500) {
        const reference = newReference();
        log.error(
          { activityId: activity.id, status: answer?.status, reference },
          'turn gave no usable answer',
        );
        return fallback(reference);
      }
      return { status: answer.status, body: answer.body };
    } catch (error) {
      // The turn failed and so did its error handler: logged with a reference, answered all the same.
      const reference = newReference();
      log.error({ err: error, reference, activityId: activity.id, type: activity.type }, 'turn failed twice');
      return fallback(reference);
    }
  };
}

export type ActivityReceiver = ReturnType<typeof createActivityReceiver>;

/**
 * Drives the real bot over HTTP the way Teams, the Test Tool and the Emulator do: the real server on a free
 * port with auth off, Teams-shaped activities, replies read with `deliveryMode: 'expectReplies'` or from a
 * local connector playing the `serviceUrl`.
 */
import crypto from 'node:crypto';
import { expect } from 'vitest';
import http from 'node:http';
import { startBot, type BotInstance } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import type { DatabaseTarget } from '../../src/db/database.js';
import type { Clock } from '../../src/domain/shared/time.js';
import { createLogger, type Logger } from '../../src/log.js';
import { makeArrivals, type ArrivalPredicate } from './arrivals.js';
import type { TestPerson } from './staff.js';
import { DEMO_TENANT_ID } from '../../prisma/seed/staff.js';

export interface TestBot extends BotInstance {
  readonly endpoint: string;
}

export async function startTestBot(
  options: {
    database?: DatabaseTarget;
    clock?: Clock;
    env?: Record<string, string>;
    log?: Logger;
    botAuthentication?: Record<string, string>;
  } = {},
): Promise<TestBot> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    // Tests run reminder passes themselves (bot.reminders.runOnce()).
    REMINDER_INTERVAL_SECONDS: '0',
    // Tests act as a few people many times a minute; the rate-limit tests turn the limits on.
    RATE_LIMIT_MESSAGES_PER_MINUTE: '0',
    RATE_LIMIT_DOWNLOADS_PER_MINUTE: '0',
    RATE_LIMIT_EXPORTS_PER_MINUTE: '0',
    RATE_LIMIT_WEBHOOKS_PER_MINUTE: '0',
    ...options.env,
  });
  const bot = await startBot(config, {
    database: options.database ?? { kind: 'memory' },
    log: options.log ?? createLogger('silent'),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.botAuthentication ? { botAuthentication: options.botAuthentication } : {}),
  });
  return { ...bot, endpoint: `${bot.http.url}/api/messages` };
}

export type ConversationType = 'personal' | 'channel' | 'groupChat';

export interface ActivityOptions {
  readonly from?: TestPerson | null;
  readonly conversationType?: ConversationType;
  readonly conversationId?: string;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly channelId?: 'msteams' | 'emulator' | 'webchat';
  readonly serviceUrl?: string;
  readonly expectReplies?: boolean;
  /** The Entra tenant the activity comes from (default: the demo tenant); null sends none. */
  readonly tenantId?: string | null;
}

/** The demo staff's tenant (R-ID-2); a test acting from another tenant sets `tenantId`. */
export const TENANT_ID = DEMO_TENANT_ID;

function baseActivity(options: ActivityOptions): Record<string, unknown> {
  const from = options.from === undefined ? null : options.from;
  const channelId = options.channelId ?? 'msteams';
  const conversationType = options.conversationType ?? 'personal';
  const tenant = options.tenantId === undefined ? TENANT_ID : options.tenantId;
  return {
    id: crypto.randomUUID(),
    channelId,
    serviceUrl: options.serviceUrl ?? 'http://127.0.0.1:9/unused/',
    timestamp: new Date().toISOString(),
    locale: options.locale ?? 'en-US',
    ...(options.timeZone ? { localTimezone: options.timeZone } : {}),
    from: from
      ? {
          id: channelId === 'msteams' ? `29:${from.aadObjectId}` : from.aadObjectId,
          name: from.displayName,
          ...(channelId === 'msteams' ? { aadObjectId: from.aadObjectId } : {}),
        }
      : { id: '29:anonymous', name: 'Anonymous' },
    recipient: { id: '28:csp-bot', name: 'CSP Partner Assistant' },
    conversation: {
      id: options.conversationId ?? `${conversationType}:${from?.aadObjectId ?? 'anon'}`,
      conversationType,
      ...(tenant ? { tenantId: tenant } : {}),
      ...(conversationType === 'channel' ? { isGroup: true } : {}),
    },
    channelData: {
      ...(tenant ? { tenant: { id: tenant } } : {}),
      ...(conversationType === 'channel' ? { channel: { id: '19:general' } } : {}),
    },
    ...(options.expectReplies === false ? {} : { deliveryMode: 'expectReplies' }),
  };
}

export const messageActivity = (text: string, options: ActivityOptions = {}) => ({
  ...baseActivity(options),
  type: 'message',
  text,
});

/** An Action.Execute press in Teams (adaptiveCard/action invoke). */
export const executeActivity = (
  verb: string,
  data: Record<string, unknown>,
  options: ActivityOptions = {},
) => ({
  ...baseActivity({ expectReplies: false, ...options }),
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
});

/** An Action.Submit press in the Emulator or Web Chat (a message with a value and no text). */
export const submitActivity = (data: Record<string, unknown>, options: ActivityOptions = {}) => ({
  ...baseActivity({ channelId: 'emulator', ...options }),
  type: 'message',
  value: data,
});

export interface HttpReply {
  readonly status: number;
  readonly body: unknown;
}

export async function post(endpoint: string, body: unknown, rawBody?: string): Promise<HttpReply> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: rawBody ?? JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, body: parsed };
}

export interface Card {
  readonly type: 'AdaptiveCard';
  readonly body: unknown[];
  readonly actions?: unknown[];
  readonly [key: string]: unknown;
}

/** Cards of the replies to an expectReplies message. */
export function cardsOf(reply: HttpReply): Card[] {
  const activities =
    (reply.body as { activities?: Array<{ attachments?: Array<{ content: Card }> }> })?.activities ?? [];
  return activities.flatMap((a) => (a.attachments ?? []).map((att) => att.content));
}

/** The card an invoke response carries. */
export function invokeCardOf(reply: HttpReply): Card {
  const body = reply.body as { statusCode?: number; type?: string; value?: Card };
  if (body?.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
    throw new Error(`not a card invoke response: ${JSON.stringify(reply.body).slice(0, 300)}`);
  }
  return body.value;
}

/** Every text a card shows, joined, for assertions about what the user reads. */
export function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value'])
        if (typeof record[key] === 'string') out.push(record[key]);
      for (const [key, value] of Object.entries(record))
        if (key !== 'data' && typeof value === 'object') walk(value);
    }
  };
  walk(card);
  return out.join('\n');
}

export interface CardButton {
  readonly type: string;
  readonly title: string;
  readonly verb?: string;
  readonly data: Record<string, unknown>;
}

/** Every button (Action.Execute or Action.Submit) anywhere in a card. */
export function buttonsOf(card: unknown): CardButton[] {
  const out: CardButton[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' || record.type === 'Action.Submit')
        out.push(record as unknown as CardButton);
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return out;
}

export function buttonNamed(card: unknown, title: string): CardButton {
  const button = buttonsOf(card).find((b) => b.title === title);
  if (!button)
    throw new Error(
      `no button "${title}" in ${buttonsOf(card)
        .map((b) => b.title)
        .join(', ')}`,
    );
  return button;
}

/** A stand-in for the Bot Framework connector service (the activity's `serviceUrl`). */
export interface LocalConnector {
  readonly serviceUrl: string;
  readonly received: Array<{ path: string; activity: Record<string, unknown> }>;
  /** Status codes to answer, in order, before answering 200 (to test retries). */
  failNext(...statuses: number[]): void;
  /** Resolves once `count` activities have arrived, or with the first one (arrived or to come) matching. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  waitFor(
    predicate: ArrivalPredicate<LocalConnector['received'][number]>,
    options?: { timeoutMs?: number },
  ): Promise<LocalConnector['received'][number]>;
  close(): Promise<void>;
}

export async function startLocalConnector(): Promise<LocalConnector> {
  const arrivals = makeArrivals<LocalConnector['received'][number]>();
  const received = arrivals.list;
  const failures: number[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure, { 'content-type': 'application/json' });
        res.end('{}');
        return;
      }
      let activity: Record<string, unknown> = {};
      try {
        activity = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        // not JSON: recorded as empty
      }
      arrivals.push({ path: req.url ?? '', activity });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: crypto.randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    failNext: (...statuses) => failures.push(...statuses),
    waitFor: arrivals.waitFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Says `text` to the bot at `endpoint`; the reply must be 200. Its cards, in order. */
export async function sayTo(endpoint: string, text: string, options: ActivityOptions): Promise<Card[]> {
  const reply = await post(endpoint, messageActivity(text, options));
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return cardsOf(reply);
}

/** Presses the button `title` of `card` (an adaptiveCard/action invoke); the reply must be 200. Its card. */
export async function pressOn(
  endpoint: string,
  card: unknown,
  title: string,
  inputs: Record<string, unknown>,
  options: ActivityOptions,
): Promise<Card> {
  const button = buttonNamed(card, title);
  const reply = await post(endpoint, executeActivity(button.verb!, { ...button.data, ...inputs }, options));
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return invokeCardOf(reply);
}

/**
 * The benchmark's scenarios, as a table. A scenario says which bot it drives, what to do before each turn
 * (not timed), the requests that are timed, how to tell each reply is the expected one, and what to undo
 * after the turn (not timed). Most turns are one timed request; a flow such as buy (review, then Purchase)
 * is one scenario with several timed parts, each reported on its own row. To add one, add a row.
 */
import crypto from 'node:crypto';
import type { Deps } from '../src/domain/ports.js';
import type { Role } from '../src/domain/roles.js';
import { addDays } from '../src/domain/time.js';
import { buttonNamed, executeActivity, messageActivity, textOf, type CardButton } from '../test/support/bot.js';
import { aSubscription } from '../test/support/builders.js';
import { ADMIN_AGENT, GLOBAL_ADMIN, SALES_AGENT, type TestPerson } from '../test/support/staff.js';
import type { BenchConnector, ConnectorActivity } from './connector.js';

export interface BenchEnv {
  /** `url` is the real bot's base URL (for GET routes such as /downloads/:token). */
  readonly real: { readonly url: string; readonly endpoint: string; readonly deps: Deps };
  readonly echo: { readonly endpoint: string };
  readonly connector: BenchConnector;
}

export interface HttpReply {
  readonly status: number;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  readonly body: unknown;
  /** The Location header (redirects). A download's file address: never print it. */
  readonly location?: string;
}

/** A POST of an activity to a bot's /api/messages. */
export interface Turn {
  readonly endpoint: string;
  readonly activity: { readonly id: string } & Record<string, unknown>;
}

/** A plain GET, redirects not followed (a download link). */
export interface HttpGet {
  readonly url: string;
}

export type BenchRequest = Turn | HttpGet;

export const isTurn = (request: BenchRequest): request is Turn => 'activity' in request;

/** A failure reason, or undefined when all is well. */
export type Verdict = string | undefined;

export interface Target {
  /** Pass when p50 ≤ p50Ratio × echo p50. */
  readonly p50Ratio: number;
  readonly kind: string;
}

/** One timed request of a turn, reported on its own row. */
export interface Part<State = unknown, Request extends BenchRequest = BenchRequest> {
  /** Shown after the scenario's name ("buy: review"); none for a scenario of one part. */
  readonly name?: string;
  /** What this timed request is, for the report. */
  readonly describe: string;
  /** What its latency is compared with (always the first echo run), and why that is fair. */
  readonly baseline?: string;
  readonly target?: Target;
  /** HTTP statuses to count in the report even when they never occur (302 and 410 for downloads). */
  readonly countStatuses?: readonly number[];
  /** The timed request; it may read what earlier parts' checks stored in `state`. */
  readonly request: (env: BenchEnv, state: State, worker: number) => Request;
  /**
   * After the response, not timed: is it the expected reply? It may store in `state` what the next part
   * needs (the pending id on the card's button). A failed part ends the turn: later parts are skipped.
   */
  readonly check: (env: BenchEnv, reply: HttpReply, request: Request, state: State) => Verdict;
}

interface ScenarioCommon<State> {
  readonly name: string;
  readonly bot: 'echo' | 'real';
  /** Scenarios whose setup would collide with itself run with at most this many workers. */
  readonly maxConcurrency?: number;
  /** Before each turn, not timed. `worker` is 0‥concurrency-1. Its result is the turn's `state`. */
  readonly prepare?: (env: BenchEnv, worker: number) => Promise<State>;
  /** After the parts, not timed: put things back so the next turn finds the same state. */
  readonly cleanup?: (env: BenchEnv, state: State, worker: number) => Promise<Verdict>;
  /** Figures the scenario counts itself (untimed checks): reset after the warm-up, shown after the run. */
  readonly report?: { reset(): void; notes(): string[] };
}

export interface Scenario<State = unknown> extends ScenarioCommon<State> {
  readonly parts: ReadonlyArray<Part<State>>;
}

/** The name of a part's row in the report. */
export const partLabel = (scenario: Scenario, part: Part) =>
  part.name ? `${scenario.name}: ${part.name}` : scenario.name;

/** A scenario of one timed request (`request`, `check` and the rest of the part given inline). */
export const defineScenario = <State, Request extends BenchRequest = Turn>(
  spec: ScenarioCommon<State> & Omit<Part<State, Request>, 'name'>,
): Scenario => {
  const { describe, baseline, target, countStatuses, request, check, ...common } = spec;
  return defineParts<State>({
    ...common,
    parts: [part<State, Request>({ describe, baseline, target, countStatuses, request, check })],
  });
};

/** A scenario of several timed requests per turn, each reported on its own row. */
export const defineParts = <State>(spec: ScenarioCommon<State> & { parts: ReadonlyArray<Part<State>> }) =>
  spec as unknown as Scenario;

/** Keeps a part's request type checked while a scenario holds parts of different request types. */
export const part = <State, Request extends BenchRequest = Turn>(p: Part<State, Request>): Part<State> =>
  p as unknown as Part<State>;

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────────────

/** The test builders spread in an `id` the type does not show; make it visible (and sure). */
function withId(activity: Record<string, unknown>): Turn['activity'] {
  if (typeof activity.id !== 'string') throw new Error('activity without an id');
  return activity as Turn['activity'];
}

/** The Teams delivery options: a personal chat, no expectReplies, replies through the local connector. */
const teams = (env: BenchEnv, from: TestPerson) =>
  ({
    from,
    channelId: 'msteams',
    conversationType: 'personal',
    expectReplies: false,
    serviceUrl: env.connector.serviceUrl,
  }) as const;

/** Activities without `deliveryMode: 'expectReplies'`: the bot replies through the local connector. */
export const messageTurn = (env: BenchEnv, endpoint: string, text: string, from = GLOBAL_ADMIN): Turn => ({
  endpoint,
  activity: withId(messageActivity(text, teams(env, from))),
});

/** An Action.Execute press (adaptiveCard/action invoke), as Teams sends it: no expectReplies. */
export const invokeTurn = (
  env: BenchEnv,
  verb: string,
  data: Record<string, unknown>,
  from = GLOBAL_ADMIN,
): Turn => ({
  endpoint: env.real.endpoint,
  activity: withId(executeActivity(verb, data, teams(env, from))),
});

/**
 * Failure messages end up in the printed report and in latest.json: product keys, download tokens, file
 * addresses and other long opaque strings (pending ids, object ids) are blanked out of them.
 */
export const redact = (text: string) =>
  text
    .replace(/https?:\/\/[^\s"'|)]+/g, '[url]')
    .replace(/\/downloads\/[^\s"'|)]*/g, '/downloads/[token]')
    .replace(/[A-Za-z0-9_-]{20,}/g, '[redacted]');

const isCard = (a: ConnectorActivity) =>
  a.attachments?.some((att) => att.contentType === 'application/vnd.microsoft.card.adaptive') ?? false;

/** The one card the bot sent to the connector in answer to this turn's activity. */
function replyCardOf(env: BenchEnv, turn: Turn): { card?: unknown; problem?: string } {
  const replies = env.connector.take(turn.activity.id);
  if (replies.length !== 1) return { problem: `expected 1 reply at the connector, got ${replies.length}` };
  const reply = replies[0]!;
  if (!isCard(reply))
    return { problem: `reply is not an Adaptive Card: ${JSON.stringify(reply).slice(0, 200)}` };
  return { card: reply.attachments![0]!.content };
}

const statusProblem = (reply: HttpReply): Verdict =>
  reply.status === 200 ? undefined : `HTTP ${reply.status}: ${JSON.stringify(reply.body).slice(0, 200)}`;

/** A message turn is right when the HTTP answer is 200 and the connector got one card showing `expected`. */
const cardReplyContains =
  (...expected: string[]) =>
  (env: BenchEnv, reply: HttpReply, turn: Turn): Verdict => {
    const status = statusProblem(reply);
    if (status) return status;
    const { card, problem } = replyCardOf(env, turn);
    if (problem) return problem;
    const text = textOf(card);
    const missing = expected.find((e) => !text.includes(e));
    return missing ? `card does not say "${missing}": ${text.slice(0, 200)}` : undefined;
  };

/** The card an Action.Execute invoke answers with, in the HTTP response body. */
function invokeCard(reply: HttpReply): { card?: unknown; problem?: string } {
  const body = reply.body as { statusCode?: number; type?: string; value?: unknown } | undefined;
  if (body?.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive' || !body.value) {
    return { problem: `not a card invoke response: ${JSON.stringify(reply.body).slice(0, 200)}` };
  }
  return { card: body.value };
}

/**
 * A message turn whose card shows `expected` and carries the button `title` with `verb` and a pending id:
 * the card and that button, or why not.
 */
function previewCard(
  env: BenchEnv,
  reply: HttpReply,
  turn: Turn,
  expected: string,
  button: { title: string; verb: string },
): { card: unknown; pendingId: string } | { problem: string } {
  const status = statusProblem(reply);
  if (status) return { problem: status };
  const { card, problem } = replyCardOf(env, turn);
  if (problem) return { problem };
  const text = textOf(card);
  if (!text.includes(expected)) return { problem: `card does not say "${expected}": ${text.slice(0, 200)}` };
  let pressed: CardButton;
  try {
    pressed = buttonNamed(card, button.title);
  } catch (error) {
    return { problem: (error as Error).message };
  }
  const pendingId = pressed.data.pendingId;
  if (pressed.verb !== button.verb || typeof pendingId !== 'string') {
    return { problem: `unexpected ${button.title} button ${JSON.stringify(pressed).slice(0, 200)}` };
  }
  return { card, pendingId };
}

/**
 * An invoke answered 200 with a card whose text passes `test`, and nothing posted to the connector.
 * `show` is false for cards carrying secrets (a product key): their text is then never quoted.
 */
function invokeCardMatching(
  env: BenchEnv,
  reply: HttpReply,
  turn: Turn,
  test: RegExp | string,
  show = true,
): { card: unknown } | { problem: string } {
  const status = statusProblem(reply);
  if (status) return { problem: show ? status : `HTTP ${reply.status}` };
  const { card, problem } = invokeCard(reply);
  if (problem) return { problem: show ? problem : 'not a card invoke response' };
  const text = textOf(card);
  const ok = typeof test === 'string' ? text.includes(test) : test.test(text);
  if (!ok) {
    return {
      problem: `card does not say ${String(test)}${show ? `: ${text.slice(0, 200)}` : ' (text not shown)'}`,
    };
  }
  const stray = env.connector.take(turn.activity.id);
  return stray.length ? { problem: `invoke also posted ${stray.length} activities to the connector` } : { card };
}

/** Every node of a card (depth first), to find inputs and buttons wherever they are nested. */
function nodesOf(card: unknown): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      out.push(node as Record<string, unknown>);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The default value of each input of a card, by id (what Teams sends when the user changes nothing). */
const inputDefaults = (card: unknown): Record<string, unknown> =>
  Object.fromEntries(
    nodesOf(card)
      .filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string')
      .map((n) => [n.id as string, n.value]),
  );

// ── The table ───────────────────────────────────────────────────────────────────────────────────────────

export const ECHO = defineScenario({
  name: 'echo',
  bot: 'echo',
  describe: 'echo bot: message "hello" → reply "echo: hello" posted to the connector',
  request: (env) => messageTurn(env, env.echo.endpoint, 'hello'),
  check: (env, reply, turn) => {
    const status = statusProblem(reply);
    if (status) return status;
    const replies = env.connector.take(turn.activity.id);
    if (replies.length !== 1 || replies[0]!.text !== 'echo: hello') {
      return `expected one "echo: hello" at the connector, got ${JSON.stringify(replies).slice(0, 200)}`;
    }
    return undefined;
  },
});

export const SCENARIOS: readonly Scenario[] = [
  defineScenario({
    name: 'help',
    bot: 'real',
    describe: 'message "help" from the global admin → help card posted to the connector',
    baseline: 'echo message turn (inbound POST + one reply POST)',
    target: { p50Ratio: 2, kind: 'read' },
    request: (env) => messageTurn(env, env.real.endpoint, 'help'),
    check: cardReplyContains('What I can do for you', '**grant**'),
  }),
  defineScenario({
    name: 'subscriptions fabrikam',
    bot: 'real',
    describe:
      'message "subscriptions fabrikam" from the global admin → subscriptions card posted to the connector',
    baseline: 'echo message turn (inbound POST + one reply POST)',
    target: { p50Ratio: 2, kind: 'read' },
    request: (env) => messageTurn(env, env.real.endpoint, 'subscriptions fabrikam'),
    check: cardReplyContains('Subscriptions of Fabrikam, Inc.', 'SUB-fabrikam-bp'),
  }),
  defineScenario<GrantPreview>({
    name: 'role-grant confirm',
    bot: 'real',
    describe:
      'Action.Execute "staff.grant.confirm" on a fresh preview → "Role granted" card in the invoke response ' +
      '(untimed: the "grant Ada Wong <role>" preview before, the revoke after)',
    baseline:
      'echo message turn: an invoke answers in the HTTP response and posts nothing to the connector, ' +
      'so the baseline does one POST more than this scenario',
    target: { p50Ratio: 4, kind: 'confirm' },
    maxConcurrency: GRANTABLE.length,
    prepare: async (env, worker) => {
      const { role, label } = GRANTABLE[worker]!;
      const turn = messageTurn(env, env.real.endpoint, `grant Ada Wong ${role}`);
      const reply = await postActivity(turn);
      const status = statusProblem(reply);
      if (status) throw new Error(`preview: ${status}`);
      const { card, problem } = replyCardOf(env, turn);
      if (problem) throw new Error(`preview: ${problem}`);
      const confirm = buttonNamed(card, 'Confirm');
      const pendingId = confirm.data.pendingId;
      if (confirm.verb !== 'staff.grant.confirm' || typeof pendingId !== 'string') {
        throw new Error(`preview: unexpected Confirm button ${JSON.stringify(confirm)}`);
      }
      return { role, label, pendingId };
    },
    request: (env, preview) => ({
      endpoint: env.real.endpoint,
      activity: withId(
        executeActivity(
          'staff.grant.confirm',
          { pendingId: preview.pendingId },
          {
            from: GLOBAL_ADMIN,
            channelId: 'msteams',
            conversationType: 'personal',
            serviceUrl: env.connector.serviceUrl,
          },
        ),
      ),
    }),
    check: (env, reply, turn, preview) => {
      const status = statusProblem(reply);
      if (status) return status;
      const { card, problem } = invokeCard(reply);
      if (problem) return problem;
      const text = textOf(card);
      const expected = `${ADA_WONG.displayName} now holds ${preview.label}.`;
      if (!text.includes('Role granted') || !text.includes(expected)) {
        return `card does not say "Role granted … ${expected}": ${text.slice(0, 200)}`;
      }
      const stray = env.connector.take(turn.activity.id);
      return stray.length ? `invoke also posted ${stray.length} activities to the connector` : undefined;
    },
    cleanup: async (env, preview) => {
      const revoked = await env.real.deps.staff.revoke(ADA_WONG.aadObjectId, preview.role);
      return revoked === true ? undefined : `revoke ${preview.role} returned ${String(revoked)}`;
    },
  }),
];

// ── The HTTP client, the same for both bots ─────────────────────────────────────────────────────────────

/**
 * One POST with the global fetch (undici: keep-alive connections, pooled per origin). `ms` is the client's
 * view from just before the request to the last byte of the response body (high-resolution timer); the
 * activity is serialised before and the body parsed after, outside the timed span.
 */
export async function postActivity(turn: Turn): Promise<HttpReply & { readonly ms: number }> {
  const payload = JSON.stringify(turn.activity);
  const startedAt = performance.now();
  const response = await fetch(turn.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
  });
  const text = await response.text();
  const ms = performance.now() - startedAt;
  let body: unknown = text || undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
  }
  return { status: response.status, body, ms };
}

/**
 * The benchmark's scenarios, as a table. A scenario says which bot it drives, what to do before each turn
 * (not timed), the one request that is timed, how to tell the reply is the expected one, and what to undo
 * after the turn (not timed). To add one (buy, suspend, key retrieval, download burst…), add a row.
 */
import type { Deps } from '../src/domain/ports.js';
import type { Role } from '../src/domain/roles.js';
import { buttonNamed, executeActivity, messageActivity, textOf } from '../test/support/bot.js';
import { ADMIN_AGENT, GLOBAL_ADMIN } from '../test/support/staff.js';
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
}

export interface Turn {
  readonly endpoint: string;
  readonly activity: { readonly id: string } & Record<string, unknown>;
}

/** A failure reason, or undefined when all is well. */
export type Verdict = string | undefined;

export interface Scenario<Prepared = unknown> {
  readonly name: string;
  readonly bot: 'echo' | 'real';
  /** What one measured turn is, for the report. */
  readonly describe: string;
  /** What its latency is compared with (always the first echo run), and why that is fair. */
  readonly baseline?: string;
  /** Pass when p50 ≤ ratio × echo p50. */
  readonly target?: { readonly p50Ratio: number; readonly kind: string };
  /** Scenarios whose setup would collide with itself run with at most this many workers. */
  readonly maxConcurrency?: number;
  /** Before each turn, not timed. `worker` is 0‥concurrency-1. */
  readonly prepare?: (env: BenchEnv, worker: number) => Promise<Prepared>;
  /** The timed request. */
  readonly request: (env: BenchEnv, prepared: Prepared, worker: number) => Turn;
  /** After the response, not timed: is it the expected reply? */
  readonly check: (env: BenchEnv, reply: HttpReply, turn: Turn, prepared: Prepared) => Verdict;
  /** After the check, not timed: put things back so the next turn finds the same state. */
  readonly cleanup?: (env: BenchEnv, prepared: Prepared, worker: number) => Promise<Verdict>;
}

/** Keeps each row's `Prepared` type checked while the table holds rows of different types. */
export const defineScenario = <Prepared>(scenario: Scenario<Prepared>): Scenario =>
  scenario as unknown as Scenario;

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────────────

/** The test builders spread in an `id` the type does not show; make it visible (and sure). */
function withId(activity: Record<string, unknown>): Turn['activity'] {
  if (typeof activity.id !== 'string') throw new Error('activity without an id');
  return activity as Turn['activity'];
}

/** Activities without `deliveryMode: 'expectReplies'`: the bot replies through the local connector. */
export const messageTurn = (env: BenchEnv, endpoint: string, text: string): Turn => ({
  endpoint,
  activity: withId(
    messageActivity(text, {
      from: GLOBAL_ADMIN,
      channelId: 'msteams',
      conversationType: 'personal',
      expectReplies: false,
      serviceUrl: env.connector.serviceUrl,
    }),
  ),
});

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

// ── Role grant: each worker grants its own role, so workers do not undo each other's previews ───────────

const ADA_WONG = ADMIN_AGENT; // 00000000-0000-4000-8000-000000000004, holds admin-agent only
const GRANTABLE: ReadonlyArray<{ role: Role; label: string }> = [
  { role: 'sales-agent', label: 'Sales agent' },
  { role: 'helpdesk-agent', label: 'Helpdesk agent' },
  { role: 'billing-admin', label: 'Billing admin' },
  { role: 'referral-admin', label: 'Referral admin' },
  { role: 'marketing-content-admin', label: 'Marketing content admin' },
  { role: 'account-admin', label: 'Account admin' },
];

interface GrantPreview {
  readonly role: Role;
  readonly label: string;
  readonly pendingId: string;
}

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

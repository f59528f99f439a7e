/**
 * The benchmark's scenarios, as a table. A scenario says which bot it drives, what to do before each turn
 * (not timed), the requests that are timed, how to tell each reply is the expected one, and what to undo
 * after the turn (not timed). Most turns are one timed request; a flow such as buy (review, then Purchase)
 * is one scenario with several timed parts, each reported on its own row. To add one, add a row.
 */
import crypto from 'node:crypto';
import type { AllDeps } from '../src/domain/ports/deps.js';
import type { Role } from '../src/domain/shared/roles.js';
import { DOWNLOAD_LINK_MAX_DOWNLOADS } from '../src/domain/software/issue-key.js';
import {
  buttonNamed,
  executeActivity,
  messageActivity,
  textOf,
  type CardButton,
} from '../test/support/bot.js';
import { aSubscription } from '../test/support/builders.js';
import { ADMIN_AGENT, GLOBAL_ADMIN, SALES_AGENT, type TestPerson } from '../test/support/staff.js';
import type { BenchConnector, ConnectorActivity } from './connector.js';

export interface BenchEnv {
  /** `url` is the real bot's base URL (for GET routes such as /downloads/:token). */
  readonly real: { readonly url: string; readonly endpoint: string; readonly deps: AllDeps };
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

/**
 * Settings every bench gives the real bot: one person sends thousands of turns a minute here, so the
 * per-person and per-address limits (measured on their own by --flood) would answer most turns 429.
 */
export const BENCH_LIMITS_OFF = {
  RATE_LIMIT_MESSAGES_PER_MINUTE: '0',
  RATE_LIMIT_DOWNLOADS_PER_MINUTE: '0',
  RATE_LIMIT_EXPORTS_PER_MINUTE: '0',
} as const;

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
  // A slow turn also shows Teams' typing indicator: an activity, but not a reply.
  const replies = env.connector.take(turn.activity.id).filter((a) => a.type !== 'typing');
  if (replies.length !== 1) {
    const kinds = replies.map(
      (a) => `${a.type ?? '?'}${isCard(a) ? ' (card)' : a.text ? ` "${a.text.slice(0, 40)}"` : ''}`,
    );
    return { problem: `expected 1 reply at the connector, got ${replies.length}: ${kinds.join(', ')}` };
  }
  const reply = replies[0]!;
  if (!isCard(reply))
    return { problem: `reply is not an Adaptive Card: ${JSON.stringify(reply).slice(0, 200)}` };
  return { card: reply.attachments![0]!.content };
}

const statusProblem = (reply: HttpReply): Verdict =>
  reply.status === 200 ? undefined : `HTTP ${reply.status}: ${JSON.stringify(reply.body).slice(0, 200)}`;

/** A message turn is right when the HTTP answer is 200 and the connector got one card showing `expected`. */
export const cardReplyContains =
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
  return stray.length
    ? { problem: `invoke also posted ${stray.length} activities to the connector` }
    : { card };
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

// ── Write flows: a preview card, then the button on it; and the download links the key card gives ──────

const SAM_CHEN = SALES_AGENT; // 00000000-0000-4000-8000-000000000005, holds sales-agent only
const WRITE: Target = { p50Ratio: 4, kind: 'write' };
const MESSAGE_BASELINE = 'echo message turn (inbound POST + one reply POST)';
const INVOKE_BASELINE =
  'echo message turn: an invoke answers in the HTTP response and posts nothing to the connector, ' +
  'so the baseline does one POST more than this part';

/** What the parts of one turn pass on: the pending id on the preview card's button, and its inputs. */
interface Flow {
  pendingId?: string;
  inputs?: Record<string, string>;
}

const problemOf = (outcome: { problem: string } | object): Verdict =>
  'problem' in outcome ? outcome.problem : undefined;

/** The pending id the previous part's check stored (it ran, or this part would not). */
function pendingOf(flow: Flow): string {
  if (!flow.pendingId) throw new Error('no pending id from the previous part');
  return flow.pendingId;
}

// Buy: the typed order, reviewed on a cart card, then Purchase with the inputs as shown.
const BUY_TEXT = 'buy 2 Microsoft 365 E3 for contoso ltd monthly';

// Suspend: a subscription of its own for every turn, written (untimed) the way the use-case tests do.
const SUSPEND_CUSTOMER = 'cus-woodgrove-bank';
const SUSPEND_PRODUCT = 'exchange-online-p1';

interface SuspendFlow extends Flow {
  readonly subscriptionId: string;
}

/** A new active monthly subscription (its order, line and subscription), placed by Sam Chen now. */
async function givenSubscription(deps: AllDeps): Promise<string> {
  const product = await deps.products.findById(SUSPEND_PRODUCT);
  if (!product) throw new Error(`no product ${SUSPEND_PRODUCT}`);
  const suffix = crypto.randomBytes(5).toString('hex').toUpperCase();
  const now = deps.clock.now();
  const quantity = 3;
  const subscription = aSubscription({
    id: `SUB-BENCH-${suffix}`,
    orderId: `ORD-BENCH-${suffix}`,
    customerId: SUSPEND_CUSTOMER,
    productId: product.id,
    productName: product.name,
    quantity,
    billingCycle: 'monthly',
    orderedAt: now,
  });
  await deps.orders.create({
    id: subscription.orderId,
    customerId: SUSPEND_CUSTOMER,
    placedByAadObjectId: SAM_CHEN.aadObjectId,
    placedAt: now,
    total: product.unitPrice * quantity,
    currency: product.currency,
    pendingActionId: null,
    lines: [
      {
        id: `${subscription.orderId}-1`,
        productId: product.id,
        quantity,
        billingCycle: 'monthly',
        unitPrice: product.unitPrice,
      },
    ],
    subscriptions: [subscription],
  });
  return subscription.id;
}

// Key retrieval: Ada Wong asks for the key of a demo order by its id (so no choice of order is asked).
const KEY_ORDER = 'ORD-2002';
const KEY_TEXT = `key ${KEY_ORDER}`;
const CHOICE_INPUTS = ['version', 'language', 'variant'] as const;

/** The edition chooser: the pending id of Get key and link, and the inputs' defaults (as Teams sends them). */
function chooserOf(
  env: BenchEnv,
  reply: HttpReply,
  turn: Turn,
): { pendingId: string; inputs: Record<string, string> } | { problem: string } {
  const chooser = previewCard(env, reply, turn, 'Product key and download', {
    title: 'Get key and link',
    verb: 'software.key.confirm',
  });
  if ('problem' in chooser) return chooser;
  const defaults = inputDefaults(chooser.card);
  const inputs: Record<string, string> = {};
  for (const id of CHOICE_INPUTS) {
    const value = defaults[id];
    if (typeof value !== 'string' || !value) return { problem: `the chooser has no default ${id}` };
    inputs[id] = value;
  }
  return { pendingId: chooser.pendingId, inputs };
}

/**
 * The key card: "Product key: …", a 32-character key and a Download button on one of the bot's links: that
 * link, or why not. Nothing of the card is quoted, as it shows a key.
 */
function keyCardOf(env: BenchEnv, reply: HttpReply, turn: Turn): { url: string } | { problem: string } {
  const answer = invokeCardMatching(env, reply, turn, 'Product key:', false);
  if ('problem' in answer) return answer;
  const nodes = nodesOf(answer.card);
  if (!nodes.some((n) => n.fontType === 'Monospace' && /^[A-Z0-9]{32}$/.test(String(n.text))))
    return { problem: 'the key card shows no 32-character product key' };
  const url = nodes.find((n) => n.type === 'Action.OpenUrl' && typeof n.url === 'string')?.url;
  if (typeof url !== 'string' || !url.startsWith(`${env.real.url}/downloads/`))
    return { problem: "the key card has no Download button on the bot's /downloads/ route" };
  return { url };
}

// Download burst: GETs of a link, a fresh link (untimed: the two key-retrieval turns) every 50 GETs.
interface Link {
  readonly url: string;
  used: number;
}
const linkOfWorker = new Map<number, Link>();
const limitChecks = { done: 0, gone: 0 };

/** A new download link, through the bot as Ada Wong would get it (untimed setup). */
async function freshLink(env: BenchEnv): Promise<string> {
  const ask = messageTurn(env, env.real.endpoint, KEY_TEXT, ADA_WONG);
  const chooser = chooserOf(env, await postActivity(ask), ask);
  if ('problem' in chooser) throw new Error(`key chooser: ${chooser.problem}`);
  const press = invokeTurn(
    env,
    'software.key.confirm',
    { pendingId: chooser.pendingId, ...chooser.inputs },
    ADA_WONG,
  );
  const key = keyCardOf(env, await postActivity(press), press);
  if ('problem' in key) throw new Error(`key card: ${key.problem}`);
  return key.url;
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
  defineParts<Flow>({
    name: 'buy',
    bot: 'real',
    prepare: async () => ({}),
    parts: [
      part<Flow>({
        name: 'review',
        describe:
          `message "${BUY_TEXT}" from Sam Chen (sales agent) → "Review the order for Contoso Ltd" cart ` +
          'card with a Purchase button, posted to the connector',
        baseline: MESSAGE_BASELINE,
        target: WRITE,
        request: (env) => messageTurn(env, env.real.endpoint, BUY_TEXT, SAM_CHEN),
        check: (env, reply, turn, flow) => {
          const review = previewCard(env, reply, turn, 'Review the order for Contoso Ltd', {
            title: 'Purchase',
            verb: 'cart.purchase',
          });
          if ('problem' in review) return review.problem;
          flow.pendingId = review.pendingId;
          return undefined;
        },
      }),
      part<Flow>({
        name: 'purchase',
        describe:
          'Action.Execute "cart.purchase" {pendingId of that cart, quantity-0: 2, cycle-0: monthly} → ' +
          '"Order ORD-… placed" card in the invoke response',
        baseline: INVOKE_BASELINE,
        target: WRITE,
        request: (env, flow) =>
          invokeTurn(
            env,
            'cart.purchase',
            { pendingId: pendingOf(flow), 'quantity-0': '2', 'cycle-0': 'monthly' },
            SAM_CHEN,
          ),
        check: (env, reply, turn) =>
          problemOf(invokeCardMatching(env, reply, turn, /Order ORD-[A-Z0-9]{8} placed/)),
      }),
    ],
  }),
  defineParts<SuspendFlow>({
    name: 'suspend',
    bot: 'real',
    prepare: async (env) => ({ subscriptionId: await givenSubscription(env.real.deps) }),
    parts: [
      part<SuspendFlow>({
        name: 'preview',
        describe:
          'message "suspend SUB-BENCH-…" from Sam Chen → "Suspend this subscription?" card with Confirm, posted ' +
          'to the connector (untimed before: a new Exchange Online (Plan 1) subscription of Woodgrove Bank)',
        baseline: MESSAGE_BASELINE,
        target: WRITE,
        request: (env, flow) =>
          messageTurn(env, env.real.endpoint, `suspend ${flow.subscriptionId}`, SAM_CHEN),
        check: (env, reply, turn, flow) => {
          const preview = previewCard(env, reply, turn, 'Suspend this subscription?', {
            title: 'Confirm',
            verb: 'subscription.suspend.confirm',
          });
          if ('problem' in preview) return preview.problem;
          flow.pendingId = preview.pendingId;
          return undefined;
        },
      }),
      part<SuspendFlow>({
        name: 'confirm',
        describe:
          'Action.Execute "subscription.suspend.confirm" {pendingId} → "Subscription suspended" card in the ' +
          'invoke response',
        baseline: INVOKE_BASELINE,
        target: WRITE,
        request: (env, flow) =>
          invokeTurn(env, 'subscription.suspend.confirm', { pendingId: pendingOf(flow) }, SAM_CHEN),
        check: (env, reply, turn) =>
          problemOf(invokeCardMatching(env, reply, turn, 'Subscription suspended')),
      }),
    ],
  }),
  defineParts<Flow>({
    name: 'key retrieval',
    bot: 'real',
    prepare: async () => ({}),
    parts: [
      part<Flow>({
        name: 'chooser',
        describe:
          `message "${KEY_TEXT}" from Ada Wong (admin agent) in a personal chat → "Product key and ` +
          'download" chooser card, posted to the connector',
        baseline: MESSAGE_BASELINE,
        target: WRITE,
        request: (env) => messageTurn(env, env.real.endpoint, KEY_TEXT, ADA_WONG),
        check: (env, reply, turn, flow) => {
          const chooser = chooserOf(env, reply, turn);
          if ('problem' in chooser) return chooser.problem;
          flow.pendingId = chooser.pendingId;
          flow.inputs = chooser.inputs;
          return undefined;
        },
      }),
      part<Flow>({
        name: 'key',
        describe:
          'Action.Execute "software.key.confirm" {pendingId, version, language, variant: the chooser\'s ' +
          'defaults} → key card ("Product key: …", a new key and download link) in the invoke response',
        baseline: INVOKE_BASELINE,
        target: WRITE,
        request: (env, flow) =>
          invokeTurn(env, 'software.key.confirm', { pendingId: pendingOf(flow), ...flow.inputs }, ADA_WONG),
        check: (env, reply, turn) => problemOf(keyCardOf(env, reply, turn)),
      }),
    ],
  }),
  defineScenario<Link, HttpGet>({
    name: 'download burst',
    bot: 'real',
    describe:
      `GET <bot>/downloads/<token> of a key card's Download link → 302 to the file; a fresh link (untimed: ` +
      `"${KEY_TEXT}" and Get key and link as Ada Wong) before every ${DOWNLOAD_LINK_MAX_DOWNLOADS} GETs, ` +
      `the most a link allows, and after them one more GET (untimed) that must be 410`,
    baseline:
      'echo message turn: a download is one GET answered by the bot alone (count + audit in one ' +
      'transaction), so the baseline does one POST more',
    target: WRITE,
    countStatuses: [302, 410],
    prepare: async (env, worker) => {
      let link = linkOfWorker.get(worker);
      if (!link || link.used >= DOWNLOAD_LINK_MAX_DOWNLOADS) {
        link = { url: await freshLink(env), used: 0 };
        linkOfWorker.set(worker, link);
      }
      link.used += 1;
      return link;
    },
    request: (_env, link) => ({ url: link.url }),
    check: (_env, reply) =>
      reply.status === 302 && reply.location
        ? undefined
        : `HTTP ${reply.status}${reply.status === 302 ? ' without a Location' : ''}, expected 302`,
    cleanup: async (_env, link) => {
      if (link.used !== DOWNLOAD_LINK_MAX_DOWNLOADS) return undefined;
      const { status } = await getUrl({ url: link.url });
      limitChecks.done += 1;
      if (status === 410) limitChecks.gone += 1;
      return status === 410
        ? undefined
        : `GET ${DOWNLOAD_LINK_MAX_DOWNLOADS + 1} of a link answered ${status}, expected 410`;
    },
    report: {
      reset: () => {
        limitChecks.done = 0;
        limitChecks.gone = 0;
      },
      notes: () => [
        `each used-up link's GET ${DOWNLOAD_LINK_MAX_DOWNLOADS + 1} (untimed): 410 ×${limitChecks.gone} ` +
          `of ${limitChecks.done}`,
      ],
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

/**
 * One GET with the same client, redirects not followed; timed the same way (to the body's last byte). A
 * download link is fetched as its landing page's button does (a POST: R-KEY-7, a GET counts nothing).
 */
export async function getUrl(request: HttpGet): Promise<HttpReply & { readonly ms: number }> {
  const startedAt = performance.now();
  const response = await fetch(request.url, {
    redirect: 'manual',
    ...(request.url.includes('/downloads/') ? { method: 'POST' } : {}),
  });
  const text = await response.text();
  const ms = performance.now() - startedAt;
  const location = response.headers.get('location');
  return { status: response.status, body: text || undefined, ms, ...(location ? { location } : {}) };
}

/** The timed request of a part, whichever kind it is. */
export const send = (request: BenchRequest) => (isTurn(request) ? postActivity(request) : getUrl(request));

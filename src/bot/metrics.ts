/**
 * What the bot tells about its turns, through a port: the composition root gives it an implementation
 * (src/metrics.ts, Prometheus), tests a recording one, and without one nothing is recorded. The bot knows no
 * metrics library, so moving to another one (or to the Teams SDK) touches only the edges.
 */
import type { UseCases } from './use-cases.js';

/** How a turn ended: done; not allowed for this person; refused by a rule, input or state; failed. */
export type TurnOutcome = 'ok' | 'denied' | 'refused' | 'error';
/** What started a turn: a typed command, a card button, or anything else (installation, other invokes). */
export type TurnType = 'command' | 'verb' | 'other';

export interface TurnRecord {
  readonly type: TurnType;
  /** The command kind, the card verb, or a fixed word (never text from the user). */
  readonly name: string;
  readonly outcome: TurnOutcome;
  readonly seconds: number;
}

export interface BotMetrics {
  turn(record: TurnRecord): void;
  /** A Confirm pressed after the confirmation expired. */
  confirmationExpired(): void;
  /**
   * A request or turn refused by a rate limit (`scope` a fixed word such as 'turn', 'person', 'download').
   * The limiter calls it wherever it is built; nothing here decides a limit.
   */
  rateLimitRefused(scope: string): void;
}

export const NO_BOT_METRICS: BotMetrics = {
  turn: () => undefined,
  confirmationExpired: () => undefined,
  rateLimitRefused: () => undefined,
};

/** Domain errors that mean "this person may not" (R-ROLE-9, R-ROLE-10, not the initiator). */
const DENIED = new Set(['forbidden', 'no-role', 'not-initiator']);

const SEVERITY: Record<TurnOutcome, number> = { ok: 0, refused: 1, denied: 2, error: 3 };

/** The worse of two outcomes (a turn that was denied once is denied, whatever else went right). */
export const worseOutcome = (a: TurnOutcome, b: TurnOutcome): TurnOutcome =>
  SEVERITY[b] > SEVERITY[a] ? b : a;

/** The outcome a use case's answer stands for: a `Result` that failed is denied or refused; anything else ok. */
export function outcomeOfAnswer(answer: unknown): { outcome: TurnOutcome; errorKind?: string } {
  if (!answer || typeof answer !== 'object' || (answer as { ok?: unknown }).ok !== false)
    return { outcome: 'ok' };
  const kind = (answer as { error?: { kind?: unknown } }).error?.kind;
  if (typeof kind !== 'string') return { outcome: 'refused' };
  return { outcome: DENIED.has(kind) ? 'denied' : 'refused', errorKind: kind };
}

/** One turn's view of the use cases: the same functions, watched for the worst outcome they answered. */
export interface TrackedUseCases {
  readonly useCases: UseCases;
  outcome(): TurnOutcome;
}

export function trackUseCases(useCases: UseCases, metrics: BotMetrics): TrackedUseCases {
  let outcome: TurnOutcome = 'ok';
  const note = (answer: unknown) => {
    const seen = outcomeOfAnswer(answer);
    outcome = worseOutcome(outcome, seen.outcome);
    if (seen.errorKind === 'expired') metrics.confirmationExpired();
    return answer;
  };
  const wrap = <F>(value: F): F =>
    typeof value === 'function'
      ? (((...args: unknown[]) => {
          const failed = (error: unknown) => {
            outcome = 'error';
            throw error;
          };
          let answer: unknown;
          try {
            answer = (value as (...a: unknown[]) => unknown)(...args);
          } catch (error) {
            return failed(error);
          }
          // Synchronous use cases stay synchronous.
          return answer instanceof Promise ? answer.then(note, failed) : note(answer);
        }) as F)
      : value;
  const tracked = Object.fromEntries(
    Object.entries(useCases).map(([name, value]) => [
      name,
      value && typeof value === 'object' && typeof value !== 'function'
        ? Object.fromEntries(Object.entries(value as object).map(([inner, fn]) => [inner, wrap(fn)]))
        : wrap(value),
    ]),
  ) as unknown as UseCases;
  return { useCases: tracked, outcome: () => outcome };
}

/**
 * An external commerce backend (Partner Center) refusing a write or read, as a domain value (R-PC-2). The
 * reasons mirror the connector's refusal kinds one for one; the bot has words for each in every language,
 * so a new reason does not compile until it is explained.
 */

export const EXTERNAL_REFUSAL_REASONS = [
  'window-passed',
  'seat-reduction-not-allowed',
  'subscription-suspended',
  'subscription-deleted',
  'stale',
  'renewal-in-progress',
  'pending-operation',
  'credit-limit',
  'risk-check',
  'quantity-invalid',
  'not-cancellable',
  'not-found',
  'forbidden',
  'auth',
  'throttled',
  'unavailable',
  'invalid-request',
  'unknown',
] as const;

export type ExternalRefusalReason = (typeof EXTERNAL_REFUSAL_REASONS)[number];

/** Partner Center refused; it did nothing, so the bot's own transaction rolls back as well. */
export interface ExternalRefusal {
  readonly kind: 'partner-center-refused';
  readonly reason: ExternalRefusalReason;
  /** Seconds Partner Center asked to wait (throttled), when it said. */
  readonly retryAfterSeconds?: number;
  /** Partner Center's error code, for the audit record and the admin. */
  readonly code?: string;
}

export const isExternalRefusal = (value: unknown): value is ExternalRefusal =>
  typeof value === 'object' &&
  value !== null &&
  (value as { kind?: unknown }).kind === 'partner-center-refused';

/** Where the facts on a card come from and when they were read (ISO instant). */
export interface FactSource {
  readonly system: 'partner-center' | 'bot-record';
  readonly readAt: string;
}

/** The outcome of a write through a port: done, someone changed it meanwhile, or the backend refused. */
export type SaveOutcome = 'saved' | 'conflict' | ExternalRefusal;
export type CreateOutcome = 'created' | ExternalRefusal;

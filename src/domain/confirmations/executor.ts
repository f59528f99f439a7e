/** What each confirmable action provides to the confirmation protocol (see confirm-pending-action.ts). */
import type { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { AuditEntry } from '../shared/audit.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Action } from '../shared/roles.js';
import type { Dayjs } from '../shared/time.js';
import type { PartnerSettings } from '../ports/partner.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { AllDeps } from '../ports/deps.js';
import type { SecretSource } from '../ports/secrets.js';

/** What an executed action reports: the value shown to the user and what the audit entry says. */
export interface Executed<R> {
  readonly result: R;
  readonly audit: Pick<AuditEntry, 'customerId' | 'subjectId' | 'productId' | 'detail'>;
}

/** What an executor gets besides the transaction: the instant of the click and the partner's settings. */
export interface ExecutionContext {
  readonly now: Dayjs;
  readonly partner: PartnerSettings;
  readonly newId: () => string;
  readonly secrets: SecretSource;
  readonly pendingId: string;
  /** What the card sent with the button (choices, an acknowledgement, form fields); the executor checks it. */
  readonly input: Readonly<Record<string, unknown>>;
}

/**
 * `Tx` is what the executor touches inside the transaction (a part of the repositories): an executor of a
 * narrower `Tx` is still an `Executor<P, R>` for the protocol, which hands it every repository.
 */
export interface Executor<P, R, Tx = Repositories> {
  readonly action: Action;
  readonly payload: z.ZodType<P>;
  /** Re-checks everything against current data at `ctx.now` and applies the change, inside the transaction. */
  execute(tx: Tx, actor: Actor, payload: P, ctx: ExecutionContext): Promise<Result<Executed<R>, DomainError>>;
  /**
   * Optional work outside the transaction, run right before it on every press that may execute: what an
   * external backend needs committed before the change is sent (Partner Center's cart, R-PC-11). It must be
   * safe to repeat; an error stops the confirmation with nothing claimed.
   */
  prepare?(
    deps: PrepareDeps,
    actor: Actor,
    payload: P,
    ctx: ExecutionContext,
  ): Promise<Result<void, DomainError>>;
}

/** What `prepare` may read and call: the repositories outside a transaction, and the backend's preparation. */
export type PrepareDeps = Partial<
  Pick<AllDeps, 'customers' | 'products' | 'subscriptions' | 'orderPreparation'>
>;

export type AnyExecutor = Executor<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Confirmed<R> {
  readonly action: Action;
  readonly pendingId: string;
  readonly result: R;
}

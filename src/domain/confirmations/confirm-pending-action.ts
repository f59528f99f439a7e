/**
 * The confirmation protocol shared by every state-changing action.
 *
 * 1. A preview (use case `preview…`) checks roles and state, stores a pending action (initiator, payload,
 *    15-minute expiry) and returns its id; the Confirm button carries only that id.
 * 2. `confirmPendingAction` runs when the button is pressed: it checks the presser's own roles for the
 *    action (R-ROLE-9), that the presser started it, that it is unexpired and unused; then, in one
 *    transaction, it claims the pending action with a conditional update, re-runs the action's checks
 *    against current data and time, applies the change and writes the audit entry. A second press, a Teams
 *    retry or another bot instance finds the claim taken and gets the first result back.
 */
import type { Actor } from '../shared/actor.js';
import { requireRole } from '../shared/authorize.js';
import type { DomainError } from '../shared/errors.js';
import type { AuditEntry } from '../shared/audit.js';
import { PENDING_ACTION_TTL_MINUTES, type PendingAction } from './pending-action.js';
import type { AllDeps } from '../ports/deps.js';
import type { PartnerSettings } from '../ports/partner.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { SecretSource } from '../ports/secrets.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Action } from '../shared/roles.js';
import type { Dayjs } from '../shared/time.js';
import type { z } from 'zod';

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

export interface Executor<P, R> {
  readonly action: Action;
  readonly payload: z.ZodType<P>;
  /** Re-checks everything against current data at `ctx.now` and applies the change, inside the transaction. */
  execute(
    tx: Repositories,
    actor: Actor,
    payload: P,
    ctx: ExecutionContext,
  ): Promise<Result<Executed<R>, DomainError>>;
}

export type AnyExecutor = Executor<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface Confirmed<R> {
  readonly action: Action;
  readonly pendingId: string;
  readonly result: R;
}

/** Stores a preview as a pending action and returns it. */
export async function createPendingAction<P>(
  deps: AllDeps,
  actor: Actor,
  action: Action,
  payload: P,
): Promise<PendingAction<P>> {
  const now = deps.clock.now();
  if (!actor.aadObjectId) throw new Error('an actor without an id cannot start an action');
  return deps.pending.create<P>({
    id: deps.newId(),
    action,
    initiatorAadObjectId: actor.aadObjectId,
    payload,
    createdAt: now,
    expiresAt: now.add(PENDING_ACTION_TTL_MINUTES, 'minute'),
  });
}

class Rollback extends Error {
  constructor(readonly error: DomainError) {
    super('rollback');
  }
}

async function loadUsable(
  deps: AllDeps,
  actor: Actor,
  action: Action,
  pendingId: string,
): Promise<Result<PendingAction, DomainError>> {
  const pending = await deps.pending.find(pendingId);
  if (!pending || pending.action !== action)
    return err({ kind: 'not-found', what: 'pending-action', ref: pendingId });
  if (pending.initiatorAadObjectId !== actor.aadObjectId) return err({ kind: 'not-initiator' });
  if (pending.status === 'done') return err({ kind: 'already-done', previous: pending.result });
  if (pending.status === 'discarded') return err({ kind: 'discarded' });
  if (!deps.clock.now().isBefore(pending.expiresAt)) return err({ kind: 'expired', what: 'pending-action' });
  return ok(pending);
}

export async function confirmPendingAction<P, R>(
  deps: AllDeps,
  actor: Actor,
  executor: Executor<P, R>,
  pendingId: string,
  input: Readonly<Record<string, unknown>> = {},
): Promise<Result<Confirmed<R>, DomainError>> {
  const denied = await requireRole(deps, actor, executor.action);
  if (denied) return denied;
  const usable = await loadUsable(deps, actor, executor.action, pendingId);
  if (!usable.ok) {
    if (usable.error.kind !== 'already-done')
      await auditFailure(deps, actor, executor.action, pendingId, usable.error);
    return usable;
  }
  const payload = executor.payload.safeParse(usable.value.payload);
  if (!payload.success) return err({ kind: 'not-found', what: 'pending-action', ref: pendingId });
  try {
    const confirmed = await deps.uow.run(async (tx) => {
      const now = deps.clock.now();
      // Claim first: a concurrent press waits here on the row lock, then finds it taken.
      if (!(await tx.pending.claim(pendingId, now))) {
        const winner = await tx.pending.find(pendingId);
        throw new Rollback(
          winner?.status === 'done'
            ? { kind: 'already-done', previous: winner.result }
            : winner?.status === 'discarded'
              ? { kind: 'discarded' }
              : { kind: 'expired', what: 'pending-action' },
        );
      }
      const executed = await executor.execute(tx, actor, payload.data, {
        now,
        partner: deps.partner,
        newId: deps.newId,
        secrets: deps.secrets,
        pendingId,
        input,
      });
      if (!executed.ok) throw new Rollback(executed.error);
      await tx.pending.recordResult(pendingId, executed.value.result);
      await tx.audit.record({
        at: now,
        actorAadObjectId: actor.aadObjectId,
        action: executor.action,
        outcome: 'allowed',
        ...executed.value.audit,
        detail: { ...executed.value.audit.detail, pendingId },
      });
      return { action: executor.action, pendingId, result: executed.value.result };
    });
    return ok(confirmed);
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (error.error.kind !== 'already-done')
      await auditFailure(deps, actor, executor.action, pendingId, error.error);
    return err(error.error);
  }
}

/** How long an expired confirmation is kept (its first result answers late presses), then deleted. */
export const PENDING_ACTION_KEEP_DAYS = 7;

/** Housekeeping: previews, carts and export links long past their expiry. The audit log keeps the record. */
export const purgeExpiredConfirmations = (deps: AllDeps): Promise<number> =>
  deps.pending.purgeExpired(deps.clock.now().subtract(PENDING_ACTION_KEEP_DAYS, 'day'));

/** The "Cancel" button of a preview: only its initiator may discard it. */
export async function discardPendingAction(
  deps: AllDeps,
  actor: Actor,
  action: Action,
  pendingId: string,
): Promise<Result<{ discarded: true }, DomainError>> {
  const usable = await loadUsable(deps, actor, action, pendingId);
  if (!usable.ok) return usable;
  if (!(await deps.pending.discard(pendingId, deps.clock.now()))) {
    const again = await deps.pending.find(pendingId);
    return err(
      again?.status === 'done' ? { kind: 'already-done', previous: again.result } : { kind: 'discarded' },
    );
  }
  return ok({ discarded: true });
}

async function auditFailure(
  deps: AllDeps,
  actor: Actor,
  action: Action,
  pendingId: string,
  error: DomainError,
) {
  await deps.audit.record({
    at: deps.clock.now(),
    actorAadObjectId: actor.aadObjectId,
    action,
    outcome:
      error.kind === 'forbidden' || error.kind === 'no-role' || error.kind === 'not-initiator'
        ? 'denied'
        : 'failed',
    detail: { pendingId, reason: error.kind },
  });
}

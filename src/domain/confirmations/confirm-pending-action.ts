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
import type { DomainError } from '../shared/errors.js';
import type { Action } from '../shared/roles.js';
import type { AuditLog } from '../ports/audit.js';
import type { Clock } from '../shared/time.js';
import type { PartnerSettings } from '../ports/partner.js';
import type { PendingActionRepository } from '../ports/pending-actions.js';
import type { SecretSource } from '../ports/secrets.js';
import type { UnitOfWork } from '../ports/unit-of-work.js';
import type { Executor, Confirmed, ExecutionContext, PrepareDeps } from './executor.js';
import type { Result } from '../shared/result.js';
import { requireRole } from '../shared/authorize.js';
import { err, ok } from '../shared/result.js';
import { loadUsablePendingAction } from './load-usable-pending-action.js';

export interface ConfirmPendingActionDeps extends PrepareDeps {
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly pending: PendingActionRepository;
  readonly partner: PartnerSettings;
  readonly secrets: SecretSource;
  readonly newId: () => string;
  /** Every repository: the protocol runs whichever executor it is given. */
  readonly uow: UnitOfWork;
}

class Rollback extends Error {
  constructor(readonly error: DomainError) {
    super('rollback');
  }
}

export async function confirmPendingAction<P, R>(
  deps: ConfirmPendingActionDeps,
  actor: Actor,
  executor: Executor<P, R>,
  pendingId: string,
  input: Readonly<Record<string, unknown>> = {},
): Promise<Result<Confirmed<R>, DomainError>> {
  const denied = await requireRole(deps, actor, executor.action);
  if (denied) return denied;
  const usable = await loadUsablePendingAction(deps, actor, executor.action, pendingId);
  if (!usable.ok) {
    if (usable.error.kind !== 'already-done')
      await auditFailure(deps, actor, executor.action, pendingId, usable.error);
    return usable;
  }
  const payload = executor.payload.safeParse(usable.value.payload);
  if (!payload.success) return err({ kind: 'not-found', what: 'pending-action', ref: pendingId });
  const context = (now: ExecutionContext['now']): ExecutionContext => ({
    now,
    partner: deps.partner,
    newId: deps.newId,
    secrets: deps.secrets,
    pendingId,
    input,
  });
  if (executor.prepare) {
    const prepared = await executor.prepare(deps, actor, payload.data, context(deps.clock.now()));
    if (!prepared.ok) {
      await auditFailure(deps, actor, executor.action, pendingId, prepared.error);
      return prepared;
    }
  }
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
      const executed = await executor.execute(tx, actor, payload.data, context(now));
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

async function auditFailure(
  deps: Pick<ConfirmPendingActionDeps, 'clock' | 'audit'>,
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
    detail: {
      pendingId,
      reason: error.kind,
      // A refusal by Partner Center: why and its code, for whoever reads the audit (R-PC-2).
      ...(error.kind === 'partner-center-refused'
        ? { refusal: error.reason, ...(error.code !== undefined ? { code: error.code } : {}) }
        : {}),
    },
  });
}

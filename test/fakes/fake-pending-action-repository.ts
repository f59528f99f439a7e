/**
 * PendingActionRepository in memory, with the claim semantics of the database: a claim succeeds once, and
 * only while the action is pending and unexpired. Payloads and results are stored as JSON, as there.
 */
import type { PendingAction } from '../../src/domain/confirmations/pending-action.js';
import type { PendingActionRepository } from '../../src/domain/ports/pending-actions.js';
import { asJson, ConstraintViolation, type FakeDatabase } from './fake-database.js';

export function makeFakePendingActionRepository(db: FakeDatabase): PendingActionRepository {
  const update = (id: string, changes: Partial<PendingAction>) => {
    const row = db.tables.pendingActions.get(id)!;
    db.tables.pendingActions.set(id, { ...row, ...changes });
  };
  const usable = (id: string, now: { valueOf(): number }) => {
    const row = db.tables.pendingActions.get(id);
    return row !== undefined && row.status === 'pending' && row.expiresAt.valueOf() > now.valueOf();
  };
  return {
    async create<P>(pending: Omit<PendingAction<P>, 'status' | 'completedAt' | 'result'>) {
      if (db.tables.pendingActions.has(pending.id))
        throw new ConstraintViolation(`pending ${pending.id} exists`);
      const row: PendingAction = {
        id: pending.id,
        action: pending.action,
        initiatorAadObjectId: pending.initiatorAadObjectId,
        payload: asJson(pending.payload),
        status: 'pending',
        createdAt: pending.createdAt,
        expiresAt: pending.expiresAt,
        completedAt: null,
        result: null,
      };
      db.tables.pendingActions.set(row.id, row);
      return row as PendingAction<P>;
    },
    async find(id) {
      return db.tables.pendingActions.get(id) ?? null;
    },
    async claim(id, now) {
      if (!usable(id, now)) return false;
      update(id, { status: 'done', completedAt: now });
      return true;
    },
    async recordResult(id, result) {
      if (!db.tables.pendingActions.has(id)) throw new ConstraintViolation(`no pending ${id}`);
      update(id, { result: asJson(result) });
    },
    async updatePayload(id, payload, now) {
      if (!usable(id, now)) return false;
      update(id, { payload: asJson(payload) });
      return true;
    },
    async discard(id, now) {
      if (db.tables.pendingActions.get(id)?.status !== 'pending') return false;
      update(id, { status: 'discarded', completedAt: now });
      return true;
    },
    async purgeExpired(before) {
      let purged = 0;
      for (const [id, row] of db.tables.pendingActions)
        if (row.expiresAt.valueOf() < before.valueOf()) {
          db.tables.pendingActions.delete(id);
          purged += 1;
        }
      return purged;
    },
  };
}

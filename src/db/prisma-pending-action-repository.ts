/** Pending actions: the confirmations a click claims once (the PendingActionRepository port). */
import type { PendingAction } from '../domain/confirmations/pending-action.js';
import type { PendingActionRepository } from '../domain/ports/pending-actions.js';
import { json, toPending, type Db } from './mappers.js';

export function makePendingActionRepository(db: Db): PendingActionRepository {
  return {
    async create(pending) {
      const row = await db.pendingAction.create({
        data: {
          id: pending.id,
          action: pending.action,
          initiatorAadObjectId: pending.initiatorAadObjectId,
          payload: json(pending.payload),
          createdAt: pending.createdAt.toDate(),
          expiresAt: pending.expiresAt.toDate(),
        },
      });
      return toPending(row) as PendingAction<never>;
    },
    async find(id) {
      const row = await db.pendingAction.findUnique({ where: { id } });
      return row ? toPending(row) : null;
    },
    async claim(id, now) {
      const claimed = await db.pendingAction.updateMany({
        where: { id, status: 'pending', expiresAt: { gt: now.toDate() } },
        data: { status: 'done', completedAt: now.toDate() },
      });
      return claimed.count === 1;
    },
    async recordResult(id, result) {
      // updateMany: nothing is read back (update would return the whole row).
      await db.pendingAction.updateMany({ where: { id }, data: { result: json(result) } });
    },
    async updatePayload(id, payload, now) {
      const updated = await db.pendingAction.updateMany({
        where: { id, status: 'pending', expiresAt: { gt: now.toDate() } },
        data: { payload: json(payload) },
      });
      return updated.count === 1;
    },
    async purgeExpired(before) {
      return (await db.pendingAction.deleteMany({ where: { expiresAt: { lt: before.toDate() } } })).count;
    },
    async discard(id, now) {
      const discarded = await db.pendingAction.updateMany({
        where: { id, status: 'pending' },
        data: { status: 'discarded', completedAt: now.toDate() },
      });
      return discarded.count === 1;
    },
  };
}

/** Pending actions: the confirmations a click claims once (the PendingActionRepository port). */
import type { PendingAction } from '../domain/confirmations/pending-action.js';
import type { PendingActionRepository } from '../domain/ports/pending-actions.js';
import { json, jsonText, toPending, type Db, type PendingRow } from './mappers.js';
import { PREPARED, prismaSql, type Sql } from './sql.js';

const COLUMNS = `"id", "action", "initiatorAadObjectId", "payload", "status", "createdAt", "expiresAt",
  "completedAt", "result"`;

export function makePendingActionRepository(db: Db, sql: Sql = prismaSql(db)): PendingActionRepository {
  // create, find, claim and recordResult run on every card and confirmation: plain SQL (sql.ts).
  return {
    async create(pending) {
      const rows = await sql.query<PendingRow>(
        `INSERT INTO pending_actions ("id", "action", "initiatorAadObjectId", "payload", "status", "createdAt", "expiresAt")
         VALUES ($1, $2, $3, $4::jsonb, 'pending', $5::timestamptz, $6::timestamptz)
         RETURNING ${COLUMNS}`,
        [
          pending.id,
          pending.action,
          pending.initiatorAadObjectId,
          jsonText(pending.payload),
          pending.createdAt.toDate(),
          pending.expiresAt.toDate(),
        ],
        PREPARED,
      );
      return toPending(rows[0]!) as PendingAction<never>;
    },
    async find(id) {
      const rows = await sql.query<PendingRow>(
        `SELECT ${COLUMNS} FROM pending_actions WHERE "id" = $1`,
        [id],
        PREPARED,
      );
      return rows[0] ? toPending(rows[0]) : null;
    },
    async claim(id, now) {
      const claimed = await sql.query(
        `UPDATE pending_actions SET "status" = 'done', "completedAt" = $2::timestamptz
         WHERE "id" = $1 AND "status" = 'pending' AND "expiresAt" > $2::timestamptz
         RETURNING "id"`,
        [id, now.toDate()],
        PREPARED,
      );
      return claimed.length === 1;
    },
    async recordResult(id, result) {
      // Nothing is read back.
      await sql.query(
        `UPDATE pending_actions SET "result" = $2::jsonb WHERE "id" = $1`,
        [id, jsonText(result)],
        PREPARED,
      );
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

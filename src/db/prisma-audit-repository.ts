/** The audit log: recorded decisions and the activity query over them (the AuditLog port). */
import type { AuditEntry } from '../domain/shared/audit.js';
import type { AuditLog } from '../domain/ports/audit.js';
import { at } from '../domain/shared/time.js';
import { jsonText, type Db } from './mappers.js';
import { PREPARED, prismaSql, type Sql } from './sql.js';

export function makeAuditRepository(db: Db, sql: Sql = prismaSql(db)): AuditLog {
  return {
    async record(entry: AuditEntry) {
      // One statement: the actor's name is copied from the staff table as it is at the event, so a later
      // rename does not rewrite the activity log.
      const actor = entry.actorAadObjectId;
      const detail = entry.detail ? jsonText(entry.detail) : null;
      // Every change records one: plain SQL (sql.ts).
      await sql.query(
        `INSERT INTO audit_events
           ("at", "actorAadObjectId", "actorName", "action", "outcome", "customerId", "subjectId", "productId", "detail")
         VALUES ($1::timestamptz, $2, (SELECT s."displayName" FROM staff s WHERE s."aadObjectId" = $2),
           $3, $4, $5, $6, $7, $8::jsonb)`,
        [
          entry.at.toDate(),
          actor,
          entry.action,
          entry.outcome,
          entry.customerId ?? null,
          entry.subjectId ?? null,
          entry.productId ?? null,
          detail,
        ],
        PREPARED,
      );
    },
    async query(filter) {
      const where = {
        action: { in: [...filter.actions] },
        at: { gte: filter.from.toDate(), lt: filter.to.toDate() },
        outcome: 'allowed',
        ...(filter.customerId ? { customerId: filter.customerId } : {}),
      };
      const [rows, total] = await Promise.all([
        db.auditEvent.findMany({
          where,
          orderBy: [{ at: 'desc' }, { id: 'desc' }],
          skip: filter.offset,
          take: filter.limit,
        }),
        db.auditEvent.count({ where }),
      ]);
      const ids = (values: Array<string | null>) => [
        ...new Set(values.filter((v): v is string => v !== null)),
      ];
      const [people, customers, products] = await Promise.all([
        // Only rows written before names were kept on the event fall back to today's name.
        db.staff.findMany({
          where: {
            aadObjectId: { in: ids(rows.filter((r) => r.actorName === null).map((r) => r.actorAadObjectId)) },
          },
          select: { aadObjectId: true, displayName: true },
        }),
        db.customer.findMany({
          where: { id: { in: ids(rows.map((r) => r.customerId)) } },
          select: { id: true, companyName: true },
        }),
        db.product.findMany({
          where: { id: { in: ids(rows.map((r) => r.productId)) } },
          select: { id: true, name: true },
        }),
      ]);
      const person = new Map(people.map((p) => [p.aadObjectId, p.displayName]));
      const customer = new Map(customers.map((c) => [c.id, c.companyName]));
      const product = new Map(products.map((p) => [p.id, p.name]));
      return {
        total,
        events: rows.map((row) => ({
          id: row.id.toString(),
          at: at(row.at),
          actorAadObjectId: row.actorAadObjectId,
          action: row.action,
          outcome: row.outcome as AuditEntry['outcome'],
          customerId: row.customerId,
          subjectId: row.subjectId,
          productId: row.productId,
          detail: (row.detail ?? undefined) as Record<string, unknown> | undefined,
          actorName:
            row.actorName ?? (row.actorAadObjectId ? (person.get(row.actorAadObjectId) ?? null) : null),
          customerName: row.customerId ? (customer.get(row.customerId) ?? null) : null,
          productName: row.productId ? (product.get(row.productId) ?? null) : null,
        })),
      };
    },
  };
}

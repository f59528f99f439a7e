/** The audit log: recorded decisions and the activity query over them (the AuditLog port). */
import type { AuditEntry } from '../domain/shared/audit.js';
import type { AuditLog } from '../domain/ports/audit.js';
import { at } from '../domain/shared/time.js';
import { json, type Db } from './mappers.js';

export function makeAuditRepository(db: Db): AuditLog {
  return {
    async record(entry: AuditEntry) {
      await db.auditEvent.create({
        data: {
          at: entry.at.toDate(),
          actorAadObjectId: entry.actorAadObjectId,
          action: entry.action,
          outcome: entry.outcome,
          customerId: entry.customerId ?? null,
          subjectId: entry.subjectId ?? null,
          productId: entry.productId ?? null,
          ...(entry.detail ? { detail: json(entry.detail) } : {}),
        },
      });
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
        db.staff.findMany({
          where: { aadObjectId: { in: ids(rows.map((r) => r.actorAadObjectId)) } },
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
          actorName: row.actorAadObjectId ? (person.get(row.actorAadObjectId) ?? null) : null,
          customerName: row.customerId ? (customer.get(row.customerId) ?? null) : null,
          productName: row.productId ? (product.get(row.productId) ?? null) : null,
        })),
      };
    },
  };
}

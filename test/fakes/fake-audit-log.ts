/** AuditLog in memory: entries kept in order (detail as JSON), and the activity query over them. */
import type { AuditLog } from '../../src/domain/ports/audit.js';
import { asJson, type FakeDatabase } from './fake-database.js';

/** The actor's name at each event, by row id (as the database keeps it on the row). */
const namesAtEvent = new WeakMap<FakeDatabase, Map<number, string | null>>();

export function makeFakeAuditLog(db: FakeDatabase): AuditLog {
  if (!namesAtEvent.has(db)) namesAtEvent.set(db, new Map());
  const names = namesAtEvent.get(db)!;
  return {
    async record(entry) {
      const id = db.newAuditId();
      names.set(
        id,
        entry.actorAadObjectId ? (db.tables.staff.get(entry.actorAadObjectId)?.displayName ?? null) : null,
      );
      db.tables.auditEvents.push({
        id,
        at: entry.at,
        actorAadObjectId: entry.actorAadObjectId,
        action: entry.action,
        outcome: entry.outcome,
        customerId: entry.customerId ?? null,
        subjectId: entry.subjectId ?? null,
        productId: entry.productId ?? null,
        ...(entry.detail ? { detail: asJson(entry.detail) } : {}),
      });
    },
    async query(filter) {
      const matching = db.tables.auditEvents
        .filter(
          (e) =>
            filter.actions.includes(e.action) &&
            e.at.valueOf() >= filter.from.valueOf() &&
            e.at.valueOf() < filter.to.valueOf() &&
            e.outcome === 'allowed' &&
            (!filter.customerId || e.customerId === filter.customerId),
        )
        .sort((a, b) => b.at.valueOf() - a.at.valueOf() || b.id - a.id);
      const t = db.tables;
      return {
        total: matching.length,
        events: matching.slice(filter.offset, filter.offset + filter.limit).map(({ id, ...event }) => ({
          ...event,
          id: String(id),
          customerId: event.customerId ?? null,
          subjectId: event.subjectId ?? null,
          productId: event.productId ?? null,
          actorName: names.has(id)
            ? (names.get(id) ?? null)
            : event.actorAadObjectId
              ? (t.staff.get(event.actorAadObjectId)?.displayName ?? null)
              : null,
          customerName: event.customerId ? (t.customers.get(event.customerId)?.companyName ?? null) : null,
          productName: event.productId ? (t.products.get(event.productId)?.name ?? null) : null,
        })),
      };
    },
  };
}

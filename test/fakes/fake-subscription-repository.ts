/** SubscriptionRepository in memory, saved with optimistic versions like the database. */
import { selects, type SubscriptionRepository } from '../../src/domain/ports/subscriptions.js';
import type { Subscription } from '../../src/domain/shared/model.js';
import type { FakeDatabase, SubscriptionRow } from './fake-database.js';

export function toSubscription(db: FakeDatabase, row: SubscriptionRow): Subscription {
  const { licenseAdditions: _additions, ...subscription } = row;
  return { ...subscription, productName: db.tables.products.get(row.productId)?.name ?? row.productId };
}

export function makeFakeSubscriptionRepository(db: FakeDatabase): SubscriptionRepository {
  return {
    async listByCustomer(customerId, select, window) {
      const sorted = [...db.tables.subscriptions.values()]
        .filter((s) => s.customerId === customerId && selects(select, s))
        .sort((a, b) => b.orderedAt.valueOf() - a.orderedAt.valueOf() || (a.id < b.id ? -1 : 1));
      return (window ? sorted.slice(window.offset, window.offset + window.limit) : sorted).map((row) =>
        toSubscription(db, row),
      );
    },
    async findById(id) {
      const row = db.tables.subscriptions.get(id);
      return row ? toSubscription(db, row) : null;
    },
    async save(next, expectedVersion, changes) {
      const row = db.tables.subscriptions.get(next.id);
      if (!row || row.version !== expectedVersion) return 'conflict';
      db.tables.subscriptions.set(next.id, {
        ...row,
        productId: next.productId,
        billingCycle: next.billingCycle,
        termAnchorAt: next.termAnchorAt ?? null,
        scheduledChange: next.scheduledChange ?? null,
        quantity: next.quantity,
        status: next.status,
        autoRenew: next.autoRenew,
        termStartAt: next.termStartAt,
        renewsAt: next.renewsAt,
        trialEndsAt: next.trialEndsAt,
        suspendedAt: next.suspendedAt,
        dataDeletedAt: next.dataDeletedAt,
        cancelledAt: next.cancelledAt,
        cancelAt: next.cancelAt,
        ...(changes.licenseAdditions !== undefined
          ? { licenseAdditions: [...changes.licenseAdditions] }
          : {}),
        version: row.version + 1,
      });
      // Any change re-queues it for the reminder pass (back to the column's default, the epoch).
      db.tables.reminderChecks.delete(next.id);
      return 'saved';
    },
    async licenseAdditions(id) {
      return [...(db.tables.subscriptions.get(id)?.licenseAdditions ?? [])];
    },
  };
}

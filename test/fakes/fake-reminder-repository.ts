/**
 * ReminderRepository in memory: sources read across the tables as the database query does, reminders
 * unique by key, and claims with leases (a reminder another instance holds until later is skipped).
 */
import type { ReminderRepository, StoredReminder } from '../../src/domain/ports/reminders.js';
import type { FakeDatabase, ReminderRow } from './fake-database.js';
import { sourceWindows } from '../../src/domain/reminders/reminder-schedule.js';
import { toProduct } from './fake-product-repository.js';
import { toSubscription } from './fake-subscription-repository.js';

const toReminder = ({
  claimedBy: _by,
  claimedUntil: _until,
  sentAt: _sent,
  skippedAt: _skipped,
  lastError: _error,
  ...reminder
}: ReminderRow): StoredReminder => reminder;

export function makeFakeReminderRepository(db: FakeDatabase): ReminderRepository {
  const rows = () => db.tables.reminders;
  const update = (id: string, instanceId: string, changes: Partial<ReminderRow>) => {
    const row = rows().get(id);
    if (row && row.claimedBy === instanceId && row.sentAt === null) rows().set(id, { ...row, ...changes });
  };
  return {
    async subscriptionSources(now, page) {
      const t = db.tables;
      const after = (instant: { valueOf(): number } | null, than: { valueOf(): number }) =>
        instant !== null && instant.valueOf() > than.valueOf();
      const rows = [...t.subscriptions.values()]
        .filter((s) => {
          if (page.after !== null && !(s.id > page.after)) return false;
          if (s.status !== 'active' && s.status !== 'suspended') return false;
          const product = t.products.get(s.productId)!;
          const nce = product.commercePolicy === 'new-commerce';
          return (
            sourceWindows(now).some(
              (w) => (!w.newCommerce || nce) && after(s[w.column], w.after) && !after(s[w.column], w.upTo),
            ) ||
            (s.autoRenew && s.renewsAt.valueOf() <= now.valueOf() && nce)
          );
        })
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, page.limit);
      const lastActor = new Map<
        string,
        Partial<Record<'subscription.suspend' | 'subscription.cancel', string>>
      >();
      for (const a of [...t.auditEvents].sort((x, y) => x.at.valueOf() - y.at.valueOf())) {
        if (a.outcome !== 'allowed' || !a.subjectId || !a.actorAadObjectId) continue;
        if (a.action !== 'subscription.suspend' && a.action !== 'subscription.cancel') continue;
        lastActor.set(a.subjectId, { ...lastActor.get(a.subjectId), [a.action]: a.actorAadObjectId });
      }
      return {
        rows: rows.map((s) => ({
          subscription: toSubscription(db, s),
          product: toProduct(t.products.get(s.productId)!),
          customerName: t.customers.get(s.customerId)?.companyName ?? s.customerId,
          placedBy: t.orders.get(s.orderId)?.placedByAadObjectId ?? '',
          lastActorFor: lastActor.get(s.id) ?? {},
        })),
        next: rows.length === page.limit ? (rows.at(-1)?.id ?? null) : null,
      };
    },
    async linkSources(now, page) {
      const t = db.tables;
      const links = [...t.downloadLinks.values()]
        .filter(
          (l) =>
            (page.after === null || l.id > page.after) &&
            l.revokedAt === null &&
            l.expiresAt.valueOf() > now.valueOf() &&
            l.expiresAt.valueOf() <= now.add(25, 'hour').valueOf(),
        )
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .slice(0, page.limit);
      return {
        rows: links
          .filter((l) => l.downloadCount < l.maxDownloads)
          .map((l) => ({
            linkId: l.id,
            orderId: l.orderId,
            productName: t.products.get(l.productId)?.name ?? l.productId,
            customerName: t.customers.get(l.customerId)?.companyName ?? l.customerId,
            issuedTo: l.issuedTo,
            expiresAt: l.expiresAt,
          })),
        next: links.length === page.limit ? (links.at(-1)?.id ?? null) : null,
      };
    },
    async create(reminders) {
      let created = 0;
      for (const r of reminders) {
        if (rows().has(r.id) || [...rows().values()].some((x) => x.uniqueKey === r.uniqueKey)) continue;
        rows().set(r.id, {
          ...r,
          payload: { ...r.payload },
          attempts: 0,
          claimedBy: null,
          claimedUntil: null,
          sentAt: null,
          skippedAt: null,
          lastError: null,
        });
        created += 1;
      }
      return created;
    },
    async claimDue(now, instanceId, leaseUntil, limit) {
      const due = [...rows().values()]
        .filter(
          (r) =>
            r.sentAt === null &&
            r.skippedAt === null &&
            r.nextAttemptAt.valueOf() <= now.valueOf() &&
            (r.claimedUntil === null || r.claimedUntil.valueOf() <= now.valueOf()),
        )
        .sort((a, b) => a.nextAttemptAt.valueOf() - b.nextAttemptAt.valueOf() || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      return due.map((r) => {
        const claimed = { ...r, claimedBy: instanceId, claimedUntil: leaseUntil };
        rows().set(r.id, claimed);
        return toReminder(claimed);
      });
    },
    async extendClaim(ids, instanceId, now, leaseUntil) {
      const extended: string[] = [];
      for (const id of ids) {
        const r = rows().get(id);
        if (
          r &&
          r.claimedBy === instanceId &&
          r.claimedUntil !== null &&
          r.claimedUntil.valueOf() > now.valueOf() &&
          r.sentAt === null
        ) {
          rows().set(id, { ...r, claimedUntil: leaseUntil });
          extended.push(id);
        }
      }
      return extended;
    },
    async markSent(id, instanceId, now) {
      update(id, instanceId, { sentAt: now, claimedUntil: null, lastError: null });
    },
    async markSkipped(id, instanceId, now) {
      update(id, instanceId, { skippedAt: now, claimedUntil: null });
    },
    async reschedule(id, instanceId, nextAttemptAt, error, countAttempt) {
      const row = rows().get(id);
      update(id, instanceId, {
        nextAttemptAt,
        claimedUntil: null,
        ...(error !== null ? { lastError: error } : {}),
        ...(countAttempt && row ? { attempts: row.attempts + 1 } : {}),
      });
    },
  };
}

/**
 * ReminderRepository in memory: subscriptions read by their reminder check time and advanced only at
 * the version read, as the database does; links by expiry; reminders unique by key, and claims with
 * leases (a reminder another instance holds until later is skipped).
 */
import type {
  LinkSource,
  ReminderRepository,
  SourceCursor,
  StoredReminder,
  SubscriptionSource,
} from '../../src/domain/ports/reminders.js';
import { at, type Dayjs } from '../../src/domain/shared/time.js';
import type { StoredDownloadLink } from '../../src/domain/ports/software.js';
import type { FakeDatabase, ReminderRow } from './fake-database.js';
import { toProduct } from './fake-product-repository.js';
import { toSubscription } from './fake-subscription-repository.js';

const EPOCH = at(0);

/** (instant, id) order, as the database's row comparison `(at, id) > (cursor.at, cursor.id)`. */
const compareKeys = (instant: Dayjs, id: string, than: SourceCursor): number =>
  instant.valueOf() - than.at.valueOf() || (id < than.id ? -1 : id > than.id ? 1 : 0);

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
  /** The column's value: the epoch (its default) until the pass or a save sets it. */
  const checkAt = (id: string): Dayjs | null => {
    const stored = db.tables.reminderChecks.get(id);
    return stored === undefined ? EPOCH : stored;
  };
  const sourcesOf = (ids: readonly string[]): SubscriptionSource[] => {
    const t = db.tables;
    const lastActor = new Map<
      string,
      Partial<Record<'subscription.suspend' | 'subscription.cancel', string>>
    >();
    for (const a of [...t.auditEvents].sort((x, y) => x.at.valueOf() - y.at.valueOf())) {
      if (a.outcome !== 'allowed' || !a.subjectId || !a.actorAadObjectId) continue;
      if (a.action !== 'subscription.suspend' && a.action !== 'subscription.cancel') continue;
      lastActor.set(a.subjectId, { ...lastActor.get(a.subjectId), [a.action]: a.actorAadObjectId });
    }
    return ids.flatMap((id) => {
      const s = t.subscriptions.get(id);
      return s
        ? [
            {
              subscription: toSubscription(db, s),
              product: toProduct(t.products.get(s.productId)!),
              customerName: t.customers.get(s.customerId)?.companyName ?? s.customerId,
              placedBy: t.orders.get(s.orderId)?.placedByAadObjectId ?? '',
              lastActorFor: lastActor.get(s.id) ?? {},
            },
          ]
        : [];
    });
  };
  const linkRows = (links: readonly StoredDownloadLink[]): LinkSource[] =>
    links
      .filter((l) => l.downloadCount < l.maxDownloads)
      .map((l) => ({
        linkId: l.id,
        orderId: l.orderId,
        productName: db.tables.products.get(l.productId)?.name ?? l.productId,
        customerName: db.tables.customers.get(l.customerId)?.companyName ?? l.customerId,
        issuedTo: l.issuedTo,
        expiresAt: l.expiresAt,
      }));
  return {
    async subscriptionsToCheck(now, page) {
      const keyed = [...db.tables.subscriptions.values()]
        .map((s) => ({ id: s.id, checkAt: checkAt(s.id) }))
        .filter((k): k is { id: string; checkAt: Dayjs } => k.checkAt !== null && !k.checkAt.isAfter(now))
        .filter((k) => page.after === null || compareKeys(k.checkAt, k.id, page.after) > 0)
        .sort((a, b) => compareKeys(a.checkAt, a.id, { at: b.checkAt, id: b.id }))
        .slice(0, page.limit);
      const last = keyed.at(-1);
      return {
        rows: sourcesOf(keyed.map((k) => k.id)),
        next: keyed.length === page.limit && last ? { at: last.checkAt, id: last.id } : null,
      };
    },
    async advanceReminderChecks(checks) {
      let advanced = 0;
      for (const c of checks) {
        if (db.tables.subscriptions.get(c.id)?.version !== c.version) continue;
        db.tables.reminderChecks.set(c.id, c.checkAt);
        advanced += 1;
      }
      return advanced;
    },
    async subscriptionSourcesById(ids) {
      return sourcesOf(ids);
    },
    async linkSources(now, page) {
      const t = db.tables;
      const links = [...t.downloadLinks.values()]
        .filter(
          (l) =>
            (page.after === null || compareKeys(l.expiresAt, l.id, page.after) > 0) &&
            l.revokedAt === null &&
            l.expiresAt.valueOf() > now.valueOf() &&
            l.expiresAt.valueOf() <= now.add(25, 'hour').valueOf(),
        )
        .sort((a, b) => compareKeys(a.expiresAt, a.id, { at: b.expiresAt, id: b.id }))
        .slice(0, page.limit);
      const last = links.at(-1);
      return {
        rows: linkRows(links),
        next: links.length === page.limit && last ? { at: last.expiresAt, id: last.id } : null,
      };
    },
    async linkSourcesById(ids) {
      return linkRows(
        ids.flatMap((id) => {
          const link = db.tables.downloadLinks.get(id);
          return link && link.revokedAt === null ? [link] : [];
        }),
      );
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

/** Reminders: what is due, who gets it, and delivery attempts (the ReminderRepository port). */
import type { LinkSource, ReminderRepository, SubscriptionSource } from '../domain/ports/reminders.js';
import { at } from '../domain/shared/time.js';
import { Prisma } from './generated/prisma/client.js';
import { toProduct, toReminder, toSubscription, type Db, type ReminderRow } from './mappers.js';

type DownloadLinkRow = Prisma.DownloadLinkGetPayload<object>;

/** A subscription row with the fields of its product, customer and order a reminder needs. */
type SourceRow = Prisma.SubscriptionGetPayload<object> & {
  readonly productName: string;
  readonly customerName: string;
  readonly placedBy: string;
  readonly lastSuspendedBy: string | null;
  readonly lastCancelledBy: string | null;
};
/**
 * Who last suspended it, or scheduled its cancellation: the newest allowed audit event of that action
 * with an actor, read in the page's own statement (one index probe of (subjectId, at) per row) rather than
 * in a second query per page.
 */
const lastActor = (action: 'subscription.suspend' | 'subscription.cancel') =>
  Prisma.sql`(SELECT a."actorAadObjectId" FROM audit_events a
    WHERE a."subjectId" = s.id AND a.action = ${action} AND a.outcome = 'allowed' AND a."actorAadObjectId" IS NOT NULL
    ORDER BY a.at DESC LIMIT 1)`;
const SOURCE_COLUMNS = Prisma.sql`s.id, s."customerId", s."productId", s."orderId", s.quantity, s."billingCycle",
  s.status, s."autoRenew", s."orderedAt", s."termStartAt", s."renewsAt", s."trialEndsAt", s."suspendedAt",
  s."dataDeletedAt", s."cancelledAt", s."cancelAt", s."licenceAdditions", s."baseSubscriptionId",
  s."termAnchorAt", s."scheduledProductId", s."scheduledBillingCycle", s.version, s."reminderCheckAt",
  p.name AS "productName", c."companyName" AS "customerName", o."placedByAadObjectId" AS "placedBy",
  ${lastActor('subscription.suspend')} AS "lastSuspendedBy", ${lastActor('subscription.cancel')} AS "lastCancelledBy"`;
const SOURCE_JOINS = Prisma.sql`JOIN products p ON p.id = s."productId"
  JOIN customers c ON c.id = s."customerId" JOIN orders o ON o.id = s."orderId"`;

export function makeReminderRepository(db: Db): ReminderRepository {
  /**
   * The subscriptions' sources, in the order the rows come. One plain statement reads a page (the rows
   * with their product's, customer's and order's few fields, and who last suspended or cancelled each);
   * each product is read and mapped once (a product row carries long lists, such as 109 unavailable markets).
   */
  const sourcesOf = async (rows: SourceRow[]): Promise<SubscriptionSource[]> => {
    if (rows.length === 0) return [];
    const products = new Map(
      (await db.product.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.productId))] } } })).map(
        (p) => [p.id, toProduct(p)],
      ),
    );
    return rows.flatMap((row) => {
      const product = products.get(row.productId);
      return product
        ? [
            {
              subscription: toSubscription(row),
              product,
              customerName: row.customerName,
              placedBy: row.placedBy,
              lastActorFor: {
                ...(row.lastSuspendedBy ? { 'subscription.suspend': row.lastSuspendedBy } : {}),
                ...(row.lastCancelledBy ? { 'subscription.cancel': row.lastCancelledBy } : {}),
              },
            },
          ]
        : [];
    });
  };
  /** The links' sources (those with downloads left), with their product's and customer's names. */
  const linkRows = async (links: DownloadLinkRow[]): Promise<LinkSource[]> => {
    if (links.length === 0) return [];
    const names = await db.product.findMany({
      where: { id: { in: [...new Set(links.map((l) => l.productId))] } },
      select: { id: true, name: true },
    });
    const customers = await db.customer.findMany({
      where: { id: { in: [...new Set(links.map((l) => l.customerId))] } },
      select: { id: true, companyName: true },
    });
    const productName = new Map(names.map((p) => [p.id, p.name]));
    const customerName = new Map(customers.map((c) => [c.id, c.companyName]));
    return links
      .filter((l) => l.downloadCount < l.maxDownloads)
      .map((l) => ({
        linkId: l.id,
        orderId: l.orderId,
        productName: productName.get(l.productId) ?? l.productId,
        customerName: customerName.get(l.customerId) ?? l.customerId,
        issuedTo: l.issuedTo,
        expiresAt: at(l.expiresAt),
      }));
  };
  return {
    async subscriptionsToCheck(now, page) {
      // The keyset (check time, id) as a row comparison, so the ("reminderCheckAt", id) index serves a
      // range scan from the cursor: the rows read are those whose time has come, whatever the table's size.
      const after = page.after;
      const rows = await db.$queryRaw<SourceRow[]>`
        SELECT ${SOURCE_COLUMNS}
        FROM subscriptions s ${SOURCE_JOINS}
        WHERE s."reminderCheckAt" <= ${now.toDate()}
          ${after === null ? Prisma.empty : Prisma.sql`AND (s."reminderCheckAt", s.id) > (${after.at.toDate()}::timestamptz, ${after.id})`}
        ORDER BY s."reminderCheckAt", s.id
        LIMIT ${page.limit}`;
      const last = rows.at(-1);
      return {
        rows: await sourcesOf(rows),
        next:
          rows.length === page.limit && last?.reminderCheckAt
            ? { at: at(last.reminderCheckAt), id: last.id }
            : null,
      };
    },
    async advanceReminderChecks(checks) {
      if (checks.length === 0) return 0;
      // One statement for the page, its rows in one JSON parameter (cheaper to bind than one array per
      // column), each row conditional on the version read: a row saved meanwhile (its version bumped, its
      // check time reset) stays queued for the next pass. The rows are locked in id order first: two
      // instances whose passes overlap would otherwise lock shared rows in different orders and deadlock.
      const rows = JSON.stringify(
        checks.map((c) => ({ id: c.id, version: c.version, at: c.checkAt?.toISOString() ?? null })),
      );
      return db.$executeRaw`
        WITH v AS (SELECT * FROM json_to_recordset(${rows}::json) AS v(id text, version int, at timestamptz)),
        locked AS (SELECT s.id FROM subscriptions s JOIN v ON s.id = v.id AND s.version = v.version
                   ORDER BY s.id FOR UPDATE OF s)
        UPDATE subscriptions AS s SET "reminderCheckAt" = v.at
        FROM v JOIN locked l ON l.id = v.id
        WHERE s.id = v.id AND s.version = v.version`;
    },
    async subscriptionSourcesById(ids) {
      if (ids.length === 0) return [];
      return sourcesOf(
        await db.$queryRaw<SourceRow[]>`
          SELECT ${SOURCE_COLUMNS} FROM subscriptions s ${SOURCE_JOINS} WHERE s.id = ANY(${[...ids]})`,
      );
    },
    async linkSources(now, page) {
      // Keyset by (expiry, id) within the window: the expiresAt index serves a range scan of the links
      // expiring soon.
      const after = page.after;
      const links = await db.downloadLink.findMany({
        where: {
          revokedAt: null,
          expiresAt: { gt: now.toDate(), lte: now.add(25, 'hour').toDate() },
          ...(after === null
            ? {}
            : {
                OR: [
                  { expiresAt: { gt: after.at.toDate() } },
                  { expiresAt: after.at.toDate(), id: { gt: after.id } },
                ],
              }),
        },
        orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
        take: page.limit,
      });
      const last = links.at(-1);
      return {
        rows: await linkRows(links),
        next: links.length === page.limit && last ? { at: at(last.expiresAt), id: last.id } : null,
      };
    },
    async linkSourcesById(ids) {
      if (ids.length === 0) return [];
      const links = await db.downloadLink.findMany({ where: { id: { in: [...ids] }, revokedAt: null } });
      return linkRows(links);
    },
    async create(reminders) {
      if (reminders.length === 0) return 0;
      // One statement, its rows in one JSON parameter: not one parameter per value (building a many-row
      // createMany cost about as much as the rest of a reminder pass), nor one array per column (each
      // array is bound element by element).
      const rows = JSON.stringify(
        reminders.map((r) => ({
          id: r.id,
          kind: r.kind,
          subjectId: r.subjectId,
          recipientAadObjectId: r.recipientAadObjectId,
          eventAt: r.eventAt.toISOString(),
          uniqueKey: r.uniqueKey,
          payload: r.payload,
          createdAt: r.createdAt.toISOString(),
          nextAttemptAt: r.nextAttemptAt.toISOString(),
        })),
      );
      return db.$executeRaw`
        INSERT INTO reminders (id, kind, "subjectId", "recipientAadObjectId", "eventAt", "uniqueKey", payload,
                               "createdAt", "nextAttemptAt")
        SELECT id, kind, "subjectId", "recipientAadObjectId", "eventAt", "uniqueKey", payload, "createdAt",
               "nextAttemptAt"
        FROM json_to_recordset(${rows}::json) AS r(id text, kind text, "subjectId" text,
          "recipientAadObjectId" text, "eventAt" timestamptz, "uniqueKey" text, payload jsonb,
          "createdAt" timestamptz, "nextAttemptAt" timestamptz)
        -- In key order: two instances creating the same reminders wait on each other's keys in one order.
        ORDER BY "uniqueKey"
        ON CONFLICT DO NOTHING`;
    },
    async claimDue(now, instanceId, leaseUntil, limit) {
      // SKIP LOCKED: two instances claiming at once take different rows; the lease lets another instance
      // take over rows whose claimer died.
      const rows = await db.$queryRaw<ReminderRow[]>`
        UPDATE reminders SET "claimedBy" = ${instanceId}, "claimedUntil" = ${leaseUntil.toDate()}
        WHERE id IN (
          SELECT id FROM reminders
          WHERE "sentAt" IS NULL AND "skippedAt" IS NULL AND "nextAttemptAt" <= ${now.toDate()}
            AND ("claimedUntil" IS NULL OR "claimedUntil" <= ${now.toDate()})
          ORDER BY "nextAttemptAt", id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING *`;
      return rows.map(toReminder);
    },
    async extendClaim(ids, instanceId, now, leaseUntil) {
      if (ids.length === 0) return [];
      const rows = await db.$queryRaw<Array<{ id: string }>>`
        UPDATE reminders SET "claimedUntil" = ${leaseUntil.toDate()}
        WHERE id = ANY(${[...ids]}) AND "claimedBy" = ${instanceId} AND "claimedUntil" > ${now.toDate()} AND "sentAt" IS NULL
        RETURNING id`;
      return rows.map((r) => r.id);
    },
    async markSent(id, instanceId, now) {
      await db.reminder.updateMany({
        where: { id, claimedBy: instanceId, sentAt: null },
        data: { sentAt: now.toDate(), claimedUntil: null, lastError: null },
      });
    },
    async markSkipped(id, instanceId, now) {
      await db.reminder.updateMany({
        where: { id, claimedBy: instanceId, sentAt: null },
        data: { skippedAt: now.toDate(), claimedUntil: null },
      });
    },
    async reschedule(id, instanceId, nextAttemptAt, error, countAttempt) {
      await db.reminder.updateMany({
        where: { id, claimedBy: instanceId, sentAt: null },
        data: {
          nextAttemptAt: nextAttemptAt.toDate(),
          claimedUntil: null,
          ...(error !== null ? { lastError: error } : {}),
          ...(countAttempt ? { attempts: { increment: 1 } } : {}),
        },
      });
    },
  };
}

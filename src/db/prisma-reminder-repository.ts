/** Reminders: what is due, who gets it, and delivery attempts (the ReminderRepository port). */
import type { ReminderRepository } from '../domain/ports/reminders.js';
import { sourceWindows } from '../domain/reminders/reminder-schedule.js';
import { at } from '../domain/shared/time.js';
import type { Prisma } from './generated/prisma/client.js';
import { toProduct, toReminder, toSubscription, type Db, type ReminderRow } from './mappers.js';

export function makeReminderRepository(db: Db): ReminderRepository {
  return {
    async subscriptionSources(now, page) {
      const rows = await db.subscription.findMany({
        relationLoadStrategy: 'join',
        where: {
          ...(page.after === null ? {} : { id: { gt: page.after } }),
          status: { in: ['active', 'suspended'] },
          // Only rows whose reminder can be due now (its event ahead, within the reminder's lead): the
          // pass reads what is due, not every subscription with a window somewhere ahead.
          OR: [
            ...sourceWindows(now).map(
              ({ column, after, upTo, newCommerce }): Prisma.SubscriptionWhereInput => ({
                [column]: { gt: after.toDate(), lte: upTo.toDate() },
                ...(newCommerce ? { product: { commercePolicy: 'new-commerce' } } : {}),
              }),
            ),
            // New-commerce windows reopen at each renewal; a renewal passed is derived on read (not
            // stored), so those rows are read too.
            { autoRenew: true, renewsAt: { lte: now.toDate() }, product: { commercePolicy: 'new-commerce' } },
          ],
        },
        include: {
          product: true,
          customer: { select: { companyName: true } },
          order: { select: { placedByAadObjectId: true } },
        },
        orderBy: { id: 'asc' },
        take: page.limit,
      });
      const ids = rows.map((s) => s.id);
      const actors = ids.length
        ? await db.auditEvent.findMany({
            where: {
              subjectId: { in: ids },
              outcome: 'allowed',
              action: { in: ['subscription.suspend', 'subscription.cancel'] },
            },
            orderBy: { at: 'asc' },
            select: { subjectId: true, action: true, actorAadObjectId: true },
          })
        : [];
      const lastActor = new Map<
        string,
        Partial<Record<'subscription.suspend' | 'subscription.cancel', string>>
      >();
      for (const a of actors) {
        if (!a.subjectId || !a.actorAadObjectId) continue;
        lastActor.set(a.subjectId, { ...lastActor.get(a.subjectId), [a.action]: a.actorAadObjectId });
      }
      return {
        rows: rows.map((row) => ({
          subscription: toSubscription(row),
          product: toProduct(row.product),
          customerName: row.customer.companyName,
          placedBy: row.order.placedByAadObjectId,
          lastActorFor: lastActor.get(row.id) ?? {},
        })),
        next: rows.length === page.limit ? (rows.at(-1)?.id ?? null) : null,
      };
    },
    async linkSources(now, page) {
      const links = await db.downloadLink.findMany({
        where: {
          ...(page.after === null ? {} : { id: { gt: page.after } }),
          revokedAt: null,
          expiresAt: { gt: now.toDate(), lte: now.add(25, 'hour').toDate() },
        },
        orderBy: { id: 'asc' },
        take: page.limit,
      });
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
      return {
        rows: links
          .filter((l) => l.downloadCount < l.maxDownloads)
          .map((l) => ({
            linkId: l.id,
            orderId: l.orderId,
            productName: productName.get(l.productId) ?? l.productId,
            customerName: customerName.get(l.customerId) ?? l.customerId,
            issuedTo: l.issuedTo,
            expiresAt: at(l.expiresAt),
          })),
        next: links.length === page.limit ? (links.at(-1)?.id ?? null) : null,
      };
    },
    async create(reminders) {
      if (reminders.length === 0) return 0;
      const created = await db.reminder.createMany({
        data: reminders.map((r) => ({
          id: r.id,
          kind: r.kind,
          subjectId: r.subjectId,
          recipientAadObjectId: r.recipientAadObjectId,
          eventAt: r.eventAt.toDate(),
          uniqueKey: r.uniqueKey,
          payload: r.payload,
          createdAt: r.createdAt.toDate(),
          nextAttemptAt: r.nextAttemptAt.toDate(),
        })),
        skipDuplicates: true,
      });
      return created.count;
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

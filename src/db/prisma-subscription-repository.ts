/** Subscriptions, saved with optimistic versions (the SubscriptionRepository port). */
import { z } from 'zod';
import {
  selectionsOf,
  type SubscriptionRepository,
  type SubscriptionSelection,
} from '../domain/ports/subscriptions.js';
import type { Prisma } from './generated/prisma/client.js';
import { at } from '../domain/shared/time.js';
import { SUBSCRIPTION_INCLUDE, toSubscription, type Db } from './mappers.js';

/** The check time that makes the next reminder pass look at a subscription (the column's default too). */
export const REMINDER_CHECK_NOW = new Date(0);

/** The column keeps its first spelling (`licenceAdditions`): renaming it would need a migration. */
const LicenseAdditionsSchema = z.array(z.object({ at: z.string(), count: z.number().int() }));

const toWhere = (one: SubscriptionSelection): Prisma.SubscriptionWhereInput => ({
  ...(one.ids ? { id: { in: [...one.ids] } } : {}),
  ...(one.productIds ? { productId: { in: [...one.productIds] } } : {}),
  ...(one.statuses ? { status: { in: [...one.statuses] } } : {}),
  ...(one.orderId !== undefined ? { orderId: one.orderId } : {}),
  ...(one.baseSubscriptionId !== undefined ? { baseSubscriptionId: one.baseSubscriptionId } : {}),
});

export function makeSubscriptionRepository(db: Db): SubscriptionRepository {
  return {
    async listByCustomer(customerId, select, window) {
      const any = selectionsOf(select);
      if (select !== undefined && any.length === 0) return [];
      const rows = await db.subscription.findMany({
        relationLoadStrategy: 'join',
        where: { customerId, ...(any.length > 0 ? { OR: any.map(toWhere) } : {}) },
        include: SUBSCRIPTION_INCLUDE,
        orderBy: [{ orderedAt: 'desc' }, { id: 'asc' }],
        ...(window ? { skip: window.offset, take: window.limit } : {}),
      });
      return rows.map(toSubscription);
    },
    async findById(id) {
      const row = await db.subscription.findUnique({
        relationLoadStrategy: 'join',
        where: { id },
        include: SUBSCRIPTION_INCLUDE,
      });
      return row ? toSubscription(row) : null;
    },
    async save(next, expectedVersion, changes) {
      const saved = await db.subscription.updateMany({
        where: { id: next.id, version: expectedVersion },
        data: {
          // Upgrades and cycle or term changes (R-UPG-3, R-TRM-1, R-TRM-2) change these.
          productId: next.productId,
          billingCycle: next.billingCycle,
          termAnchorAt: next.termAnchorAt?.toDate() ?? null,
          scheduledProductId: next.scheduledChange?.productId ?? null,
          scheduledBillingCycle: next.scheduledChange?.billingCycle ?? null,
          quantity: next.quantity,
          status: next.status,
          autoRenew: next.autoRenew,
          termStartAt: next.termStartAt.toDate(),
          renewsAt: next.renewsAt.toDate(),
          trialEndsAt: next.trialEndsAt?.toDate() ?? null,
          suspendedAt: next.suspendedAt?.toDate() ?? null,
          dataDeletedAt: next.dataDeletedAt?.toDate() ?? null,
          cancelledAt: next.cancelledAt?.toDate() ?? null,
          cancelAt: next.cancelAt?.toDate() ?? null,
          ...(changes.licenseAdditions !== undefined
            ? {
                licenceAdditions: changes.licenseAdditions.map((a) => ({
                  at: a.at.toISOString(),
                  count: a.count,
                })),
              }
            : {}),
          version: { increment: 1 },
          // Any change re-queues it for the reminder pass (the epoch: "look at the next pass").
          reminderCheckAt: REMINDER_CHECK_NOW,
        },
      });
      return saved.count === 1 ? 'saved' : 'conflict';
    },
    async licenseAdditions(id) {
      const row = await db.subscription.findUnique({ where: { id }, select: { licenceAdditions: true } });
      const parsed = LicenseAdditionsSchema.safeParse(row?.licenceAdditions ?? []);
      return parsed.success ? parsed.data.map((a) => ({ at: at(a.at), count: a.count })) : [];
    },
  };
}

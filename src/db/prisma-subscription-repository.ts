/** Subscriptions, saved with optimistic versions (the SubscriptionRepository port). */
import { z } from 'zod';
import {
  selectionsOf,
  type SubscriptionRepository,
  type SubscriptionSelection,
} from '../domain/ports/subscriptions.js';
import { at } from '../domain/shared/time.js';
import { dateOrNull, licenceAdditionsJson, toSubscription, type Db } from './mappers.js';
import { PREPARED, prismaSql, type Sql } from './sql.js';

/** The check time that makes the next reminder pass look at a subscription (the column's default too). */
export const REMINDER_CHECK_NOW = new Date(0);

/** The column keeps its first spelling (`licenceAdditions`): renaming it would need a migration. */
const LicenseAdditionsSchema = z.array(z.object({ at: z.string(), count: z.number().int() }));

/** Every column toSubscription reads, with the product's name (sql.ts). */
const COLUMNS = `s."id", s."customerId", s."productId", s."orderId", s."quantity", s."billingCycle", s."status",
  s."autoRenew", s."orderedAt", s."termStartAt", s."renewsAt", s."trialEndsAt", s."suspendedAt", s."dataDeletedAt",
  s."cancelledAt", s."cancelAt", s."baseSubscriptionId", s."termAnchorAt", s."scheduledProductId",
  s."scheduledBillingCycle", s."version", p."name" AS "productName"`;

/** One alternative of a selection as SQL (every condition given must hold), its values appended to `values`. */
function conditionOf(one: SubscriptionSelection, values: unknown[]): string {
  const value = (v: unknown) => `$${values.push(v)}`;
  const all = [
    ...(one.ids ? [`s."id" = ANY(${value([...one.ids])}::text[])`] : []),
    ...(one.productIds ? [`s."productId" = ANY(${value([...one.productIds])}::text[])`] : []),
    ...(one.statuses ? [`s."status" = ANY(${value([...one.statuses])}::text[])`] : []),
    ...(one.orderId !== undefined ? [`s."orderId" = ${value(one.orderId)}`] : []),
    ...(one.baseSubscriptionId !== undefined
      ? [`s."baseSubscriptionId" = ${value(one.baseSubscriptionId)}`]
      : []),
  ];
  return all.length > 0 ? `(${all.join(' AND ')})` : 'TRUE';
}

export function makeSubscriptionRepository(db: Db, sql: Sql = prismaSql(db)): SubscriptionRepository {
  // Lists, previews and confirmations read and save subscriptions: plain SQL (sql.ts).
  return {
    async listByCustomer(customerId, select, window) {
      const any = selectionsOf(select);
      if (select !== undefined && any.length === 0) return [];
      const values: unknown[] = [customerId];
      const picked =
        any.length > 0 ? ` AND (${any.map((one) => conditionOf(one, values)).join(' OR ')})` : '';
      const paged = window
        ? ` OFFSET $${values.push(window.offset)}::int LIMIT $${values.push(window.limit)}::int`
        : '';
      const rows = await sql.query<Parameters<typeof toSubscription>[0]>(
        `SELECT ${COLUMNS} FROM subscriptions s JOIN products p ON p."id" = s."productId"
         WHERE s."customerId" = $1${picked}
         ORDER BY s."orderedAt" DESC, s."id"${paged}`,
        values,
        PREPARED,
      );
      return rows.map(toSubscription);
    },
    async findById(id) {
      const rows = await sql.query<Parameters<typeof toSubscription>[0]>(
        `SELECT ${COLUMNS} FROM subscriptions s JOIN products p ON p."id" = s."productId" WHERE s."id" = $1`,
        [id],
        PREPARED,
      );
      return rows[0] ? toSubscription(rows[0]) : null;
    },
    async save(next, expectedVersion, changes) {
      const additions =
        changes.licenseAdditions !== undefined ? licenceAdditionsJson(changes.licenseAdditions) : null;
      const saved = await sql.query(
        `UPDATE subscriptions SET
           -- Upgrades and cycle or term changes (R-UPG-3, R-TRM-1, R-TRM-2) change these.
           "productId" = $3, "billingCycle" = $4, "termAnchorAt" = $5::timestamptz,
           "scheduledProductId" = $6, "scheduledBillingCycle" = $7,
           "quantity" = $8::int, "status" = $9, "autoRenew" = $10::boolean,
           "termStartAt" = $11::timestamptz, "renewsAt" = $12::timestamptz, "trialEndsAt" = $13::timestamptz,
           "suspendedAt" = $14::timestamptz, "dataDeletedAt" = $15::timestamptz,
           "cancelledAt" = $16::timestamptz, "cancelAt" = $17::timestamptz,
           "licenceAdditions" = COALESCE($18::jsonb, "licenceAdditions"),
           "version" = "version" + 1,
           -- Any change re-queues it for the reminder pass (the epoch: "look at the next pass").
           "reminderCheckAt" = $19::timestamptz
         WHERE "id" = $1 AND "version" = $2::int
         RETURNING "id"`,
        [
          next.id,
          expectedVersion,
          next.productId,
          next.billingCycle,
          dateOrNull(next.termAnchorAt),
          next.scheduledChange?.productId ?? null,
          next.scheduledChange?.billingCycle ?? null,
          next.quantity,
          next.status,
          next.autoRenew,
          next.termStartAt.toDate(),
          next.renewsAt.toDate(),
          dateOrNull(next.trialEndsAt),
          dateOrNull(next.suspendedAt),
          dateOrNull(next.dataDeletedAt),
          dateOrNull(next.cancelledAt),
          dateOrNull(next.cancelAt),
          additions,
          REMINDER_CHECK_NOW,
        ],
        PREPARED,
      );
      return saved.length === 1 ? 'saved' : 'conflict';
    },
    async licenseAdditions(id) {
      const row = await db.subscription.findUnique({ where: { id }, select: { licenceAdditions: true } });
      const parsed = LicenseAdditionsSchema.safeParse(row?.licenceAdditions ?? []);
      return parsed.success ? parsed.data.map((a) => ({ at: at(a.at), count: a.count })) : [];
    },
  };
}

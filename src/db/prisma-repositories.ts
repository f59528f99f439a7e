/**
 * The domain's ports, implemented with Prisma. The only code that touches the Prisma client, with
 * src/db/seed.ts. Every method works the same on a PrismaClient and inside a transaction.
 */
import type { AuditEntry } from '../domain/shared/audit.js';
import { CustomerRelationshipSchema } from '../domain/shared/model.js';
import type {
  BillingCycle,
  CancelRestriction,
  CommercePolicy,
  Customer,
  Order,
  OrderStatus,
  Product,
  ProductKind,
  Segment,
  Staff,
  Subscription,
  SubscriptionStatus,
} from '../domain/shared/model.js';
import type { PendingAction, PendingStatus } from '../domain/confirmations/pending-action.js';
import type { Repositories, UnitOfWork } from '../domain/ports/unit-of-work.js';
import { RoleSchema, type Role } from '../domain/shared/roles.js';
import { at, type Dayjs } from '../domain/shared/time.js';
import type { Prisma } from './generated/prisma/client.js';
import { type PrismaClient } from './generated/prisma/client.js';
import { z } from 'zod';
import { makeSoftwareRepository } from './prisma-software-repository.js';
import { makeReminderRepository, makeRelationshipRepository } from './prisma-reminder-repository.js';

export type Db = PrismaClient | Prisma.TransactionClient;

/** The column keeps its first spelling (`licenceAdditions`): renaming it would need a migration. */
const LicenseAdditionsSchema = z.array(z.object({ at: z.string(), count: z.number().int() }));

const GLOBAL_ADMIN_LOCK_ID = 72707370;

const toRoles = (rows: ReadonlyArray<{ role: string }>): Role[] =>
  rows.map((r) => RoleSchema.safeParse(r.role)).flatMap((r) => (r.success ? [r.data] : []));

type StaffRow = Prisma.StaffGetPayload<{ include: { roles: true } }>;
const toStaff = (row: StaffRow): Staff => ({
  aadObjectId: row.aadObjectId,
  displayName: row.displayName,
  roles: toRoles(row.roles),
  locale: row.locale,
  timeZone: row.timeZone,
  personalConversationId: conversationIdOf(row.conversationReference),
});

/** The key of a stored one-to-one chat: conversation id and service address, as find() builds it in SQL. */
const conversationIdOf = (reference: unknown): string | null => {
  const r = reference as { conversation?: { id?: unknown }; serviceUrl?: unknown } | null;
  return typeof r?.conversation?.id === 'string'
    ? `${r.conversation.id}|${String(r.serviceUrl ?? '')}`
    : null;
};

type CustomerRow = Prisma.CustomerGetPayload<object>;
export const toCustomer = (row: CustomerRow): Customer => ({
  id: row.id,
  companyName: row.companyName,
  primaryDomain: row.primaryDomain,
  tenantId: row.tenantId,
  billingCountry: row.billingCountry,
  segment: row.segment as Segment,
  tenantRegion: row.tenantRegion,
  preferredLanguage: row.preferredLanguage,
  accountCreatedAt: at(row.accountCreatedAt),
  firstBillingPeriodStartAt: at(row.firstBillingPeriodStartAt),
  relationship: CustomerRelationshipSchema.catch('active').parse(row.relationship),
});

type ProductRow = Prisma.ProductGetPayload<object>;
export const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  name: row.name,
  kind: row.kind as ProductKind,
  publisher: row.publisher,
  billingType: row.billingType as Product['billingType'],
  category: row.category as Product['category'],
  billingCycles: row.billingCycles as BillingCycle[],
  segments: row.segments as Segment[],
  unitPrice: row.unitPrice.toNumber(),
  currency: row.currency,
  onePerCustomer: row.onePerCustomer,
  trialDays: row.trialDays,
  maxQuantity: row.maxQuantity,
  isvSupportedCountries: row.isvSupportedCountries,
  isvCspOptOut: row.isvCspOptOut,
  privateOfferPartnerIds: row.privateOfferPartnerIds,
  unavailableCountries: row.unavailableCountries,
  commercePolicy: row.commercePolicy as CommercePolicy,
  cancelRestriction: row.cancelRestriction as CancelRestriction,
  isvSetupUrl: row.isvSetupUrl,
});

const orNull = (value: Date | null): Dayjs | null => (value ? at(value) : null);

type SubscriptionRow = Prisma.SubscriptionGetPayload<{ include: { product: { select: { name: true } } } }>;
export const toSubscription = (row: SubscriptionRow): Subscription => ({
  id: row.id,
  customerId: row.customerId,
  productId: row.productId,
  productName: row.product.name,
  orderId: row.orderId,
  quantity: row.quantity,
  billingCycle: row.billingCycle as BillingCycle,
  status: row.status as SubscriptionStatus,
  autoRenew: row.autoRenew,
  orderedAt: at(row.orderedAt),
  termStartAt: at(row.termStartAt),
  renewsAt: at(row.renewsAt),
  trialEndsAt: orNull(row.trialEndsAt),
  suspendedAt: orNull(row.suspendedAt),
  dataDeletedAt: orNull(row.dataDeletedAt),
  cancelledAt: orNull(row.cancelledAt),
  cancelAt: orNull(row.cancelAt),
  version: row.version,
});

type OrderRow = Prisma.OrderGetPayload<{
  include: { lines: { include: { product: { select: { name: true } } } } };
}>;
export const toOrder = (row: OrderRow): Order => ({
  id: row.id,
  customerId: row.customerId,
  placedByAadObjectId: row.placedByAadObjectId,
  placedAt: at(row.placedAt),
  status: row.status as OrderStatus,
  total: row.total.toNumber(),
  currency: row.currency,
  lines: row.lines.map((line) => ({
    productId: line.productId,
    productName: line.product.name,
    quantity: line.quantity,
    billingCycle: line.billingCycle as BillingCycle,
    unitPrice: line.unitPrice.toNumber(),
    currency: row.currency,
  })),
});

type PendingRow = Prisma.PendingActionGetPayload<object>;
const toPending = (row: PendingRow): PendingAction => ({
  id: row.id,
  action: row.action,
  initiatorAadObjectId: row.initiatorAadObjectId,
  payload: row.payload,
  status: row.status as PendingStatus,
  createdAt: at(row.createdAt),
  expiresAt: at(row.expiresAt),
  completedAt: orNull(row.completedAt),
  result: row.result,
});

const json = (value: unknown): Prisma.InputJsonValue =>
  JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;

const ORDER_INCLUDE = {
  lines: { include: { product: { select: { name: true } } }, orderBy: { id: 'asc' } },
} as const;
const SUBSCRIPTION_INCLUDE = { product: { select: { name: true } } } as const;

export function makeRepositories(db: Db): Repositories {
  return {
    staff: {
      async find(aadObjectId) {
        // One statement (this runs on every turn): the person and their roles.
        const rows = await db.$queryRaw<
          Array<{
            aadObjectId: string;
            displayName: string;
            locale: string | null;
            timeZone: string | null;
            conversationId: string | null;
            roles: string[] | null;
          }>
        >`SELECT s."aadObjectId", s."displayName", s."locale", s."timeZone",
                 (s."conversationReference"->'conversation'->>'id') || '|' || (s."conversationReference"->>'serviceUrl') AS "conversationId",
                 array_remove(array_agg(r."role" ORDER BY r."role"), NULL) AS roles
          FROM staff s LEFT JOIN staff_roles r ON r."aadObjectId" = s."aadObjectId"
          WHERE s."aadObjectId" = ${aadObjectId}
          GROUP BY s."aadObjectId"`;
        const row = rows[0];
        if (!row) return null;
        return {
          aadObjectId: row.aadObjectId,
          displayName: row.displayName,
          roles: toRoles((row.roles ?? []).map((role) => ({ role }))),
          locale: row.locale,
          timeZone: row.timeZone,
          personalConversationId: row.conversationId,
        };
      },
      async rolesOf(aadObjectId) {
        return toRoles(await db.staffRole.findMany({ where: { aadObjectId }, orderBy: { role: 'asc' } }));
      },
      async list() {
        const rows = await db.staff.findMany({ include: { roles: true }, orderBy: { displayName: 'asc' } });
        return rows.map(toStaff);
      },
      async search(query) {
        const rows = await db.staff.findMany({
          where: {
            OR: [
              { displayName: { contains: query, mode: 'insensitive' } },
              { email: { equals: query, mode: 'insensitive' } },
            ],
          },
          include: { roles: true },
          orderBy: { displayName: 'asc' },
          take: 25,
        });
        return rows.map(toStaff);
      },
      async grant(aadObjectId, role, options) {
        await db.staff.upsert({
          where: { aadObjectId },
          create: { aadObjectId, displayName: options.displayName ?? aadObjectId },
          update:
            options.displayName && options.displayName !== aadObjectId
              ? { displayName: options.displayName }
              : {},
        });
        const created = await db.staffRole.createMany({
          data: [{ aadObjectId, role, grantedBy: options.grantedBy ?? null }],
          skipDuplicates: true,
        });
        return created.count === 1;
      },
      async revoke(aadObjectId, role) {
        if (role === 'global-admin') {
          // Serializes revocations of global-admin so two admins cannot remove each other at once.
          await db.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${GLOBAL_ADMIN_LOCK_ID})`);
          const admins = await db.staffRole.count({ where: { role: 'global-admin' } });
          const holds = await db.staffRole.count({ where: { aadObjectId, role } });
          if (holds === 1 && admins <= 1) return 'last-global-admin';
        }
        const deleted = await db.staffRole.deleteMany({ where: { aadObjectId, role } });
        return deleted.count === 1;
      },
      async reminderPreferences(aadObjectId) {
        const row = await db.staff.findUnique({
          where: { aadObjectId },
          select: { remindersEnabled: true, remindersDigest: true, locale: true, timeZone: true },
        });
        return row
          ? {
              enabled: row.remindersEnabled,
              digest: row.remindersDigest,
              locale: row.locale,
              timeZone: row.timeZone,
            }
          : null;
      },
      async setReminderPreferences(aadObjectId, changes) {
        await db.staff.updateMany({
          where: { aadObjectId },
          data: {
            ...(changes.enabled !== undefined ? { remindersEnabled: changes.enabled } : {}),
            ...(changes.digest !== undefined ? { remindersDigest: changes.digest } : {}),
          },
        });
      },
      async conversationReference(aadObjectId) {
        const row = await db.staff.findUnique({
          where: { aadObjectId },
          select: { conversationReference: true },
        });
        return row?.conversationReference ?? null;
      },
      async remember(profile) {
        const data = {
          displayName: profile.displayName,
          ...(profile.locale !== undefined ? { locale: profile.locale } : {}),
          ...(profile.timeZone !== undefined ? { timeZone: profile.timeZone } : {}),
          ...(profile.conversationReference !== undefined
            ? { conversationReference: json(profile.conversationReference) }
            : {}),
        };
        await db.staff.upsert({
          where: { aadObjectId: profile.aadObjectId },
          create: { aadObjectId: profile.aadObjectId, ...data },
          update: data,
        });
      },
    },
    customers: {
      async findById(id) {
        const row = await db.customer.findUnique({ where: { id } });
        return row ? toCustomer(row) : null;
      },
      async findByDomain(domain) {
        const row = await db.customer.findFirst({
          where: { primaryDomain: { equals: domain, mode: 'insensitive' } },
        });
        return row ? toCustomer(row) : null;
      },
      async findByTenantId(tenantId) {
        const row = await db.customer.findUnique({ where: { tenantId } });
        return row ? toCustomer(row) : null;
      },
      async listNames() {
        return (await db.customer.findMany({ orderBy: { companyName: 'asc' } })).map(toCustomer);
      },
      async findManyByIds(ids) {
        const rows = await db.customer.findMany({ where: { id: { in: [...ids] } } });
        return rows.map(toCustomer);
      },
      async lockForUpdate(id) {
        await db.$queryRaw`SELECT id FROM customers WHERE id = ${id} FOR UPDATE`;
      },
    },
    products: {
      async findById(id) {
        const row = await db.product.findUnique({ where: { id } });
        return row ? toProduct(row) : null;
      },
      async list() {
        return (await db.product.findMany({ orderBy: { name: 'asc' } })).map(toProduct);
      },
    },
    subscriptions: {
      async listByCustomer(customerId, productIds) {
        const rows = await db.subscription.findMany({
          relationLoadStrategy: 'join',
          where: { customerId, ...(productIds ? { productId: { in: [...productIds] } } : {}) },
          include: SUBSCRIPTION_INCLUDE,
          orderBy: [{ orderedAt: 'desc' }, { id: 'asc' }],
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
          },
        });
        return saved.count === 1;
      },
      async licenseAdditions(id) {
        const row = await db.subscription.findUnique({ where: { id }, select: { licenceAdditions: true } });
        const parsed = LicenseAdditionsSchema.safeParse(row?.licenceAdditions ?? []);
        return parsed.success ? parsed.data.map((a) => ({ at: at(a.at), count: a.count })) : [];
      },
    },
    orders: {
      async listByCustomer(customerId) {
        const rows = await db.order.findMany({
          relationLoadStrategy: 'join',
          where: { customerId },
          include: ORDER_INCLUDE,
          orderBy: [{ placedAt: 'desc' }, { id: 'asc' }],
          take: 100,
        });
        return rows.map(toOrder);
      },
      async findById(id) {
        const row = await db.order.findUnique({
          relationLoadStrategy: 'join',
          where: { id },
          include: ORDER_INCLUDE,
        });
        return row ? toOrder(row) : null;
      },
      async create(order) {
        await db.order.create({
          data: {
            id: order.id,
            customerId: order.customerId,
            placedByAadObjectId: order.placedByAadObjectId,
            placedAt: order.placedAt.toDate(),
            total: order.total,
            currency: order.currency,
            pendingActionId: order.pendingActionId,
            lines: {
              create: order.lines.map((line) => ({
                id: line.id,
                productId: line.productId,
                quantity: line.quantity,
                billingCycle: line.billingCycle,
                unitPrice: line.unitPrice,
              })),
            },
          },
        });
        if (order.subscriptions.length > 0) {
          await db.subscription.createMany({
            data: order.subscriptions.map((sub) => ({
              id: sub.id,
              customerId: sub.customerId,
              productId: sub.productId,
              orderId: sub.orderId,
              quantity: sub.quantity,
              billingCycle: sub.billingCycle,
              status: sub.status,
              autoRenew: sub.autoRenew,
              orderedAt: sub.orderedAt.toDate(),
              termStartAt: sub.termStartAt.toDate(),
              renewsAt: sub.renewsAt.toDate(),
              trialEndsAt: sub.trialEndsAt?.toDate() ?? null,
              licenceAdditions: [{ at: sub.orderedAt.toISOString(), count: sub.quantity }],
            })),
          });
        }
      },
    },
    pending: {
      async create(pending) {
        const row = await db.pendingAction.create({
          data: {
            id: pending.id,
            action: pending.action,
            initiatorAadObjectId: pending.initiatorAadObjectId,
            payload: json(pending.payload),
            createdAt: pending.createdAt.toDate(),
            expiresAt: pending.expiresAt.toDate(),
          },
        });
        return toPending(row) as PendingAction<never>;
      },
      async find(id) {
        const row = await db.pendingAction.findUnique({ where: { id } });
        return row ? toPending(row) : null;
      },
      async claim(id, now) {
        const claimed = await db.pendingAction.updateMany({
          where: { id, status: 'pending', expiresAt: { gt: now.toDate() } },
          data: { status: 'done', completedAt: now.toDate() },
        });
        return claimed.count === 1;
      },
      async recordResult(id, result) {
        await db.pendingAction.update({ where: { id }, data: { result: json(result) } });
      },
      async updatePayload(id, payload, now) {
        const updated = await db.pendingAction.updateMany({
          where: { id, status: 'pending', expiresAt: { gt: now.toDate() } },
          data: { payload: json(payload) },
        });
        return updated.count === 1;
      },
      async purgeExpired(before) {
        return (await db.pendingAction.deleteMany({ where: { expiresAt: { lt: before.toDate() } } })).count;
      },
      async discard(id, now) {
        const discarded = await db.pendingAction.updateMany({
          where: { id, status: 'pending' },
          data: { status: 'discarded', completedAt: now.toDate() },
        });
        return discarded.count === 1;
      },
    },
    audit: {
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
    },
    software: makeSoftwareRepository(db),
    relationships: makeRelationshipRepository(db),
    reminders: makeReminderRepository(db),
    supportRequests: {
      async create(request) {
        await db.supportRequest.create({
          data: {
            ...request,
            amount: request.amount,
            createdAt: request.createdAt.toDate(),
          },
        });
      },
      async list(limit) {
        const rows = await db.supportRequest.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
        const customers = new Map(
          (
            await db.customer.findMany({
              where: { id: { in: rows.map((r) => r.customerId) } },
              select: { id: true, companyName: true },
            })
          ).map((c) => [c.id, c.companyName]),
        );
        return rows.map((row) => ({
          ...row,
          amount: row.amount?.toNumber() ?? null,
          createdAt: at(row.createdAt),
          customerName: customers.get(row.customerId) ?? row.customerId,
        }));
      },
    },
  };
}

export function makeUnitOfWork(prisma: PrismaClient): UnitOfWork {
  return {
    run: (work) =>
      prisma.$transaction((tx) => work(makeRepositories(tx)), { maxWait: 10_000, timeout: 20_000 }),
  };
}

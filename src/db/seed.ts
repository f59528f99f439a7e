/**
 * Writes the catalog (always) and the demo data (customers, staff, orders, subscriptions; when asked).
 * Safe to run on every start and on a database users have been working in:
 * - products are upserted from the seed, so catalog changes reach existing databases;
 * - every demo row is inserted only when its id is missing, and never updated, so whatever users did to
 *   demo rows (a suspension, a revoked role, a changed license count) stays as they left it. Roles and
 *   order lines are written only together with a newly inserted staff member or order, so a role a
 *   global admin revoked is not granted again.
 */
import { Prisma, type PrismaClient } from './generated/prisma/client.js';
import { PRODUCTS, type SeedProduct } from '../../prisma/seed/catalog.js';
import { CUSTOMERS } from '../../prisma/seed/customers.js';
import { DEMO_STAFF, DEMO_TENANT_ID } from '../../prisma/seed/staff.js';
import { demoOrders } from '../../prisma/seed/subscriptions.js';
import { SoftwareOptionsSchema } from '../domain/software/software-options.js';

export interface SeedOptions {
  /** The instant demo orders and subscriptions are placed relative to. */
  readonly now: Date;
  /** Write demo customers, staff, orders and subscriptions too (default false: catalog only). */
  readonly includeDemo?: boolean;
}

/** Rows present in each table after seeding (not only those the seed wrote). */
export interface SeedCounts {
  readonly products: number;
  readonly customers: number;
  readonly staff: number;
  readonly orders: number;
  readonly subscriptions: number;
}

type Tx = Prisma.TransactionClient;

const date = (iso: string): Date => new Date(iso);
const optionalDate = (iso: string | null): Date | null => (iso === null ? null : new Date(iso));

/** The row for a product; its software options are checked against the schema readers parse them with. */
const productRow = (product: SeedProduct): Prisma.ProductCreateInput => ({
  ...product,
  softwareOptions:
    product.softwareOptions === null
      ? Prisma.DbNull
      : (SoftwareOptionsSchema.parse(product.softwareOptions) as Prisma.InputJsonObject),
});

/** The product fields that decide which reminders its subscriptions give (through the cancellation policy). */
const reminderFields = (p: { kind: string; billingType: string; commercePolicy: string }) =>
  `${p.kind}|${p.billingType}|${p.commercePolicy}`;

/** A value as JSON with object keys sorted and decimals as numbers: equal catalog rows give equal strings. */
const canonical = (value: unknown): string => JSON.stringify(normalized(value));
const normalized = (value: unknown): unknown => {
  if (Prisma.Decimal.isDecimal(value)) return Number(value.toString());
  if (Array.isArray(value)) return value.map(normalized);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, normalized(v)]),
    );
  }
  return value;
};

/** Whether the stored row already holds every field of the product's row (then nothing is written). */
const holds = (stored: Record<string, unknown>, row: Prisma.ProductCreateInput): boolean =>
  Object.entries(row).every(([key, value]) => {
    // Prisma.DbNull is how a JSON null is written; it is read back as null.
    const written = value === Prisma.DbNull ? null : value;
    return canonical(stored[key] ?? null) === canonical(written ?? null);
  });

async function upsertProducts(tx: Tx): Promise<void> {
  // Every start runs this: only the products the catalog changed (or added) are written, so a start does
  // not rewrite the whole catalog.
  const before = new Map((await tx.product.findMany()).map((p) => [p.id, p]));
  for (const product of PRODUCTS) {
    const was = before.get(product.id);
    const row = productRow(product);
    if (was !== undefined && holds(was, row)) continue;
    await tx.product.upsert({ where: { id: product.id }, create: row, update: row });
    // R-REM-2: a catalog change that changes what its subscriptions remind of re-queues them for the next
    // reminder pass, as a save of the subscription does.
    if (was !== undefined && reminderFields(was) !== reminderFields(product)) {
      await tx.subscription.updateMany({
        where: { productId: product.id },
        data: { reminderCheckAt: new Date(0) },
      });
    }
  }
}

const missing = <T extends string>(wanted: readonly T[], present: readonly { id: string }[]): Set<T> => {
  const existing = new Set(present.map((row) => row.id));
  return new Set(wanted.filter((id) => !existing.has(id)));
};

async function insertDemo(tx: Tx, now: Date): Promise<void> {
  await tx.customer.createMany({
    data: CUSTOMERS.map((customer) => ({
      ...customer,
      accountCreatedAt: date(customer.accountCreatedAt),
      firstBillingPeriodStartAt: date(customer.firstBillingPeriodStartAt),
    })),
    skipDuplicates: true,
  });

  const presentStaff = await tx.staff.findMany({
    where: { aadObjectId: { in: DEMO_STAFF.map((staff) => staff.aadObjectId) } },
    select: { aadObjectId: true },
  });
  const newStaffIds = missing(
    DEMO_STAFF.map((staff) => staff.aadObjectId),
    presentStaff.map((staff) => ({ id: staff.aadObjectId })),
  );
  const newStaff = DEMO_STAFF.filter((staff) => newStaffIds.has(staff.aadObjectId));
  if (newStaff.length > 0) {
    await tx.staff.createMany({
      data: newStaff.map((staff) => ({
        aadObjectId: staff.aadObjectId,
        tenantId: DEMO_TENANT_ID,
        displayName: staff.displayName,
        email: staff.email,
        locale: staff.locale,
        timeZone: staff.timeZone,
      })),
      skipDuplicates: true,
    });
    await tx.staffRole.createMany({
      data: newStaff.flatMap((staff) =>
        staff.roles.map((role) => ({ aadObjectId: staff.aadObjectId, role, grantedBy: 'seed' })),
      ),
      skipDuplicates: true,
    });
  }

  const { orders, subscriptions } = demoOrders(now);
  // Only for customers that are present: a demo id or domain a user took for a customer of their own is
  // left to them, and the demo rows that would hang off it are skipped.
  const demoCustomerIds = new Set(
    (
      await tx.customer.findMany({
        where: { id: { in: CUSTOMERS.map((customer) => customer.id) } },
        select: { id: true },
      })
    ).map((customer) => customer.id),
  );
  const presentOrders = await tx.order.findMany({
    where: { id: { in: orders.map((order) => order.id) } },
    select: { id: true },
  });
  const newOrderIds = missing(
    orders.filter((order) => demoCustomerIds.has(order.customerId)).map((order) => order.id),
    presentOrders,
  );
  const newOrders = orders.filter((order) => newOrderIds.has(order.id));
  if (newOrders.length > 0) {
    await tx.order.createMany({
      data: newOrders.map((order) => ({
        id: order.id,
        customerId: order.customerId,
        placedByAadObjectId: order.placedByAadObjectId,
        placedAt: date(order.placedAt),
        status: order.status,
        total: order.total,
        currency: order.currency,
        pendingActionId: order.pendingActionId,
        cancelledAt: optionalDate(order.cancelledAt),
      })),
      skipDuplicates: true,
    });
    await tx.orderLine.createMany({ data: newOrders.flatMap((order) => order.lines), skipDuplicates: true });
  }

  const presentOrderIds = new Set(
    (
      await tx.order.findMany({
        where: { id: { in: orders.map((order) => order.id) } },
        select: { id: true },
      })
    ).map((order) => order.id),
  );
  await tx.subscription.createMany({
    data: subscriptions
      .filter((subscription) => presentOrderIds.has(subscription.orderId))
      .map((subscription) => ({
        ...subscription,
        orderedAt: date(subscription.orderedAt),
        termStartAt: date(subscription.termStartAt),
        renewsAt: date(subscription.renewsAt),
        trialEndsAt: optionalDate(subscription.trialEndsAt),
        suspendedAt: optionalDate(subscription.suspendedAt),
        dataDeletedAt: optionalDate(subscription.dataDeletedAt),
        cancelledAt: optionalDate(subscription.cancelledAt),
        cancelAt: optionalDate(subscription.cancelAt),
        termAnchorAt: optionalDate(subscription.termAnchorAt),
      })),
    skipDuplicates: true,
  });
}

/**
 * The catalog (and the demo data when asked), in one transaction, reading only the rows it writes: what the
 * bot does at every start, so its cost does not grow with the tables.
 */
export async function seedData(prisma: PrismaClient, options: SeedOptions): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      await upsertProducts(tx);
      if (options.includeDemo) await insertDemo(tx, options.now);
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** seedData, then the rows of each table counted (`npm run db:seed` prints them; whole-table counts). */
export async function seedDatabase(prisma: PrismaClient, options: SeedOptions): Promise<SeedCounts> {
  await seedData(prisma, options);
  return {
    products: await prisma.product.count(),
    customers: await prisma.customer.count(),
    staff: await prisma.staff.count(),
    orders: await prisma.order.count(),
    subscriptions: await prisma.subscription.count(),
  };
}

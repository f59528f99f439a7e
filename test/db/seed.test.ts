import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { seedDatabase, type SeedCounts } from '../../src/db/seed.js';
import { ROLES } from '../../src/domain/shared/roles.js';
import { SubscriptionStatusSchema } from '../../src/domain/shared/model.js';
import { SoftwareOptionsSchema } from '../../src/domain/software/software-options.js';
import {
  AZURE_RESERVATION_UNAVAILABLE_COUNTRY_CODES,
  AZURE_RESERVATION_UNAVAILABLE_MARKETS,
  PRODUCTS,
} from '../../prisma/seed/catalog.js';
import { CUSTOMERS } from '../../prisma/seed/customers.js';
import { DEMO_STAFF, NO_ROLE_USER } from '../../prisma/seed/staff.js';

const DAY_MS = 86_400_000;
const NOW = new Date('2026-11-21T12:00:00.000Z');

/** R-SUS-2, computed here from the customer's dates independently of the seed's own helper. */
const retentionDays = (customer: { accountCreatedAt: Date; firstBillingPeriodStartAt: Date }): number => {
  const gap = Math.floor(
    (customer.firstBillingPeriodStartAt.getTime() - customer.accountCreatedAt.getTime()) / DAY_MS,
  );
  return Math.min(120, Math.max(90, 90 + gap));
};

let db: Database;
let catalogOnly: SeedCounts;
let first: SeedCounts;

beforeAll(async () => {
  db = await openDatabase({ kind: 'memory' });
  catalogOnly = await seedDatabase(db.prisma, { now: NOW });
  first = await seedDatabase(db.prisma, { now: NOW, includeDemo: true });
});

afterAll(async () => {
  await db.close();
});

describe('seedDatabase', () => {
  it('writes only the catalog when demo data is not asked for', () => {
    expect(catalogOnly).toEqual({
      products: PRODUCTS.length,
      customers: 0,
      staff: 0,
      orders: 0,
      subscriptions: 0,
    });
  });

  it('writes the demo customers, staff, orders and subscriptions', () => {
    expect(first.products).toBe(PRODUCTS.length);
    expect(first.customers).toBe(CUSTOMERS.length);
    expect(first.staff).toBe(DEMO_STAFF.length);
    expect(first.orders).toBeGreaterThanOrEqual(20);
    expect(first.subscriptions).toBeGreaterThanOrEqual(20);
  });

  it('seeds at least 12 customers billed in KR, US, AU, BR, JP, CN and DE, and one in an Azure-reservation unavailable market', async () => {
    const customers = await db.prisma.customer.findMany();
    expect(customers.length).toBeGreaterThanOrEqual(12);
    const countries = new Set(customers.map((customer) => customer.billingCountry));
    for (const country of ['KR', 'US', 'AU', 'BR', 'JP', 'CN', 'DE']) expect(countries).toContain(country);
    const unavailable = new Set(AZURE_RESERVATION_UNAVAILABLE_COUNTRY_CODES);
    const blocked = customers.filter(
      (customer) => unavailable.has(customer.billingCountry) && customer.billingCountry !== 'CN',
    );
    expect(blocked.length).toBeGreaterThanOrEqual(1);
  });

  it('makes "contoso" match more than one customer, so that a search must offer a choice', async () => {
    const matches = await db.prisma.customer.findMany({
      where: { companyName: { contains: 'contoso', mode: 'insensitive' } },
    });
    expect(matches.length).toBeGreaterThanOrEqual(2);
  });

  it('covers every customer segment, and maps China to its own tenant region', async () => {
    const customers = await db.prisma.customer.findMany();
    expect(new Set(customers.map((customer) => customer.segment))).toEqual(
      new Set(['commercial', 'education', 'government', 'nonprofit']),
    );
    const chinese = customers.filter((customer) => customer.billingCountry === 'CN');
    expect(chinese.length).toBeGreaterThan(0);
    for (const customer of chinese) expect(customer.tenantRegion).toBe('CN');
  });

  it('has a subscription in every status: active, suspended, expired and cancelled', async () => {
    const subscriptions = await db.prisma.subscription.findMany();
    expect(new Set(subscriptions.map((subscription) => subscription.status))).toEqual(
      new Set(SubscriptionStatusSchema.options),
    );
  });

  it('gives exactly one demo staff member each role, and leaves the no-role user out of the staff table', async () => {
    const roles = await db.prisma.staffRole.findMany();
    for (const role of ROLES) expect(roles.filter((row) => row.role === role)).toHaveLength(1);
    expect(await db.prisma.staff.findUnique({ where: { aadObjectId: NO_ROLE_USER.aadObjectId } })).toBeNull();
  });

  it('R-BUY-7: the Azure reservation cannot be bought in exactly the unavailable markets of seed 001', async () => {
    const reservation = await db.prisma.product.findUniqueOrThrow({ where: { id: 'azure-ri-d2sv5-1y' } });
    expect(reservation.kind).toBe('azure-reservation');
    expect([...reservation.unavailableCountries].sort()).toEqual(
      [...new Set(AZURE_RESERVATION_UNAVAILABLE_MARKETS.map((market) => market.code))].sort(),
    );
    expect(AZURE_RESERVATION_UNAVAILABLE_MARKETS).toHaveLength(109);
    for (const market of AZURE_RESERVATION_UNAVAILABLE_MARKETS) expect(market.code).toMatch(/^[A-Z]{2}$/);
    expect(reservation.unavailableCountries).toEqual(
      expect.arrayContaining(['AX', 'CN', 'GL', 'AD', 'BQ', 'YE']),
    );
  });

  it('R-BUY-9: a paid product offers a 30-day free trial, and a demo subscription to it is still in its trial', async () => {
    const trialProducts = await db.prisma.product.findMany({
      where: { trialDays: 30, category: { not: 'trial' } },
    });
    expect(trialProducts.length).toBeGreaterThanOrEqual(1);
    const inTrial = await db.prisma.subscription.findMany({
      where: { productId: { in: trialProducts.map((product) => product.id) }, trialEndsAt: { gt: NOW } },
    });
    expect(inTrial.length).toBeGreaterThanOrEqual(1);
    expect(
      await db.prisma.product.count({ where: { category: 'trial', trialDays: 30 } }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('R-SWC-2, R-SWC-3: Windows 7 ESU is cancelled only by a support request, SUSE and Red Hat plans never', async () => {
    const restrictions = Object.fromEntries(
      (
        await db.prisma.product.findMany({
          where: { id: { in: ['win7-esu', 'suse-sles', 'rhel'] } },
          select: { id: true, cancelRestriction: true },
        })
      ).map((product) => [product.id, product.cancelRestriction]),
    );
    expect(restrictions).toEqual({
      'win7-esu': 'support-request-only',
      'suse-sles': 'not-cancellable',
      rhel: 'not-cancellable',
    });
    const orders = await db.prisma.orderLine.findMany({
      where: { productId: { in: ['win7-esu', 'suse-sles'] } },
    });
    expect(new Set(orders.map((line) => line.productId))).toEqual(new Set(['win7-esu', 'suse-sles']));
  });

  it('R-SUS-2: customers have retention periods of 90 days, between 90 and 120, and capped at 120', async () => {
    const customers = await db.prisma.customer.findMany();
    const retentions = customers.map(retentionDays);
    expect(retentions).toContain(90);
    expect(retentions.some((days) => days > 90 && days < 120)).toBe(true);
    const capped = customers.filter(
      (customer) =>
        (customer.firstBillingPeriodStartAt.getTime() - customer.accountCreatedAt.getTime()) / DAY_MS > 30,
    );
    expect(capped.length).toBeGreaterThanOrEqual(1);
    for (const customer of capped) expect(retentionDays(customer)).toBe(120);
  });

  it('R-SUS-2: a suspended subscription is deleted after its customer’s retention period, one of each kind', async () => {
    const suspended = await db.prisma.subscription.findMany({
      where: { status: 'suspended' },
      include: { customer: true },
    });
    const seen = new Set<number>();
    for (const subscription of suspended) {
      const days = retentionDays(subscription.customer);
      seen.add(days);
      expect(subscription.suspendedAt).not.toBeNull();
      expect(subscription.dataDeletedAt?.getTime()).toBe(
        (subscription.suspendedAt?.getTime() ?? 0) + days * DAY_MS,
      );
      expect(subscription.dataDeletedAt?.getTime()).toBeGreaterThan(NOW.getTime());
    }
    expect(seen).toEqual(new Set([90, 105, 120]));
  });

  it('R-BUY-2, R-BUY-3: a customer holds the one-per-customer product, and another a suspended subscription', async () => {
    const onePerCustomer = await db.prisma.product.findMany({ where: { onePerCustomer: true } });
    expect(onePerCustomer.length).toBeGreaterThanOrEqual(1);
    const held = await db.prisma.subscription.count({
      where: { productId: { in: onePerCustomer.map((product) => product.id) }, status: { not: 'cancelled' } },
    });
    expect(held).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.subscription.count({ where: { status: 'suspended' } })).toBeGreaterThanOrEqual(1);
  });

  it('R-CAN-1, R-CAN-2, R-CAN-3: demo subscriptions sit inside and past their cancellation windows', async () => {
    const subscriptions = await db.prisma.subscription.findMany({ where: { status: 'active' } });
    const ageHours = (subscription: { orderedAt: Date }) =>
      (NOW.getTime() - subscription.orderedAt.getTime()) / 3_600_000;
    expect(subscriptions.some((s) => s.billingCycle === 'monthly' && ageHours(s) < 24)).toBe(true);
    expect(
      subscriptions.some((s) => s.billingCycle === 'annual' && ageHours(s) >= 24 && ageHours(s) < 14 * 24),
    ).toBe(true);
    const scheduled = subscriptions.filter((s) => s.cancelAt !== null);
    expect(scheduled.length).toBeGreaterThanOrEqual(1);
    for (const subscription of scheduled) {
      expect(subscription.autoRenew).toBe(false);
      expect(subscription.cancelAt?.getTime()).toBe(subscription.renewsAt.getTime());
    }
  });

  it('R-SWC-1: software purchases were made 10, 59 and 90 days ago', async () => {
    const software = await db.prisma.order.findMany({
      where: {
        lines: { some: { product: { kind: { in: ['software-subscription', 'perpetual-software'] } } } },
      },
    });
    const ages = software.map((order) => (NOW.getTime() - order.placedAt.getTime()) / DAY_MS);
    expect(ages).toEqual(expect.arrayContaining([10, 59, 90]));
  });

  it('R-BUY-4, R-BUY-5: marketplace offers cover limited countries, CSP opt-out, a private offer and usage billing', async () => {
    const saas = await db.prisma.product.findMany({ where: { kind: 'marketplace-saas' } });
    const licensed = saas.filter((product) => product.billingType === 'license');
    expect(licensed.length).toBeGreaterThanOrEqual(3);
    expect(
      licensed.some((product) => product.isvSupportedCountries.length === 0 && !product.isvCspOptOut),
    ).toBe(true);
    expect(licensed.some((product) => product.isvSupportedCountries.length > 0)).toBe(true);
    expect(licensed.some((product) => product.isvCspOptOut)).toBe(true);
    expect(licensed.some((product) => product.privateOfferPartnerIds.includes('partner-other-001'))).toBe(
      true,
    );
    for (const product of licensed) expect(product.isvSetupUrl).toMatch(/^https:\/\/[a-z0-9.-]+\.example\//);
    expect(saas.some((product) => product.billingType === 'usage')).toBe(true);
  });

  it('R-BUY-6: one product is sold to commercial customers only and one to education only', async () => {
    const products = await db.prisma.product.findMany();
    expect(products.some((product) => product.segments.join() === 'commercial')).toBe(true);
    expect(products.some((product) => product.segments.join() === 'education')).toBe(true);
  });

  it('R-KEY-1: every server subscription and on-premises product offers versions, languages and file choices', async () => {
    const software = (
      await db.prisma.product.findMany({
        where: { kind: { in: ['software-subscription', 'perpetual-software'] } },
      })
    ).filter((product) => product.softwareOptions !== null);
    expect(software.length).toBeGreaterThanOrEqual(4);
    for (const product of software) {
      const options = SoftwareOptionsSchema.parse(product.softwareOptions);
      expect(options.variantKind).toBe(product.kind === 'software-subscription' ? 'file-type' : 'bitness');
      expect(options.fileUrlTemplate.startsWith('https://downloads.example.test/')).toBe(true);
    }
  });

  it('records each order total as the sum of quantity times unit price, placed by a demo staff member', async () => {
    const staffIds = new Set(DEMO_STAFF.map((staff) => staff.aadObjectId));
    const orders = await db.prisma.order.findMany({ include: { lines: true } });
    for (const order of orders) {
      const cents = order.lines.reduce(
        (sum, line) => sum + line.quantity * Math.round(Number(line.unitPrice) * 100),
        0,
      );
      expect(Math.round(Number(order.total) * 100)).toBe(cents);
      expect(staffIds.has(order.placedByAadObjectId)).toBe(true);
      expect(order.pendingActionId).toBeNull();
    }
  });

  it('seeding again changes nothing users did, yet brings the catalog back to the seed', async () => {
    const prisma = db.prisma;
    // What users did between the runs.
    await prisma.subscription.update({
      where: { id: 'SUB-contoso-helpdesk' },
      data: { status: 'cancelled', cancelledAt: NOW, autoRenew: false, version: { increment: 1 } },
    });
    await prisma.customer.update({ where: { id: 'cus-fabrikam' }, data: { companyName: 'Fabrikam Korea' } });
    await prisma.staffRole.delete({
      where: { aadObjectId_role: { aadObjectId: DEMO_STAFF[2]!.aadObjectId, role: 'billing-admin' } },
    });
    // A catalog row drifted from the seed.
    await prisma.product.update({ where: { id: 'm365-e3' }, data: { unitPrice: 99 } });
    const before = await prisma.subscription.findMany({ orderBy: { id: 'asc' } });

    const again = await seedDatabase(prisma, {
      now: new Date(NOW.getTime() + 3 * DAY_MS),
      includeDemo: true,
    });

    expect(again).toEqual(first);
    expect(await prisma.subscription.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    const helpdesk = await prisma.subscription.findUniqueOrThrow({ where: { id: 'SUB-contoso-helpdesk' } });
    expect(helpdesk.status).toBe('cancelled');
    expect(helpdesk.version).toBe(1);
    expect((await prisma.customer.findUniqueOrThrow({ where: { id: 'cus-fabrikam' } })).companyName).toBe(
      'Fabrikam Korea',
    );
    expect(await prisma.staffRole.count({ where: { aadObjectId: DEMO_STAFF[2]!.aadObjectId } })).toBe(0);
    expect(Number((await prisma.product.findUniqueOrThrow({ where: { id: 'm365-e3' } })).unitPrice)).toBe(32);
  });
});

describe('seedData on every start', () => {
  /** Each product row's version (PostgreSQL's xmin changes whenever a row is written). */
  const versions = async () =>
    new Map(
      (
        await db.prisma.$queryRaw<Array<{ id: string; v: string }>>`SELECT id, xmin::text AS v FROM products`
      ).map((r) => [r.id, r.v]),
    );

  it('writes no product the catalog did not change, and restores one that differs from the catalog', async () => {
    const before = await versions();
    await seedDatabase(db.prisma, { now: NOW, includeDemo: true });
    expect(await versions()).toEqual(before);

    const product = PRODUCTS.find((p) => p.softwareOptions !== null) ?? PRODUCTS[0]!;
    await db.prisma.product.update({ where: { id: product.id }, data: { name: 'Renamed by hand' } });
    await seedDatabase(db.prisma, { now: NOW, includeDemo: true });
    const restored = await db.prisma.product.findUniqueOrThrow({ where: { id: product.id } });
    expect(restored.name).toBe(product.name);
    const after = await versions();
    for (const [id, version] of before) if (id !== product.id) expect(after.get(id)).toBe(version);
  });
});

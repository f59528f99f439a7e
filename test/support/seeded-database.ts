/**
 * A database with the catalog and the demo data, for the tests that are about the database itself
 * (test/db/): opened before the file's tests and closed (and, on PostgreSQL, dropped) after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { createDeps } from '../../src/db/create-deps.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { seedDatabase } from '../../src/db/seed.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import { movableClock } from '../../src/domain/shared/time.js';
import { embeddedDatabase, type TestDatabase } from './databases.js';

export interface SeededDatabase {
  readonly db: Database;
  readonly deps: AllDeps;
  /** The clock the deps read, set to `now` at first. */
  readonly clock: ReturnType<typeof movableClock>;
}

/**
 * Registers the hooks and returns the database as the tests see it once they run (read its fields inside
 * tests or hooks, not at the top of the file).
 */
export function useSeededDatabase(
  options: { now: string; database?: () => Promise<TestDatabase>; includeDemo?: boolean } = {
    now: '2026-11-21T09:00:00.000Z',
  },
): SeededDatabase {
  const clock = movableClock(options.now);
  let target: TestDatabase | undefined;
  let db: Database | undefined;
  let deps: AllDeps | undefined;
  beforeAll(async () => {
    target = await (options.database ?? (async () => embeddedDatabase()))();
    db = await openDatabase(target.target);
    await seedDatabase(db.prisma, { now: new Date(options.now), includeDemo: options.includeDemo ?? true });
    deps = createDeps(db, clock);
  });
  afterAll(async () => {
    await db?.close();
    await target?.drop();
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the seeded database is open only while the tests run');
    return value;
  };
  return {
    get db() {
      return opened(db);
    },
    get deps() {
      return opened(deps);
    },
    clock,
  };
}

/**
 * A customer of this test's own, with one order placed by the sales agent, for the subscriptions a
 * database test inserts directly.
 */
export async function insertCustomerWithOrder(
  prisma: Database['prisma'],
  {
    id,
    name,
    tenantId,
    orderId,
    since,
    placedAt,
  }: {
    id: string;
    name: string;
    tenantId: string;
    orderId: string;
    since: Date;
    placedAt: Date;
  },
): Promise<void> {
  await prisma.customer.create({
    data: {
      id,
      companyName: name,
      primaryDomain: `${id.replace(/^cus-/, '')}.onmicrosoft.com`,
      tenantId,
      billingCountry: 'US',
      segment: 'commercial',
      tenantRegion: 'APAC',
      accountCreatedAt: since,
      firstBillingPeriodStartAt: since,
    },
  });
  await prisma.order.create({
    data: {
      id: orderId,
      customerId: id,
      placedByAadObjectId: '00000000-0000-4000-8000-000000000005',
      placedAt,
      total: 0,
      currency: 'USD',
    },
  });
}

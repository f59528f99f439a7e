/**
 * The domain's dependencies in memory: every port faked over one FakeDatabase, a unit of work with real
 * transaction semantics for one process, a deterministic id source and secrets. `fakeDeps()` satisfies
 * the full deps type, so it serves every use case; override what a test is about.
 */
import crypto from 'node:crypto';
import { PRODUCTS } from '../../prisma/seed/catalog.js';
import { CUSTOMERS } from '../../prisma/seed/customers.js';
import { DEMO_STAFF } from '../../prisma/seed/staff.js';
import { demoOrders } from '../../prisma/seed/subscriptions.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import type { Repositories, UnitOfWork } from '../../src/domain/ports/unit-of-work.js';
import type { Customer } from '../../src/domain/shared/model.js';
import { at, fixedClock } from '../../src/domain/shared/time.js';
import { atomically, FakeDatabase } from './fake-database.js';
import { makeFakeAuditLog } from './fake-audit-log.js';
import { makeFakeCustomerRepository } from './fake-customer-repository.js';
import { makeFakeOrderRepository } from './fake-order-repository.js';
import { makeFakePendingActionRepository } from './fake-pending-action-repository.js';
import { makeFakeProductRepository } from './fake-product-repository.js';
import { makeFakeRelationshipRepository } from './fake-relationship-repository.js';
import { makeFakeReminderRepository } from './fake-reminder-repository.js';
import { fakeSecrets } from './fake-secrets.js';
import { makeFakeSoftwareRepository } from './fake-software-repository.js';
import { makeFakeStaffRepository } from './fake-staff-repository.js';
import { makeFakeSubscriptionRepository } from './fake-subscription-repository.js';
import { makeFakeSupportRequestRepository } from './fake-support-request-repository.js';

export const FAKE_PARTNER = { partnerId: 'partner-self-001', region: 'APAC' } as const;

/** Every repository over the fake database; a call outside a unit of work is its own transaction. */
export function makeFakeRepositories(db: FakeDatabase): Repositories {
  return {
    staff: atomically(db, makeFakeStaffRepository(db)),
    customers: atomically(db, makeFakeCustomerRepository(db)),
    products: atomically(db, makeFakeProductRepository(db)),
    subscriptions: atomically(db, makeFakeSubscriptionRepository(db)),
    orders: atomically(db, makeFakeOrderRepository(db)),
    pending: atomically(db, makeFakePendingActionRepository(db)),
    audit: atomically(db, makeFakeAuditLog(db)),
    software: atomically(db, makeFakeSoftwareRepository(db)),
    supportRequests: atomically(db, makeFakeSupportRequestRepository(db)),
    relationships: atomically(db, makeFakeRelationshipRepository(db)),
    reminders: atomically(db, makeFakeReminderRepository(db)),
  };
}

/** The unit of work over the fake database: the work sees its own writes; a throw undoes all of them. */
export const makeFakeUnitOfWork = (db: FakeDatabase, repositories: Repositories): UnitOfWork => ({
  run: (work) => db.transaction(() => work(repositories)),
});

/**
 * Unguessable-looking but repeatable ids: 22 base64url characters like the real ones, differing from the
 * first character on (use cases shorten them to a prefix for order and subscription references).
 */
export function sequentialIds(seed = 'fake'): () => string {
  let next = 0;
  return () => crypto.createHash('sha256').update(`${seed}-${++next}`).digest('base64url').slice(0, 22);
}

export interface FakeDeps extends AllDeps {
  /** The tables behind the fakes, for a test to arrange and to look at what was written. */
  readonly db: FakeDatabase;
}

/** Deps over a fresh fake database (empty unless `db` is given); anything can be overridden. */
export function fakeDeps(overrides: Partial<AllDeps> & { db?: FakeDatabase } = {}): FakeDeps {
  const db = overrides.db ?? new FakeDatabase();
  const repositories = makeFakeRepositories(db);
  return {
    ...repositories,
    uow: makeFakeUnitOfWork(db, repositories),
    clock: fixedClock('2026-11-21T09:00:00.000Z'),
    partner: FAKE_PARTNER,
    secrets: fakeSecrets(),
    publicBaseUrl: () => 'http://localhost:3978',
    newId: sequentialIds(),
    ...overrides,
    db,
  };
}

/** The catalog, as seedDatabase writes it. */
export function seedCatalog(db: FakeDatabase): void {
  for (const product of PRODUCTS) {
    const { policySource: _source, ...row } = product;
    db.tables.products.set(product.id, row);
  }
}

/**
 * The catalog and the demo data (customers, staff and their roles, orders, subscriptions) placed relative
 * to `now`, as `seedDatabase(prisma, { now, includeDemo: true })` writes them into an empty database.
 */
export function seedDemo(db: FakeDatabase, now: Date): void {
  seedCatalog(db);
  const t = db.tables;
  for (const c of CUSTOMERS) {
    const customer: Customer = {
      ...c,
      accountCreatedAt: at(c.accountCreatedAt),
      firstBillingPeriodStartAt: at(c.firstBillingPeriodStartAt),
    };
    t.customers.set(c.id, customer);
  }
  for (const s of DEMO_STAFF) {
    t.staff.set(s.aadObjectId, {
      aadObjectId: s.aadObjectId,
      displayName: s.displayName,
      email: s.email,
      locale: s.locale,
      timeZone: s.timeZone,
      remindersEnabled: true,
      remindersDigest: false,
      conversationReference: null,
    });
    for (const role of s.roles)
      t.staffRoles.set(`${s.aadObjectId}|${role}`, { aadObjectId: s.aadObjectId, role, grantedBy: 'seed' });
  }
  const { orders, subscriptions } = demoOrders(now);
  const orNull = (iso: string | null) => (iso === null ? null : at(iso));
  for (const o of orders)
    t.orders.set(o.id, {
      id: o.id,
      customerId: o.customerId,
      placedByAadObjectId: o.placedByAadObjectId,
      placedAt: at(o.placedAt),
      status: o.status,
      total: o.total,
      currency: o.currency,
      pendingActionId: o.pendingActionId,
      cancelledAt: orNull(o.cancelledAt),
      creditAmount: null,
      cancelReason: null,
      lines: o.lines.map(({ orderId: _order, ...line }) => line),
    });
  for (const { licenceAdditions, ...s } of subscriptions)
    t.subscriptions.set(s.id, {
      ...s,
      termAnchorAt: orNull(s.termAnchorAt),
      orderedAt: at(s.orderedAt),
      termStartAt: at(s.termStartAt),
      renewsAt: at(s.renewsAt),
      trialEndsAt: orNull(s.trialEndsAt),
      suspendedAt: orNull(s.suspendedAt),
      dataDeletedAt: orNull(s.dataDeletedAt),
      cancelledAt: orNull(s.cancelledAt),
      cancelAt: orNull(s.cancelAt),
      version: 0,
      licenseAdditions: licenceAdditions.map((a) => ({ at: at(a.at), count: a.count })),
    });
}

/** Deps over a fake database holding the catalog and the demo data seeded at `now`. */
export function seededFakeDeps(now: string, overrides: Partial<AllDeps> = {}): FakeDeps {
  const db = new FakeDatabase();
  seedDemo(db, new Date(now));
  return fakeDeps({ clock: fixedClock(now), ...overrides, db });
}

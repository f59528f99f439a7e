/**
 * The domain's ports implemented with Prisma, assembled: the repository set on a client, and the unit of
 * work that hands the same set, bound to one transaction, to the work it runs.
 */
import type { Repositories, UnitOfWork } from '../domain/ports/unit-of-work.js';
import type { PrismaClient } from './generated/prisma/client.js';
import type { Db } from './mappers.js';
import { prismaSql, type Sql, type SqlAccess } from './sql.js';
import { makeAuditRepository } from './prisma-audit-repository.js';
import { makeCustomerRepository } from './prisma-customer-repository.js';
import { makeOrderRepository } from './prisma-order-repository.js';
import { makePendingActionRepository } from './prisma-pending-action-repository.js';
import { makeProductRepository } from './prisma-product-repository.js';
import { makeRelationshipRepository } from './prisma-relationship-repository.js';
import { makeReminderRepository } from './prisma-reminder-repository.js';
import { makeSoftwareRepository } from './prisma-software-repository.js';
import { makeStaffRepository } from './prisma-staff-repository.js';
import { makeSubscriptionRepository } from './prisma-subscription-repository.js';
import { makeSupportRequestRepository } from './prisma-support-request-repository.js';

/** Every repository over one client or transaction. The only code that touches Prisma, with seed.ts. */
export function makeRepositories(db: Db, sql: Sql = prismaSql(db)): Repositories {
  return {
    staff: makeStaffRepository(db, sql),
    customers: makeCustomerRepository(db, sql),
    products: makeProductRepository(db, sql),
    subscriptions: makeSubscriptionRepository(db, sql),
    orders: makeOrderRepository(db, sql),
    pending: makePendingActionRepository(db, sql),
    audit: makeAuditRepository(db, sql),
    software: makeSoftwareRepository(db, sql),
    relationships: makeRelationshipRepository(db),
    reminders: makeReminderRepository(db),
    supportRequests: makeSupportRequestRepository(db),
  };
}

/** One database transaction per run (read committed on PostgreSQL); a throw rolls it all back. */
export function makeUnitOfWork(
  prisma: PrismaClient,
  limits: { maxWait: number; timeout: number },
  access: SqlAccess,
): UnitOfWork {
  return {
    run: (work) =>
      access.transaction((direct) =>
        prisma.$transaction((tx) => work(makeRepositories(tx, direct() ?? prismaSql(tx))), {
          maxWait: limits.maxWait,
          timeout: limits.timeout,
        }),
      ),
  };
}

/** SupportRequestRepository in memory (references are unique, as in the database). */
import type { SupportRequestRepository } from '../../src/domain/ports/support-requests.js';
import { ConstraintViolation, type FakeDatabase } from './fake-database.js';

export function makeFakeSupportRequestRepository(db: FakeDatabase): SupportRequestRepository {
  return {
    async create(request) {
      const rows = db.tables.supportRequests;
      if (rows.has(request.id) || [...rows.values()].some((r) => r.reference === request.reference))
        throw new ConstraintViolation(`support request ${request.reference} exists`);
      rows.set(request.id, { ...request, status: 'submitted' });
    },
    async list(limit) {
      return [...db.tables.supportRequests.values()]
        .sort((a, b) => b.createdAt.valueOf() - a.createdAt.valueOf())
        .slice(0, limit)
        .map((row) => ({
          ...row,
          customerName: db.tables.customers.get(row.customerId)?.companyName ?? row.customerId,
        }));
    },
  };
}

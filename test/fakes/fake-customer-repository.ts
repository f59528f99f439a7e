/** CustomerRepository in memory (one process, one transaction at a time: the lock has nothing to wait for). */
import type { CustomerRepository } from '../../src/domain/ports/customers.js';
import type { FakeDatabase } from './fake-database.js';

export function makeFakeCustomerRepository(db: FakeDatabase): CustomerRepository {
  const all = () => [...db.tables.customers.values()];
  return {
    async findById(id) {
      return db.tables.customers.get(id) ?? null;
    },
    async findByDomain(domain) {
      return all().find((c) => c.primaryDomain.toLowerCase() === domain.toLowerCase()) ?? null;
    },
    async findByTenantId(tenantId) {
      return all().find((c) => c.tenantId === tenantId) ?? null;
    },
    async listNames() {
      return all().sort((a, b) =>
        a.companyName < b.companyName ? -1 : a.companyName > b.companyName ? 1 : 0,
      );
    },
    async findManyByIds(ids) {
      return all().filter((c) => ids.includes(c.id));
    },
    async lockForUpdate() {
      // Transactions already run one at a time (see FakeDatabase.transaction).
    },
  };
}

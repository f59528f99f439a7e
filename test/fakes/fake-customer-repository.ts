/** CustomerRepository in memory (one process, one transaction at a time: the lock has nothing to wait for). */
import type { CustomerRepository } from '../../src/domain/ports/customers.js';
import type { Customer } from '../../src/domain/shared/model.js';
import { matchName } from '../../src/domain/shared/fuzzy.js';
import type { FakeDatabase } from './fake-database.js';

/**
 * CustomerRepository.search in memory: the candidates the database's trigram search gives for the
 * queries the tests use (a name or domain containing the query, or close to it), by name, at most `limit`.
 */
export function searchInMemory(customers: readonly Customer[], query: string, limit: number): Customer[] {
  const lower = query.toLowerCase();
  return customers
    .filter(
      (c) =>
        c.companyName.toLowerCase().includes(lower) ||
        c.primaryDomain.toLowerCase().includes(lower) ||
        matchName(query, c.companyName) !== undefined ||
        matchName(query, c.primaryDomain.split('.')[0] ?? '') !== undefined,
    )
    .sort((a, b) => (a.companyName < b.companyName ? -1 : a.companyName > b.companyName ? 1 : 0))
    .slice(0, limit);
}

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
    async search(query, limit) {
      return searchInMemory(all(), query, limit);
    },
    async findManyByIds(ids) {
      return all().filter((c) => ids.includes(c.id));
    },
    async lockForUpdate() {
      // Transactions already run one at a time (see FakeDatabase.transaction).
    },
  };
}

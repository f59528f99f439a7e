/** CustomerRepository in memory (one process, one transaction at a time: the lock has nothing to wait for). */
import type { CustomerRepository } from '../../src/domain/ports/customers.js';
import type { Customer } from '../../src/domain/shared/model.js';
import { matchName } from '../../src/domain/shared/fuzzy.js';
import type { FakeDatabase } from './fake-database.js';

/**
 * CustomerRepository.search in memory, as the database answers it: the customers whose name or domain
 * contains the query (any case), the exact name first, then by name; when none does, those close to it
 * (the fuzzy rules standing in for trigram similarity), by name; at most `limit`.
 */
export function searchInMemory(
  customers: readonly Customer[],
  query: string,
  limit: number,
  options?: { readonly similar?: boolean },
): Customer[] {
  const lower = query.toLowerCase();
  const byName = (a: Customer, b: Customer) =>
    a.companyName < b.companyName ? -1 : a.companyName > b.companyName ? 1 : 0;
  const containing = customers
    .filter(
      (c) => c.companyName.toLowerCase().includes(lower) || c.primaryDomain.toLowerCase().includes(lower),
    )
    .sort(
      (a, b) =>
        Number(b.companyName.toLowerCase() === lower) - Number(a.companyName.toLowerCase() === lower) ||
        byName(a, b),
    );
  if (containing.length > 0 || options?.similar === false) return containing.slice(0, limit);
  return customers
    .filter(
      (c) =>
        matchName(query, c.companyName) !== undefined ||
        matchName(query, c.primaryDomain.split('.')[0] ?? '') !== undefined,
    )
    .sort(byName)
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
    async search(query, limit, options) {
      return searchInMemory(all(), query, limit, options);
    },
    async findManyByIds(ids) {
      return all().filter((c) => ids.includes(c.id));
    },
    async lockForUpdate(id) {
      // Transactions already run one at a time (see FakeDatabase.transaction).
      return db.tables.customers.get(id) ?? null;
    },
  };
}

/** Customers (the CustomerRepository port). */
import type { CustomerRepository } from '../domain/ports/customers.js';
import { toCustomer, type Db } from './mappers.js';

export function makeCustomerRepository(db: Db): CustomerRepository {
  return {
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
  };
}

/** Support requests raised for customers (the SupportRequestRepository port). */
import type { SupportRequestRepository } from '../domain/ports/support-requests.js';
import { at } from '../domain/shared/time.js';
import type { Db } from './mappers.js';

export function makeSupportRequestRepository(db: Db): SupportRequestRepository {
  return {
    async create(request) {
      await db.supportRequest.create({
        data: {
          ...request,
          amount: request.amount,
          createdAt: request.createdAt.toDate(),
        },
      });
    },
    async list(limit) {
      const rows = await db.supportRequest.findMany({ orderBy: { createdAt: 'desc' }, take: limit });
      const customers = new Map(
        (
          await db.customer.findMany({
            where: { id: { in: rows.map((r) => r.customerId) } },
            select: { id: true, companyName: true },
          })
        ).map((c) => [c.id, c.companyName]),
      );
      return rows.map((row) => ({
        ...row,
        amount: row.amount?.toNumber() ?? null,
        createdAt: at(row.createdAt),
        customerName: customers.get(row.customerId) ?? row.customerId,
      }));
    },
  };
}

/** RelationshipRepository in memory: a request is accepted once. */
import type { RelationshipRepository } from '../../src/domain/ports/relationships.js';
import { ConstraintViolation, type FakeDatabase } from './fake-database.js';

export function makeFakeRelationshipRepository(db: FakeDatabase): RelationshipRepository {
  const requests = () => db.tables.relationshipRequests;
  return {
    async findPendingFor(customerId) {
      return (
        [...requests().values()]
          .filter((r) => r.customerId === customerId && r.status === 'pending')
          .sort((a, b) => b.createdAt.valueOf() - a.createdAt.valueOf())[0] ?? null
      );
    },
    async find(id) {
      return requests().get(id) ?? null;
    },
    async create(request) {
      if (requests().has(request.id)) throw new ConstraintViolation(`request ${request.id} exists`);
      requests().set(request.id, { ...request, status: 'pending', acceptedAt: null });
    },
    async accept(id, now) {
      const request = requests().get(id);
      if (request?.status !== 'pending') return false;
      requests().set(id, { ...request, status: 'accepted', acceptedAt: now });
      return true;
    },
    async setCustomerRelationship(customerId, relationship) {
      const customer = db.tables.customers.get(customerId);
      if (!customer) throw new ConstraintViolation(`no customer ${customerId}`);
      db.tables.customers.set(customerId, { ...customer, relationship });
    },
  };
}

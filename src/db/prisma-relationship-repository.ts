/** Reseller relationship requests and a customer's relationship state (the RelationshipRepository port). */
import type { RelationshipRepository } from '../domain/ports/relationships.js';
import { toRelationshipRequest, type Db } from './mappers.js';

export function makeRelationshipRepository(db: Db): RelationshipRepository {
  return {
    async findPendingFor(customerId) {
      const row = await db.resellerRelationshipRequest.findFirst({
        where: { customerId, status: 'pending' },
        orderBy: { createdAt: 'desc' },
      });
      return row ? toRelationshipRequest(row) : null;
    },
    async find(id) {
      const row = await db.resellerRelationshipRequest.findUnique({ where: { id } });
      return row ? toRelationshipRequest(row) : null;
    },
    async create(request) {
      await db.resellerRelationshipRequest.create({
        data: {
          id: request.id,
          customerId: request.customerId,
          requestedByAadObjectId: request.requestedByAadObjectId,
          invitationUrl: request.invitationUrl,
          createdAt: request.createdAt.toDate(),
        },
      });
    },
    async accept(id, now) {
      const updated = await db.resellerRelationshipRequest.updateMany({
        where: { id, status: 'pending' },
        data: { status: 'accepted', acceptedAt: now.toDate() },
      });
      return updated.count === 1;
    },
    async setCustomerRelationship(customerId, relationship) {
      await db.customer.update({ where: { id: customerId }, data: { relationship } });
    },
  };
}

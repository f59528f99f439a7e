/** The reseller relationship request port. */
import type { Dayjs } from '../shared/time.js';

export interface RelationshipRequest {
  readonly id: string;
  readonly customerId: string;
  readonly requestedByAadObjectId: string;
  readonly invitationUrl: string;
  readonly status: 'pending' | 'accepted';
  readonly createdAt: Dayjs;
  readonly acceptedAt: Dayjs | null;
}

export interface RelationshipRepository {
  findPendingFor(customerId: string): Promise<RelationshipRequest | null>;
  find(id: string): Promise<RelationshipRequest | null>;
  create(request: Omit<RelationshipRequest, 'status' | 'acceptedAt'>): Promise<void>;
  /** pending → accepted, once; false when it was not pending. */
  accept(id: string, now: Dayjs): Promise<boolean>;
  setCustomerRelationship(customerId: string, relationship: 'active' | 'invited' | 'prospect'): Promise<void>;
}

/** The support request port. */
import type { Dayjs } from '../shared/time.js';

export interface NewSupportRequest {
  readonly id: string;
  readonly reference: string;
  readonly customerId: string;
  readonly orderId: string | null;
  readonly subscriptionId: string | null;
  readonly problemType: string;
  readonly impact: string;
  readonly title: string;
  readonly description: string;
  readonly reason: string;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly contactName: string;
  readonly contactEmail: string;
  readonly contactPhone: string;
  readonly createdByAadObjectId: string;
  readonly createdAt: Dayjs;
}

export interface SupportRequestRepository {
  create(request: NewSupportRequest): Promise<void>;
  list(limit: number): Promise<Array<NewSupportRequest & { status: string; customerName: string }>>;
}

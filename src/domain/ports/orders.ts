/** The order port. */
import type { BillingCycle, Order, Subscription } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';
import type { CreateOutcome } from '../shared/external-refusal.js';
import type { ReadWindow } from './subscriptions.js';

export interface NewOrder {
  readonly id: string;
  readonly customerId: string;
  readonly placedByAadObjectId: string;
  readonly placedAt: Dayjs;
  readonly total: number;
  readonly currency: string;
  readonly pendingActionId: string | null;
  readonly lines: ReadonlyArray<{
    id: string;
    productId: string;
    quantity: number;
    billingCycle: BillingCycle;
    unitPrice: number;
  }>;
  readonly subscriptions: readonly Subscription[];
}

export interface OrderRepository {
  /** The customer's orders, newest first; only the `window` when given (else at most 100). */
  listByCustomer(customerId: string, window?: ReadWindow): Promise<Order[]>;
  findById(id: string): Promise<Order | null>;
  /**
   * Creates the order, its lines and its subscriptions: 'created', or an ExternalRefusal when the commerce
   * backend refused (nothing created). `operationId` is the pending action's id (R-PC-3): an external
   * backend derives its cart and checkout request ids from it, so a retry never orders twice. Every use case
   * passes it; only fixtures that write outside a confirmation leave it out.
   */
  create(order: NewOrder, operationId?: string): Promise<CreateOutcome>;
}

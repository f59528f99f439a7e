/** The order port. */
import type { BillingCycle, Order, Subscription } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';

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
  listByCustomer(customerId: string): Promise<Order[]>;
  findById(id: string): Promise<Order | null>;
  /** Creates the order, its lines and its subscriptions. */
  create(order: NewOrder): Promise<void>;
}

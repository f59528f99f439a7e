/** The order port. */
import type { BillingCycle, Order, Subscription } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';
import type { ExternalRefusal } from '../shared/external-refusal.js';
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

/**
 * An order placed: per line, the id of the subscription it produced in the commerce backend (the bot's own
 * id in simulated mode, Partner Center's in partner-center mode), or null when the backend has not
 * provisioned it yet (or the line is software with no subscription).
 */
export interface OrderCreated {
  readonly kind: 'created';
  readonly subscriptionIds: ReadonlyArray<string | null>;
}

export interface OrderRepository {
  /** The customer's orders, newest first; only the `window` when given (else at most 100). */
  listByCustomer(customerId: string, window?: ReadWindow): Promise<Order[]>;
  findById(id: string): Promise<Order | null>;
  /**
   * Creates the order, its lines and its subscriptions: the subscriptions' ids, or an ExternalRefusal when the commerce
   * backend refused (nothing created). `operationId` is the pending action's id (R-PC-3): an external
   * backend derives its cart and checkout request ids from it, so a retry never orders twice. Every use case
   * passes it; only fixtures that write outside a confirmation leave it out.
   */
  create(order: NewOrder, operationId?: string): Promise<OrderCreated | ExternalRefusal>;
}

/**
 * Partner-center mode only (R-PC-11): what a backend must do, outside any database transaction, before the
 * transaction that places the order. Partner Center creates the cart here and the bot keeps its id (committed
 * at once, so it outlives a rollback, a crash or a restart); the transaction then checks out that same cart,
 * which Partner Center answers idempotently. Called again for the same operation and lines, it reuses the cart.
 */
export interface OrderPreparation {
  prepare(order: NewOrder, operationId: string): Promise<'prepared' | ExternalRefusal>;
}

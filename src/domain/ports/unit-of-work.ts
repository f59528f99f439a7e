/** The repositories as one transaction sees them, and the transaction that runs a change with its audit entry. */
import type { AuditLog } from './audit.js';
import type { CustomerRepository } from './customers.js';
import type { OrderRepository } from './orders.js';
import type { PendingActionRepository } from './pending-actions.js';
import type { ProductRepository } from './products.js';
import type { RelationshipRepository } from './relationships.js';
import type { ReminderRepository } from './reminders.js';
import type { SoftwareRepository } from './software.js';
import type { StaffRepository } from './staff.js';
import type { SubscriptionRepository } from './subscriptions.js';
import type { SupportRequestRepository } from './support-requests.js';

/** The repositories, as seen inside one transaction. */
export interface Repositories {
  readonly staff: StaffRepository;
  readonly customers: CustomerRepository;
  readonly products: ProductRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly orders: OrderRepository;
  readonly pending: PendingActionRepository;
  readonly audit: AuditLog;
  readonly software: SoftwareRepository;
  readonly supportRequests: SupportRequestRepository;
  readonly relationships: RelationshipRepository;
  readonly reminders: ReminderRepository;
}

export interface UnitOfWork<R = Repositories> {
  /**
   * Runs `work` in one database transaction (read committed on PostgreSQL). Throwing rolls everything back.
   */
  run<T>(work: (tx: R) => Promise<T>): Promise<T>;
}

/**
 * What the domain needs from the outside world. src/db implements these with Prisma; tests may use fakes.
 * Methods that change data run inside `UnitOfWork.run`, so a change and its audit entry commit together.
 */
import type { AuditEntry } from './audit.js';
import type { BillingCycle, Customer, Order, Product, Staff, Subscription } from './model.js';
import type { PendingAction } from './pending-action.js';
import type { Role } from './roles.js';
import type { Clock, Dayjs } from './time.js';

export interface StaffRepository {
  find(aadObjectId: string): Promise<Staff | null>;
  rolesOf(aadObjectId: string): Promise<Role[]>;
  list(): Promise<Staff[]>;
  /** Staff whose display name or e-mail contains the query (case-insensitive). */
  search(query: string): Promise<Staff[]>;
  /** Adds the role; false when it was already held. Creates the staff member when unknown. */
  grant(
    aadObjectId: string,
    role: Role,
    options: { displayName?: string; grantedBy?: string | null },
  ): Promise<boolean>;
  /**
   * Removes the role; false when it was not held; 'last-global-admin' (and nothing removed) when it would
   * leave nobody able to grant roles. Safe against two admins revoking each other at once.
   */
  revoke(aadObjectId: string, role: Role): Promise<boolean | 'last-global-admin'>;
  /** Remembers who they are and how to reach them (conversation reference, locale, time zone). */
  remember(profile: {
    aadObjectId: string;
    displayName: string;
    locale?: string | null;
    timeZone?: string | null;
    conversationReference?: unknown;
  }): Promise<void>;
}

export interface CustomerRepository {
  findById(id: string): Promise<Customer | null>;
  findByDomain(domain: string): Promise<Customer | null>;
  findByTenantId(tenantId: string): Promise<Customer | null>;
  /** All customers with just the fields needed to match names (the list is small for one partner). */
  listNames(): Promise<
    Array<Pick<Customer, 'id' | 'companyName' | 'primaryDomain' | 'tenantId' | 'billingCountry'>>
  >;
  findManyByIds(ids: readonly string[]): Promise<Customer[]>;
  /**
   * Locks the customer's row until the transaction ends: purchases for one customer are serialized, so two
   * carts cannot both pass the one-per-customer check (R-BUY-2) on two instances at once.
   */
  lockForUpdate(id: string): Promise<void>;
}

export interface ProductRepository {
  findById(id: string): Promise<Product | null>;
  list(): Promise<Product[]>;
}

export interface SubscriptionRepository {
  listByCustomer(customerId: string): Promise<Subscription[]>;
  findById(id: string): Promise<Subscription | null>;
  /**
   * Writes the subscription's state if its stored version is still `expectedVersion`, incrementing it;
   * false when someone changed it meanwhile (nothing written).
   */
  save(
    next: Subscription,
    expectedVersion: number,
    changes: { licenceAdditions?: readonly LicenceAddition[] },
  ): Promise<boolean>;
  /** The licences added and when, oldest first (R-NCE-2). */
  licenceAdditions(id: string): Promise<LicenceAddition[]>;
}

export interface LicenceAddition {
  readonly at: Dayjs;
  readonly count: number;
}

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

export interface PendingActionRepository {
  create<P>(pending: Omit<PendingAction<P>, 'status' | 'completedAt' | 'result'>): Promise<PendingAction<P>>;
  find(id: string): Promise<PendingAction | null>;
  /**
   * Marks the pending action done, only if it is still pending and unexpired at `now`; false when someone
   * else got there first. This conditional update, run first in the executing transaction, is what makes a
   * double click, a Teams retry or a second bot instance act once (on PostgreSQL the loser waits on the row
   * lock and then sees the winner's committed status).
   */
  claim(id: string, now: Dayjs): Promise<boolean>;
  /** Stores the result of a claimed pending action, shown again to later presses. */
  recordResult(id: string, result: unknown): Promise<void>;
  /** Replaces the payload of a pending action that is still pending (a cart being edited). */
  updatePayload<P>(id: string, payload: P, now: Dayjs): Promise<boolean>;
  discard(id: string, now: Dayjs): Promise<boolean>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

/** The repositories, as seen inside one transaction. */
export interface Repositories {
  readonly staff: StaffRepository;
  readonly customers: CustomerRepository;
  readonly products: ProductRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly orders: OrderRepository;
  readonly pending: PendingActionRepository;
  readonly audit: AuditLog;
}

export interface UnitOfWork {
  /**
   * Runs `work` in one database transaction (read committed on PostgreSQL). Throwing rolls everything back.
   */
  run<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}

/** Facts about the partner running the bot (from configuration). */
export interface PartnerSettings {
  /** This partner's id, to tell private offers made to others (R-BUY-4). */
  readonly partnerId: string;
  /** The partner's region (R-REL-2). */
  readonly region: string;
}

export interface Deps extends Repositories {
  readonly clock: Clock;
  readonly partner: PartnerSettings;
  readonly uow: UnitOfWork;
  /** 128-bit random ids for pending actions and other unguessable references. */
  readonly newId: () => string;
}

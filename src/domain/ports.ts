/**
 * What the domain needs from the outside world. src/db implements these with Prisma; tests may use fakes.
 * Methods that change data run inside `UnitOfWork.run`, so a change and its audit entry commit together.
 */
import type { AuditEntry } from './audit.js';
import type {
  BillingCycle,
  CancelRestriction,
  CommercePolicy,
  Customer,
  Order,
  Product,
  ProductKind,
  Staff,
  Subscription,
} from './model.js';
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
  reminderPreferences(aadObjectId: string): Promise<ReminderPreferences | null>;
  setReminderPreferences(
    aadObjectId: string,
    changes: { enabled?: boolean; digest?: boolean },
  ): Promise<void>;
  /** The stored reference of their one-to-one chat with the bot, for proactive messages; null if none. */
  conversationReference(aadObjectId: string): Promise<unknown>;
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
  /** All customers (one partner's list is small: matching names happens in memory, in one query). */
  listNames(): Promise<Customer[]>;
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
  /** The customer's subscriptions, newest first; only those of `productIds` when given. */
  listByCustomer(customerId: string, productIds?: readonly string[]): Promise<Subscription[]>;
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
  /** Deletes confirmations (previews, carts, exports) that expired before `before`; returns how many. */
  purgeExpired(before: Dayjs): Promise<number>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Events of the given actions in [from, to), newest first, a page at a time (R-KEY-5). */
  query(filter: AuditQuery): Promise<{ events: AuditRecord[]; total: number }>;
}

export interface AuditQuery {
  readonly actions: readonly string[];
  readonly from: Dayjs;
  readonly to: Dayjs;
  readonly customerId?: string;
  readonly offset: number;
  readonly limit: number;
}

export interface AuditRecord extends AuditEntry {
  readonly id: string;
  readonly actorName: string | null;
  readonly customerName: string | null;
  readonly productName: string | null;
}

/** Sealing secrets at rest (AES-256-GCM) and making unguessable ones. Never logs what it handles. */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export interface SecretSource extends SecretBox {
  /** A 32-character product key (R-KEY-2). */
  productKey(): string;
  /** A download token of at least 128 random bits, and its hash (what is stored). */
  downloadToken(): { token: string; hash: string };
  hashToken(token: string): string;
}

export interface SoftwarePurchase {
  readonly orderId: string;
  readonly customerId: string;
  readonly productId: string;
  readonly productName: string;
  readonly productKind: ProductKind;
  readonly commercePolicy: CommercePolicy;
  readonly cancelRestriction: CancelRestriction;
  readonly softwareOptions: unknown;
  readonly placedAt: Dayjs;
  readonly status: 'completed' | 'cancelled';
  readonly cancelledAt: Dayjs | null;
  readonly creditAmount: number | null;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  readonly lineTotal: number;
  readonly currency: string;
  /** The software subscription the order created, if any (server subscriptions, reservations). */
  readonly subscription: Pick<Subscription, 'id' | 'termStartAt' | 'renewsAt' | 'status'> | null;
  /** Keys issued for the order and not revoked. */
  readonly activeKeys: number;
}

export interface NewProductKey {
  readonly id: string;
  readonly orderId: string;
  readonly productId: string;
  readonly customerId: string;
  readonly version: string;
  readonly language: string;
  readonly variant: string;
  readonly keySealed: string;
  readonly issuedAt: Dayjs;
  readonly issuedTo: string;
}

export interface NewDownloadLink {
  readonly id: string;
  readonly tokenHash: string;
  readonly tokenSealed: string;
  readonly fileUrlSealed: string;
  readonly orderId: string;
  readonly productId: string;
  readonly customerId: string;
  readonly version: string;
  readonly language: string;
  readonly variant: string;
  readonly issuedAt: Dayjs;
  readonly expiresAt: Dayjs;
  readonly maxDownloads: number;
  readonly issuedTo: string;
}

export interface StoredDownloadLink extends NewDownloadLink {
  readonly downloadCount: number;
  readonly revokedAt: Dayjs | null;
}

export interface SoftwareRepository {
  /** The customer's software purchases (orders of software products), newest first. */
  listPurchases(customerId: string): Promise<SoftwarePurchase[]>;
  findPurchase(orderId: string): Promise<SoftwarePurchase | null>;
  saveKey(key: NewProductKey): Promise<void>;
  saveLink(link: NewDownloadLink): Promise<void>;
  findKey(id: string): Promise<(NewProductKey & { revokedAt: Dayjs | null }) | null>;
  /** The unrevoked key already issued for this order and edition, if any. */
  findActiveKey(
    orderId: string,
    edition: { version: string; language: string; variant: string },
  ): Promise<{ id: string } | null>;
  findLink(id: string): Promise<StoredDownloadLink | null>;
  findLinkByTokenHash(hash: string): Promise<StoredDownloadLink | null>;
  /**
   * Counts one download if the link is unrevoked, unexpired at `now` and under its limit, in one
   * conditional update: concurrent downloads can never exceed the limit. Null when it was not allowed.
   */
  countDownload(tokenHash: string, now: Dayjs): Promise<StoredDownloadLink | null>;
  /** Revokes every key and link of the order (R-SWC-6). */
  revokeOrder(orderId: string, now: Dayjs): Promise<{ keys: number; links: number }>;
  /** Marks a completed order cancelled with its credit; false if it was not completed any more. */
  cancelOrder(orderId: string, now: Dayjs, credit: number, reason: string): Promise<boolean>;
}

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

export type ReminderKind =
  | 'cancel-window-24h'
  | 'cancel-window-2h'
  | 'trial-ends-3d'
  | 'data-deletion-7d'
  | 'link-expires-1d'
  | 'cancellation-1d'
  /** Not time-driven: the customer accepted a reseller relationship (delivered with the same retries). */
  | 'relationship-accepted';

export interface NewReminder {
  readonly id: string;
  readonly kind: ReminderKind;
  readonly subjectId: string;
  readonly recipientAadObjectId: string;
  readonly eventAt: Dayjs;
  readonly uniqueKey: string;
  readonly payload: Record<string, string | number | null>;
  readonly createdAt: Dayjs;
  readonly nextAttemptAt: Dayjs;
}

export interface StoredReminder extends NewReminder {
  readonly attempts: number;
}

/** What reminders are made from, read across all customers. */
export interface ReminderSources {
  readonly subscriptions: ReadonlyArray<{
    readonly subscription: Subscription;
    readonly product: Product;
    readonly customerName: string;
    readonly placedBy: string;
    /** Who last suspended it, or scheduled its cancellation (from the audit log), if anyone. */
    readonly lastActorFor: Partial<Record<'subscription.suspend' | 'subscription.cancel', string>>;
  }>;
  readonly links: ReadonlyArray<{
    readonly linkId: string;
    readonly orderId: string;
    readonly productName: string;
    readonly customerName: string;
    readonly issuedTo: string;
    readonly expiresAt: Dayjs;
  }>;
}

export interface ReminderRepository {
  sources(now: Dayjs): Promise<ReminderSources>;
  /** Adds the reminders not yet known (by unique key); returns how many were new. */
  create(reminders: readonly NewReminder[]): Promise<number>;
  /**
   * Claims up to `limit` unsent reminders due at `now` for this instance until `leaseUntil` (rows another
   * instance holds are skipped), so that each is sent by one instance.
   */
  claimDue(now: Dayjs, instanceId: string, leaseUntil: Dayjs, limit: number): Promise<StoredReminder[]>;
  /** Extends this instance's claim on those reminders it still holds at `now`; returns their ids. */
  extendClaim(ids: readonly string[], instanceId: string, now: Dayjs, leaseUntil: Dayjs): Promise<string[]>;
  markSent(id: string, instanceId: string, now: Dayjs): Promise<void>;
  markSkipped(id: string, instanceId: string, now: Dayjs): Promise<void>;
  /** Releases the claim and tries again at `nextAttemptAt`. */
  reschedule(
    id: string,
    instanceId: string,
    nextAttemptAt: Dayjs,
    error: string | null,
    countAttempt: boolean,
  ): Promise<void>;
}

export interface ReminderPreferences {
  readonly enabled: boolean;
  readonly digest: boolean;
  readonly locale: string | null;
  readonly timeZone: string | null;
}

export interface SupportRequestRepository {
  create(request: NewSupportRequest): Promise<void>;
  list(limit: number): Promise<Array<NewSupportRequest & { status: string; customerName: string }>>;
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
  readonly software: SoftwareRepository;
  readonly supportRequests: SupportRequestRepository;
  readonly relationships: RelationshipRepository;
  readonly reminders: ReminderRepository;
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
  readonly secrets: SecretSource;
  /** Where the bot is reached from outside, for download links (e.g. https://bot.partner.example). */
  readonly publicBaseUrl: () => string;
  readonly uow: UnitOfWork;
  /** 128-bit random ids for pending actions and other unguessable references. */
  readonly newId: () => string;
}

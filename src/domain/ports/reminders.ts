/** The reminder port: what reminders are made from, and their delivery state. */
import type { Dayjs } from '../shared/time.js';
import type { Product, Subscription } from '../shared/model.js';

export type ReminderKind =
  | 'cancel-window-24h'
  | 'cancel-window-2h'
  | 'trial-ends-3d'
  | 'data-deletion-7d'
  | 'link-expires-1d'
  | 'cancellation-1d'
  /** Not time-driven: the customer accepted a reseller relationship (delivered with the same retries). */
  | 'relationship-accepted'
  /** Not time-driven: Partner Center changed a subscription's status or quantity (partner-center webhook). */
  | 'subscription-changed';

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

/** What reminders are made from, read across all customers (a page of each, see ReminderRepository). */
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

export type SubscriptionSource = ReminderSources['subscriptions'][number];
export type LinkSource = ReminderSources['links'][number];

/** Where a page of a source stopped: the last row's instant (its check time, or its expiry) and id. */
export interface SourceCursor {
  readonly at: Dayjs;
  readonly id: string;
}

/** One page of a source, read in (instant, id) order: the rows after `after`, at most `limit`. */
export interface SourcePage {
  readonly after: SourceCursor | null;
  readonly limit: number;
}

/** A page's rows (their number is the rows read), and where the next page starts (null: this was the last). */
export interface SourcePageOf<T> {
  readonly rows: readonly T[];
  readonly next: SourceCursor | null;
}

/**
 * When the reminder pass must next look at a subscription (null: never again), conditional on the
 * version it read: a subscription changed meanwhile keeps its earlier check time.
 */
export interface ReminderCheck {
  readonly id: string;
  readonly version: number;
  readonly checkAt: Dayjs | null;
}

export interface ReminderRepository {
  /**
   * Subscriptions whose reminder check time has come (at or before `now`), in (check time, id) order, one
   * page at a time. A subscription's check time is set when it is saved (any change re-queues it) and
   * advanced by the pass (`advanceReminderChecks`), so the pass reads what may be due, not the table.
   */
  subscriptionsToCheck(now: Dayjs, page: SourcePage): Promise<SourcePageOf<SubscriptionSource>>;
  /** Sets the next check times of the subscriptions still at the version read; returns how many were set. */
  advanceReminderChecks(checks: readonly ReminderCheck[]): Promise<number>;
  /** The sources of these subscriptions, whatever their check time (to re-evaluate claimed reminders). */
  subscriptionSourcesById(ids: readonly string[]): Promise<SubscriptionSource[]>;
  /**
   * Download links that may give a reminder at `now` (expiring within 25 hours, not revoked), in
   * (expiry, id) order, paged the same way.
   */
  linkSources(now: Dayjs, page: SourcePage): Promise<SourcePageOf<LinkSource>>;
  /** The sources of these download links (not revoked, downloads left), to re-evaluate claimed reminders. */
  linkSourcesById(ids: readonly string[]): Promise<LinkSource[]>;
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

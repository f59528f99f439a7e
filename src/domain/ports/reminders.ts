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

/** One page of a source, read in id order: the rows after `after`, at most `limit`. */
export interface SourcePage {
  readonly after: string | null;
  readonly limit: number;
}

/** A page's rows that may give a reminder, and where the next page starts (null: this was the last). */
export interface SourcePageOf<T> {
  readonly rows: readonly T[];
  readonly next: string | null;
}

export interface ReminderRepository {
  /**
   * Subscriptions that may give a reminder at `now`, in id order, one page at a time: the caller reads
   * pages until `next` is null, so every candidate is seen once whatever the table's size.
   */
  subscriptionSources(
    now: Dayjs,
    page: SourcePage,
  ): Promise<SourcePageOf<ReminderSources['subscriptions'][number]>>;
  /** Download links that may give a reminder at `now` (expiring within 25 hours), paged the same way. */
  linkSources(now: Dayjs, page: SourcePage): Promise<SourcePageOf<ReminderSources['links'][number]>>;
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

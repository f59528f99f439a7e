/** The subscription port. */
import type { Dayjs } from '../shared/time.js';
import type { Subscription } from '../shared/model.js';
import type { SaveOutcome } from '../shared/external-refusal.js';

export interface SubscriptionRepository {
  /**
   * The customer's subscriptions, newest first; only those of `productIds` when given; only the `window`
   * (`offset` rows skipped, at most `limit` read) when given.
   */
  listByCustomer(
    customerId: string,
    productIds?: readonly string[],
    window?: ReadWindow,
  ): Promise<Subscription[]>;
  findById(id: string): Promise<Subscription | null>;
  /**
   * Writes the subscription's state if its stored version is still `expectedVersion`, incrementing it:
   * 'saved'; 'conflict' when someone changed it meanwhile (nothing written); an ExternalRefusal when the
   * commerce backend refused (nothing written there either). `operationId` is the pending action's id: an
   * external backend derives its request id from it, so a retry (even after a restart) is the same request
   * (R-PC-3). Every use case passes it; only fixtures that write outside a confirmation leave it out.
   */
  save(
    next: Subscription,
    expectedVersion: number,
    changes: { licenseAdditions?: readonly LicenseAddition[] },
    operationId?: string,
  ): Promise<SaveOutcome>;
  /** The licenses added and when, oldest first (R-NCE-2). */
  licenseAdditions(id: string): Promise<LicenseAddition[]>;
}

/** A slice of a list, for a card page: skip `offset` rows, read at most `limit`. */
export interface ReadWindow {
  readonly offset: number;
  readonly limit: number;
}

export interface LicenseAddition {
  readonly at: Dayjs;
  readonly count: number;
}

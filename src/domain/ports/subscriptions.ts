/** The subscription port. */
import type { Dayjs } from '../shared/time.js';
import type { Subscription } from '../shared/model.js';

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
    changes: { licenseAdditions?: readonly LicenseAddition[] },
  ): Promise<boolean>;
  /** The licenses added and when, oldest first (R-NCE-2). */
  licenseAdditions(id: string): Promise<LicenseAddition[]>;
}

export interface LicenseAddition {
  readonly at: Dayjs;
  readonly count: number;
}

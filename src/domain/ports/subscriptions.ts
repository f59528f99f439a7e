/** The subscription port. */
import type { Dayjs } from '../shared/time.js';
import type { Subscription, SubscriptionStatus } from '../shared/model.js';
import type { SaveOutcome } from '../shared/external-refusal.js';

export interface SubscriptionRepository {
  /**
   * The customer's subscriptions, newest first; only those `select` picks when given (one selection, or
   * any of several); only the `window` (`offset` rows skipped, at most `limit` read) when given.
   */
  listByCustomer(
    customerId: string,
    select?: SubscriptionSelection | readonly SubscriptionSelection[],
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

/**
 * Which of a customer's subscriptions to read: every condition given must hold. A use case reads what its
 * rule looks at, not everything the customer holds (a customer may hold thousands).
 */
export interface SubscriptionSelection {
  /** Only these subscriptions. */
  readonly ids?: readonly string[];
  /** Only subscriptions to these products. */
  readonly productIds?: readonly string[];
  /**
   * Only subscriptions stored in one of these states. Time turns a stored active or suspended subscription
   * into a cancelled or expired one as it is read (subscription-state.ts), never the other way round, so
   * `['active', 'suspended']` is every subscription that may still be held: the caller still evaluates
   * each one at its `now`.
   */
  readonly statuses?: readonly SubscriptionStatus[];
  /** Only those an order provisioned. */
  readonly orderId?: string;
  /** Only the add-ons attached to this base subscription (R-ADD-1). */
  readonly baseSubscriptionId?: string;
}

/** Whether `sub` is one of those `select` picks (the in-memory reading of a selection, for lists already read). */
export function selects(
  select: SubscriptionSelection | readonly SubscriptionSelection[] | undefined,
  sub: Pick<Subscription, 'id' | 'productId' | 'status' | 'orderId' | 'baseSubscriptionId'>,
): boolean {
  if (select === undefined) return true;
  return selectionsOf(select).some(
    (one) =>
      (one.ids === undefined || one.ids.includes(sub.id)) &&
      (one.productIds === undefined || one.productIds.includes(sub.productId)) &&
      (one.statuses === undefined || one.statuses.includes(sub.status)) &&
      (one.orderId === undefined || one.orderId === sub.orderId) &&
      (one.baseSubscriptionId === undefined || one.baseSubscriptionId === sub.baseSubscriptionId),
  );
}

/** A selection as the list of its alternatives (none: every subscription). */
export const selectionsOf = (
  select: SubscriptionSelection | readonly SubscriptionSelection[] | undefined,
): readonly SubscriptionSelection[] => (select === undefined ? [] : isList(select) ? select : [select]);

const isList = (
  select: SubscriptionSelection | readonly SubscriptionSelection[],
): select is readonly SubscriptionSelection[] => Array.isArray(select);

/** A slice of a list, for a card page: skip `offset` rows, read at most `limit`. */
export interface ReadWindow {
  readonly offset: number;
  readonly limit: number;
}

export interface LicenseAddition {
  readonly at: Dayjs;
  readonly count: number;
}

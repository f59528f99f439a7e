/**
 * Partner Center subscriptions ⇄ the domain's Subscription (R-PC-1), and the Product a subscription's
 * offer stands for when the bot's catalog does not know it.
 */
import { createHash } from 'node:crypto';
import type {
  BillingCycle,
  PartnerCenterWindows,
  Product,
  ProductKind,
  Subscription,
  SubscriptionStatus,
} from '../../domain/shared/model.js';
import { addDays, at, type Dayjs } from '../../domain/shared/time.js';
import type { SubscriptionChange } from '../operations/subscriptions.js';
import { readRefundExpiry, type Subscription as PcSubscription } from '../parsers/subscription.js';

/** The days a seat reduction stays open after the seats were added (new commerce; R-NCE-2). */
const SEAT_WINDOW_DAYS = 7;

/**
 * A domain subscription id names the customer too (Partner Center's paths need it), and starts with `SUB-`
 * so a typed or chosen id is recognised as one: `SUB-{customer tenant id}-{subscription id}`.
 */
export const subscriptionRef = (tenantId: string, subscriptionId: string): string =>
  `SUB-${tenantId}-${subscriptionId}`;

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const REF = new RegExp(`^sub-(${GUID})-(.+)$`, 'i');

export const parseSubscriptionRef = (ref: string): { tenantId: string; subscriptionId: string } | null => {
  const match = REF.exec(ref);
  return match ? { tenantId: match[1]!.toLowerCase(), subscriptionId: match[2]! } : null;
};

/** R-PC-1: active → active, suspended → suspended, deleted → cancelled, anything else → expired. */
export const toDomainStatus = (status: string): SubscriptionStatus => {
  switch (status.toLowerCase()) {
    case 'active':
      return 'active';
    case 'suspended':
      return 'suspended';
    case 'deleted':
      return 'cancelled';
    default:
      return 'expired';
  }
};

/** R-PC-1, reverse: the status Partner Center is asked for; none for expired (not something one asks). */
export const toPartnerCenterStatus = (status: SubscriptionStatus): SubscriptionChange['status'] => {
  switch (status) {
    case 'active':
      return 'active';
    case 'suspended':
      return 'suspended';
    case 'cancelled':
      return 'deleted';
    case 'expired':
      return undefined;
  }
};

const toBillingCycle = (cycle: string | undefined): BillingCycle =>
  cycle?.toLowerCase() === 'annual' ? 'annual' : 'monthly';

const instant = (value: string | undefined): Dayjs | undefined => {
  if (!value) return undefined;
  const parsed = at(value);
  return parsed.isValid() ? parsed : undefined;
};

/** Partner Center's own windows, as far as it states them (R-PC-4). */
export function windowsOf(pc: PcSubscription): PartnerCenterWindows {
  const refundUntil = (pc.refundOptions ?? [])
    .map((option) => instant(readRefundExpiry(option) ?? undefined))
    .filter((value): value is Dayjs => value !== undefined)
    .sort((a, b) => b.valueOf() - a.valueOf())[0];
  const cancellationAllowedUntil = instant(pc.cancellationAllowedUntilDate);
  const commitmentEndDate = instant(pc.commitmentEndDate ?? pc.commitmentEndDateTime);
  return {
    ...(refundUntil ? { refundUntil } : {}),
    ...(cancellationAllowedUntil ? { cancellationAllowedUntil } : {}),
    ...(pc.refundableQuantity ? { refundableQuantity: pc.refundableQuantity.totalQuantity } : {}),
    ...(commitmentEndDate ? { commitmentEndDate } : {}),
  };
}

/**
 * The optimistic version the domain compares: a number from the etag (it changes on every write), or from
 * the written fields when Partner Center gives no etag.
 */
export function versionOf(pc: PcSubscription): number {
  const basis = pc.attributes?.etag || `${pc.status}|${pc.quantity}|${String(pc.autoRenewEnabled)}`;
  return createHash('sha256').update(basis).digest().readUInt32BE(0);
}

/** R-PC-1: Partner Center's subscription as the domain sees it, read at `readAt`. */
export function toDomainSubscription(
  pc: PcSubscription,
  owner: { customerId: string; tenantId: string },
  readAt: Dayjs,
): Subscription {
  const windows = windowsOf(pc);
  const termStartAt = instant(pc.effectiveStartDate) ?? instant(pc.creationDate) ?? readAt;
  const orderedAt = instant(pc.creationDate) ?? termStartAt;
  const offerId = pc.offerId ?? pc.id;
  return {
    id: subscriptionRef(owner.tenantId, pc.id),
    customerId: owner.customerId,
    productId: offerId,
    productName: pc.offerName ?? pc.friendlyName ?? offerId,
    orderId: pc.orderId ?? '',
    quantity: pc.quantity,
    billingCycle: toBillingCycle(pc.billingCycle),
    status: toDomainStatus(pc.status),
    autoRenew: pc.autoRenewEnabled ?? false,
    orderedAt,
    termStartAt,
    renewsAt: windows.commitmentEndDate ?? termStartAt.add(1, 'year'),
    trialEndsAt: pc.isTrial ? (windows.commitmentEndDate ?? null) : null,
    suspendedAt: null,
    dataDeletedAt: null,
    cancelledAt: null,
    cancelAt: null,
    version: versionOf(pc),
    source: { system: 'partner-center', readAt: readAt.toISOString() },
    windows,
  };
}

/**
 * R-PC-1, reverse: what a PATCH sends for the domain's next state (status, auto-renew, quantity only; the
 * connector sends them over a fresh GET of the whole subscription).
 */
export function toPartnerCenterChange(next: Subscription): SubscriptionChange {
  const status = toPartnerCenterStatus(next.status);
  return {
    ...(status !== undefined ? { status } : {}),
    autoRenewEnabled: next.autoRenew,
    quantity: next.quantity,
  };
}

/**
 * The seats Partner Center still lets go, as the license additions the domain's rule reads (R-NCE-2 with
 * Partner Center's facts, R-PC-4): each `refundableQuantity.details` entry is seats added seven days before
 * its `allowedUntilDateTime`.
 */
export function licenseAdditionsOf(pc: PcSubscription): Array<{ at: Dayjs; count: number }> {
  const details = pc.refundableQuantity?.details;
  if (details && details.length > 0) {
    return details
      .flatMap((d) => {
        const until = instant(d.allowedUntilDateTime);
        return until ? [{ at: addDays(until, -SEAT_WINDOW_DAYS), count: d.quantity }] : [];
      })
      .sort((a, b) => a.at.valueOf() - b.at.valueOf());
  }
  const total = pc.refundableQuantity?.totalQuantity;
  const until = instant(pc.cancellationAllowedUntilDate);
  return total && until ? [{ at: addDays(until, -SEAT_WINDOW_DAYS), count: total }] : [];
}

const KIND_BY_PRODUCT_TYPE: Readonly<Record<string, ProductKind>> = {
  onlineservicesnce: 'online-service',
  onlineservices: 'online-service',
  saas: 'marketplace-saas',
  azure: 'azure-reservation',
  software: 'software-subscription',
};

/** The product a subscription's offer stands for, from the subscription alone (prices unknown: 0). */
export function productOfSubscription(pc: PcSubscription): Product {
  const type = pc.productType?.id?.toLowerCase() ?? 'onlineservicesnce';
  const kind: ProductKind =
    type === 'software' && pc.billingCycle?.toLowerCase() === 'one_time'
      ? 'perpetual-software'
      : (KIND_BY_PRODUCT_TYPE[type] ?? 'online-service');
  const offerId = pc.offerId ?? pc.id;
  return {
    id: offerId,
    name: pc.offerName ?? pc.friendlyName ?? offerId,
    kind,
    publisher: 'Microsoft',
    billingType: 'license',
    category: 'enterprise',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 0,
    currency: 'USD',
    onePerCustomer: false,
    trialDays: null,
    maxQuantity: 10_000,
    isvSupportedCountries: [],
    isvCspOptOut: false,
    privateOfferPartnerIds: [],
    unavailableCountries: [],
    // New-commerce catalog items are `product:sku:availability`; legacy offers are a single id.
    commercePolicy: offerId.includes(':') || type === 'onlineservicesnce' ? 'new-commerce' : 'legacy',
    cancelRestriction: 'none',
    isvSetupUrl: null,
  };
}

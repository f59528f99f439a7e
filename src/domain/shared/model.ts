/** The domain's nouns. Enumerations are zod schemas so that every boundary can check them. */
import { z } from 'zod';
import type { Dayjs } from './time.js';
import type { Role } from './roles.js';
import type { FactSource } from './external-refusal.js';

export const SegmentSchema = z.enum(['commercial', 'education', 'government', 'nonprofit']);
export type Segment = z.infer<typeof SegmentSchema>;

export const ProductKindSchema = z.enum([
  'online-service',
  'marketplace-saas',
  'software-subscription',
  'perpetual-software',
  'azure-reservation',
]);
export type ProductKind = z.infer<typeof ProductKindSchema>;

/** The kinds bought as software: an order of their own, cancelled as an order (R-SWC-*). */
export const SOFTWARE_KINDS: readonly ProductKind[] = [
  'software-subscription',
  'perpetual-software',
  'azure-reservation',
];

export const isSoftware = (kind: ProductKind): boolean => SOFTWARE_KINDS.includes(kind);

export const BillingTypeSchema = z.enum(['license', 'usage']);
export type BillingType = z.infer<typeof BillingTypeSchema>;

export const CategorySchema = z.enum(['enterprise', 'small-business', 'trial']);
export type Category = z.infer<typeof CategorySchema>;

export const BillingCycleSchema = z.enum(['monthly', 'annual']);
export type BillingCycle = z.infer<typeof BillingCycleSchema>;

/** Which cancellation and license rules apply to a product: the 2019–2021 documents or new commerce. */
export const CommercePolicySchema = z.enum(['legacy', 'new-commerce']);
export type CommercePolicy = z.infer<typeof CommercePolicySchema>;

/** Software that cannot go through the cancel flow: ESU goes to a support request, SUSE/Red Hat never. */
export const CancelRestrictionSchema = z.enum(['none', 'support-request-only', 'not-cancellable']);
export type CancelRestriction = z.infer<typeof CancelRestrictionSchema>;

export const SubscriptionStatusSchema = z.enum(['active', 'suspended', 'expired', 'cancelled']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>;

export interface Staff {
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly locale: string | null;
  readonly timeZone: string | null;
  /** Their Entra tenant (R-ID-2); null until their first turn from an allowed tenant. */
  readonly tenantId?: string | null;
  /** Their one-to-one chat with the bot (conversation id and service address), when known. */
  readonly personalConversationId?: string | null;
}

export interface Customer {
  readonly id: string;
  readonly companyName: string;
  readonly primaryDomain: string;
  readonly tenantId: string;
  readonly billingCountry: string;
  readonly segment: Segment;
  readonly tenantRegion: string;
  readonly preferredLanguage: string | null;
  readonly accountCreatedAt: Dayjs;
  readonly firstBillingPeriodStartAt: Dayjs;
  /** 'active': we are its reseller; 'invited': a reseller relationship request awaits it; 'prospect'. */
  readonly relationship: CustomerRelationship;
  /** Where these facts were read; absent means the bot's own record. */
  readonly source?: FactSource;
}

export const CustomerRelationshipSchema = z.enum(['active', 'invited', 'prospect']);
export type CustomerRelationship = z.infer<typeof CustomerRelationshipSchema>;

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly kind: ProductKind;
  readonly publisher: string;
  readonly billingType: BillingType;
  readonly category: Category;
  readonly billingCycles: readonly BillingCycle[];
  readonly segments: readonly Segment[];
  readonly unitPrice: number;
  readonly currency: string;
  readonly onePerCustomer: boolean;
  readonly trialDays: number | null;
  readonly maxQuantity: number;
  readonly isvSupportedCountries: readonly string[];
  readonly isvCspOptOut: boolean;
  readonly privateOfferPartnerIds: readonly string[];
  readonly unavailableCountries: readonly string[];
  readonly commercePolicy: CommercePolicy;
  readonly cancelRestriction: CancelRestriction;
  readonly isvSetupUrl: string | null;
  /** Add-on (R-ADD-1): the products it attaches to; absent or empty for a product bought on its own. */
  readonly baseProductIds?: readonly string[];
  /** Upgrade paths (R-UPG-1): products a subscription to this one can move to, keeping its licences. */
  readonly upgradeTargetIds?: readonly string[];
  /** The same licences on another term, sold as a product of its own (new commerce, R-TRM-1). */
  readonly termOptionIds?: readonly string[];
}

/** R-ADD-1: an add-on attaches to a base subscription and is never bought on its own. */
export const isAddOn = (product: Pick<Product, 'baseProductIds'>): boolean =>
  (product.baseProductIds?.length ?? 0) > 0;

export const isMicrosoftProduct = (product: Pick<Product, 'publisher'>): boolean =>
  product.publisher.toLowerCase() === 'microsoft';

export interface Subscription {
  readonly id: string;
  readonly customerId: string;
  readonly productId: string;
  readonly productName: string;
  readonly orderId: string;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  readonly status: SubscriptionStatus;
  readonly autoRenew: boolean;
  readonly orderedAt: Dayjs;
  readonly termStartAt: Dayjs;
  readonly renewsAt: Dayjs;
  readonly trialEndsAt: Dayjs | null;
  readonly suspendedAt: Dayjs | null;
  readonly dataDeletedAt: Dayjs | null;
  readonly cancelledAt: Dayjs | null;
  readonly cancelAt: Dayjs | null;
  readonly version: number;
  /** Where these facts were read; absent means the bot's own record. */
  readonly source?: FactSource;
  /** Partner Center's own window facts, when it gives them: they win over the rules (R-PC-4). */
  readonly windows?: PartnerCenterWindows;
  /** Add-on (R-ADD-1): the base subscription it is attached to. */
  readonly baseSubscriptionId?: string | null;
  /** Terms are counted from here once the cycle or term changed (R-TRM-1); absent: trial end or order. */
  readonly termAnchorAt?: Dayjs | null;
  /** A change of product and cycle that takes effect at the renewal date (R-TRM-2). */
  readonly scheduledChange?: { readonly productId: string; readonly billingCycle: BillingCycle } | null;
}

/** Windows as Partner Center states them for one subscription (all optional: it does not always say). */
export interface PartnerCenterWindows {
  /** The last instant a cancellation gets a refund (`refundOptions[].expiresAt`). */
  readonly refundUntil?: Dayjs;
  /** `cancellationAllowedUntilDate`: the last instant a cancellation is accepted. */
  readonly cancellationAllowedUntil?: Dayjs;
  /** `refundableQuantity.totalQuantity`: how many seats may still be removed. */
  readonly refundableQuantity?: number;
  /** `commitmentEndDate`: the end of the term. */
  readonly commitmentEndDate?: Dayjs;
}

export interface OrderLine {
  readonly productId: string;
  readonly productName: string;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  readonly unitPrice: number;
  readonly currency: string;
}

export const OrderStatusSchema = z.enum(['completed', 'cancelled']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export interface Order {
  readonly id: string;
  readonly customerId: string;
  readonly placedByAadObjectId: string;
  readonly placedAt: Dayjs;
  readonly status: OrderStatus;
  readonly total: number;
  readonly currency: string;
  readonly lines: readonly OrderLine[];
  /** Where these facts were read; absent means the bot's own record. */
  readonly source?: FactSource;
}

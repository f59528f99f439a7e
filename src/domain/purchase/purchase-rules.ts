/**
 * What may be bought for whom (R-BUY-2..9), as pure functions of the product, the customer, the
 * customer's subscriptions and the partner. The same checks run when the cart is shown and again at
 * purchase.
 */
import { isSoftware } from '../shared/model.js';
import type { DomainError } from '../shared/errors.js';
import {
  isMicrosoftProduct,
  type BillingCycle,
  type Customer,
  type Product,
  type Subscription,
} from '../shared/model.js';
import type { PartnerSettings } from '../ports/partner.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Action } from '../shared/roles.js';
import { addDays, type Dayjs } from '../shared/time.js';

/** R-BUY-8: customers billed in these countries see prices that include tax. */
export const TAX_INCLUSIVE_COUNTRIES: readonly string[] = ['AU', 'BR'];
export const TRIAL_DAYS = 30;

export const pricesIncludeTax = (customer: Pick<Customer, 'billingCountry'>): boolean =>
  TAX_INCLUSIVE_COUNTRIES.includes(customer.billingCountry.toUpperCase());

/** Software, perpetual software and Azure reservations need R-ROLE-2; the rest R-ROLE-1. */
export const buyActionFor = (product: Pick<Product, 'kind'>): Action =>
  isSoftware(product.kind) ? 'software.buy' : 'subscription.buy';

export interface PurchaseLine {
  readonly productId: string;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
}

const refused = (
  rule: string,
  reason: Extract<DomainError, { kind: 'refused' }>['reason'],
  facts?: Record<string, string | number>,
) => err<DomainError>({ kind: 'refused', rule, reason, ...(facts ? { facts } : {}) });

/** Checks that do not depend on the quantity or cycle chosen: can this customer have this product at all? */
export function checkAvailability(
  product: Product,
  customer: Customer,
  held: readonly Subscription[],
  partner: PartnerSettings,
): Result<void, DomainError> {
  const facts = { product: product.name, customer: customer.companyName, country: customer.billingCountry };
  // R-REL-1: only once the customer accepted the reseller relationship can we provision for it.
  if (customer.relationship !== 'active') return refused('R-REL-1', 'customer-not-active', facts);
  if (product.billingType === 'usage') return refused('R-BUY-5', 'usage-based', facts);
  if (!product.segments.includes(customer.segment))
    return refused('R-BUY-6', 'segment', { ...facts, segment: customer.segment });
  if (product.unavailableCountries.includes(customer.billingCountry)) {
    return refused(product.kind === 'azure-reservation' ? 'R-BUY-7' : 'R-BUY-6', 'market-unavailable', facts);
  }
  if (product.kind === 'marketplace-saas' && !isMicrosoftProduct(product)) {
    if (product.isvCspOptOut)
      return refused('R-BUY-4', 'isv-not-in-csp', { ...facts, publisher: product.publisher });
    if (
      product.privateOfferPartnerIds.length > 0 &&
      !product.privateOfferPartnerIds.includes(partner.partnerId)
    ) {
      return refused('R-BUY-4', 'private-offer', { ...facts, publisher: product.publisher });
    }
    if (
      product.isvSupportedCountries.length > 0 &&
      !product.isvSupportedCountries.includes(customer.billingCountry)
    ) {
      return refused('R-BUY-4', 'isv-country', { ...facts, publisher: product.publisher });
    }
  }
  const ofProduct = held.filter((s) => s.productId === product.id);
  const suspended = ofProduct.find((s) => s.status === 'suspended');
  if (suspended) return refused('R-BUY-3', 'suspended-exists', { ...facts, subscriptionId: suspended.id });
  // Decision: an expired subscription (its data deleted) no longer counts as held, like a cancelled one.
  if (product.onePerCustomer && ofProduct.some((s) => s.status === 'active')) {
    return refused('R-BUY-2', 'one-per-customer', facts);
  }
  return ok(undefined);
}

/** The full check of one cart line (R-BUY-1..7). `held` must be the customer's subscriptions as of now. */
export function checkLine(
  line: PurchaseLine,
  product: Product,
  customer: Customer,
  held: readonly Subscription[],
  partner: PartnerSettings,
): Result<void, DomainError> {
  const available = checkAvailability(product, customer, held, partner);
  if (!available.ok) return available;
  if (!product.billingCycles.includes(line.billingCycle)) {
    return refused('R-BUY-1', 'cycle-not-offered', { product: product.name, cycle: line.billingCycle });
  }
  if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > product.maxQuantity) {
    return refused('R-BUY-1', 'quantity', {
      product: product.name,
      max: product.maxQuantity,
      quantity: line.quantity,
    });
  }
  return ok(undefined);
}

/** R-BUY-9: when a new subscription's free trial ends (null when the product has none). */
export const trialEndFor = (product: Pick<Product, 'trialDays'>, orderedAt: Dayjs): Dayjs | null =>
  product.trialDays && product.trialDays > 0 ? addDays(orderedAt, product.trialDays) : null;

export const lineTotal = (product: Pick<Product, 'unitPrice'>, quantity: number): number =>
  Math.round(product.unitPrice * quantity * 100) / 100;

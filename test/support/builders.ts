/**
 * Domain objects with sensible defaults; a test overrides what its case is about and nothing else.
 *
 * Defaults: a legacy Microsoft online service, license-based, offered monthly and annually at $32 per
 * license per month, sold to every segment; a US commercial customer whose first billing period starts
 * when its account is created (90-day retention); an active, auto-renewing monthly subscription of 10
 * licenses ordered 2026-03-01T09:00Z, in its first term.
 */
import { DEMO_STAFF } from '../../prisma/seed/staff.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { Customer, Product, Subscription } from '../../src/domain/shared/model.js';
import type { Role } from '../../src/domain/shared/roles.js';
import { at, type Dayjs } from '../../src/domain/shared/time.js';

export const ORDERED_AT = '2026-03-01T09:00:00.000Z';

export function aProduct(overrides: Partial<Product> = {}): Product {
  return {
    id: 'prod-online-service',
    name: 'Contoso Online Service',
    kind: 'online-service',
    publisher: 'Microsoft',
    billingType: 'license',
    category: 'enterprise',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 32,
    currency: 'USD',
    onePerCustomer: false,
    trialDays: null,
    maxQuantity: 300,
    isvSupportedCountries: [],
    isvCspOptOut: false,
    privateOfferPartnerIds: [],
    unavailableCountries: [],
    commercePolicy: 'legacy',
    cancelRestriction: 'none',
    isvSetupUrl: null,
    ...overrides,
  };
}

/** An ISV marketplace SaaS product (publisher not Microsoft), otherwise as `aProduct`. */
export const anIsvSaasProduct = (overrides: Partial<Product> = {}): Product =>
  aProduct({
    id: 'prod-isv-saas',
    name: 'Relecloud Notes',
    kind: 'marketplace-saas',
    publisher: 'Relecloud',
    isvSetupUrl: 'https://relecloud.example/setup',
    ...overrides,
  });

export function aCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'cus-test',
    relationship: 'active',
    companyName: 'Test Customer Ltd',
    primaryDomain: 'testcustomer.onmicrosoft.com',
    tenantId: '7d3c1a52-0b8e-4f4e-9a61-3b1f0c2d9e11',
    billingCountry: 'US',
    segment: 'commercial',
    tenantRegion: 'NA',
    preferredLanguage: null,
    accountCreatedAt: at('2025-01-06T09:00:00Z'),
    firstBillingPeriodStartAt: at('2025-01-06T09:00:00Z'),
    ...overrides,
  };
}

/** A customer whose first billing period starts `days` × 24 h (plus `extraMs`) after its account was created. */
export const aCustomerWithGap = (days: number, extraMs = 0, overrides: Partial<Customer> = {}): Customer => {
  const accountCreatedAt = at('2025-01-06T09:00:00Z');
  return aCustomer({
    accountCreatedAt,
    firstBillingPeriodStartAt: accountCreatedAt.add(days * 86_400_000 + extraMs, 'millisecond'),
    ...overrides,
  });
};

const monthsOf = (cycle: Subscription['billingCycle']) => (cycle === 'monthly' ? 1 : 12);

/**
 * A subscription. Unless given, `termStartAt` is `orderedAt` and `renewsAt` one billing cycle later, so
 * overriding `orderedAt` or `billingCycle` alone keeps the first term consistent.
 */
export function aSubscription(overrides: Partial<Subscription> = {}): Subscription {
  const billingCycle = overrides.billingCycle ?? 'monthly';
  const orderedAt: Dayjs = overrides.orderedAt ?? at(ORDERED_AT);
  const termStartAt = overrides.termStartAt ?? orderedAt;
  return {
    id: 'SUB-test-1',
    customerId: 'cus-test',
    productId: 'prod-online-service',
    productName: 'Contoso Online Service',
    orderId: 'ORD-TEST-1',
    quantity: 10,
    status: 'active',
    autoRenew: true,
    trialEndsAt: null,
    suspendedAt: null,
    dataDeletedAt: null,
    cancelledAt: null,
    cancelAt: null,
    version: 0,
    ...overrides,
    billingCycle,
    orderedAt,
    termStartAt,
    renewsAt: overrides.renewsAt ?? termStartAt.add(monthsOf(billingCycle), 'month'),
  };
}

/**
 * Someone acting with exactly these roles. Where a demo staff member holds exactly these roles, the actor
 * is that person (so that rows written by the seed and by the test agree on who is who).
 */
export function anActor(roles: readonly Role[], overrides: Partial<Actor> = {}): Actor {
  const person = DEMO_STAFF.find(
    (s) => s.roles.length === roles.length && s.roles.every((role) => roles.includes(role)),
  );
  return {
    aadObjectId: person?.aadObjectId ?? '00000000-0000-4000-8000-0000000000ff',
    displayName: person?.displayName ?? `Tester (${roles.join(', ') || 'no role'})`,
    roles: [...roles],
    ...overrides,
  };
}

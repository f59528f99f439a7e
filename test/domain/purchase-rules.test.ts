import { describe, expect, it } from 'vitest';
import { AZURE_RESERVATION_UNAVAILABLE_COUNTRY_CODES } from '../../prisma/seed/catalog.js';
import type { Product, Subscription } from '../../src/domain/shared/model.js';
import type { PartnerSettings } from '../../src/domain/ports/partner.js';
import {
  buyActionFor,
  checkAvailability,
  checkLine,
  pricesIncludeTax,
  trialEndFor,
  type PurchaseLine,
} from '../../src/domain/purchase/purchase-rules.js';
import { can } from '../../src/domain/shared/roles.js';
import { at, DAY_MS } from '../../src/domain/shared/time.js';
import { aCustomer, aProduct, aSubscription, anIsvSaasProduct } from '../support/builders.js';

const PARTNER: PartnerSettings = { partnerId: 'partner-self-001', region: 'APAC' };
const customer = aCustomer({ billingCountry: 'US', segment: 'commercial' });
const available = (product: Product, held: readonly Subscription[] = [], who = customer) =>
  checkAvailability(product, who, held, PARTNER);
const refusal = (rule: string, reason: string) => ({ ok: false, error: { kind: 'refused', rule, reason } });

describe('one subscription per customer', () => {
  const onePer = aProduct({ id: 'defender', name: 'Defender', onePerCustomer: true });
  const held = (status: Subscription['status']) => [aSubscription({ productId: onePer.id, status })];

  it('R-BUY-2: refuses a product limited to one per customer while the customer holds an active one', () => {
    expect(available(onePer, held('active'))).toMatchObject(refusal('R-BUY-2', 'one-per-customer'));
  });

  it('R-BUY-2: allows it again once the existing subscription is cancelled', () => {
    expect(available(onePer, held('cancelled'))).toEqual({ ok: true, value: undefined });
  });

  it('R-BUY-2: allows it again once the existing subscription has expired (Decision: its data is deleted)', () => {
    expect(available(onePer, held('expired'))).toEqual({ ok: true, value: undefined });
  });

  it('R-BUY-2: only subscriptions to the same product count', () => {
    expect(available(onePer, [aSubscription({ productId: 'another-product' })])).toMatchObject({ ok: true });
  });

  it('R-BUY-2: a product without the limit can be bought again while one is active', () => {
    const many = aProduct({ id: 'many', onePerCustomer: false });
    expect(available(many, [aSubscription({ productId: many.id })])).toMatchObject({ ok: true });
  });
});

describe('a suspended subscription to the same product', () => {
  it('R-BUY-3: refuses the purchase, offering reactivation, with the suspended subscription id in the facts', () => {
    const product = aProduct({ id: 'bp' });
    const suspended = aSubscription({ id: 'SUB-suspended-bp', productId: product.id, status: 'suspended' });
    const result = available(product, [suspended]);
    expect(result).toMatchObject(refusal('R-BUY-3', 'suspended-exists'));
    expect(!result.ok && result.error.kind === 'refused' && result.error.facts?.subscriptionId).toBe(
      'SUB-suspended-bp',
    );
  });

  it('R-BUY-3: is checked before R-BUY-2 when the customer also holds an active one of a one-per-customer product', () => {
    const onePer = aProduct({ id: 'defender', onePerCustomer: true });
    const held = [
      aSubscription({ id: 'SUB-active', productId: onePer.id, status: 'active' }),
      aSubscription({ id: 'SUB-suspended', productId: onePer.id, status: 'suspended' }),
    ];
    expect(available(onePer, held)).toMatchObject({
      ok: false,
      error: { rule: 'R-BUY-3', reason: 'suspended-exists', facts: { subscriptionId: 'SUB-suspended' } },
    });
  });
});

describe('ISV marketplace SaaS', () => {
  it('R-BUY-4: refuses a billing country the ISV does not support, and allows one it does', () => {
    const isv = anIsvSaasProduct({ isvSupportedCountries: ['US', 'CA', 'GB', 'DE'] });
    expect(available(isv, [], aCustomer({ billingCountry: 'KR' }))).toMatchObject(
      refusal('R-BUY-4', 'isv-country'),
    );
    expect(available(isv, [], aCustomer({ billingCountry: 'DE' }))).toMatchObject({ ok: true });
  });

  it('R-BUY-4: refuses an ISV that does not sell through CSP', () => {
    expect(available(anIsvSaasProduct({ isvCspOptOut: true }))).toMatchObject(
      refusal('R-BUY-4', 'isv-not-in-csp'),
    );
  });

  it('R-BUY-4: refuses a private offer made to another partner', () => {
    const offer = anIsvSaasProduct({ privateOfferPartnerIds: ['partner-other-001'] });
    expect(available(offer)).toMatchObject(refusal('R-BUY-4', 'private-offer'));
  });

  it('R-BUY-4: allows a private offer made to this partner', () => {
    const offer = anIsvSaasProduct({ privateOfferPartnerIds: ['partner-other-001', PARTNER.partnerId] });
    expect(available(offer)).toEqual({ ok: true, value: undefined });
  });

  it('R-BUY-4: does not apply the ISV checks to a marketplace product Microsoft publishes', () => {
    const microsoft = anIsvSaasProduct({
      publisher: 'Microsoft',
      isvSupportedCountries: ['US'],
      isvCspOptOut: true,
      privateOfferPartnerIds: ['partner-other-001'],
    });
    expect(available(microsoft, [], aCustomer({ billingCountry: 'KR' }))).toEqual({
      ok: true,
      value: undefined,
    });
  });
});

describe('what is not sold through this flow, or not to this customer', () => {
  it('R-BUY-5: refuses usage-based marketplace products (bought in the Azure portal)', () => {
    expect(available(anIsvSaasProduct({ billingType: 'usage' }))).toMatchObject(
      refusal('R-BUY-5', 'usage-based'),
    );
  });

  it('R-BUY-6: offers a product only to the segments it is sold to', () => {
    const education = aProduct({ segments: ['education'] });
    expect(available(education, [], aCustomer({ segment: 'commercial' }))).toMatchObject({
      ok: false,
      error: { rule: 'R-BUY-6', reason: 'segment', facts: { segment: 'commercial' } },
    });
    expect(available(education, [], aCustomer({ segment: 'education' }))).toMatchObject({ ok: true });
  });

  it('R-BUY-7: refuses an Azure reservation for a customer billed in an unavailable market (AD, GL, CN)', () => {
    const reservation = aProduct({
      kind: 'azure-reservation',
      billingCycles: ['annual'],
      unavailableCountries: [...AZURE_RESERVATION_UNAVAILABLE_COUNTRY_CODES],
    });
    for (const country of ['AD', 'GL', 'CN']) {
      expect(AZURE_RESERVATION_UNAVAILABLE_COUNTRY_CODES).toContain(country);
      expect(available(reservation, [], aCustomer({ billingCountry: country }))).toMatchObject(
        refusal('R-BUY-7', 'market-unavailable'),
      );
    }
  });

  it('R-BUY-7: allows an Azure reservation for a customer billed in the US', () => {
    const reservation = aProduct({
      kind: 'azure-reservation',
      billingCycles: ['annual'],
      unavailableCountries: [...AZURE_RESERVATION_UNAVAILABLE_COUNTRY_CODES],
    });
    expect(AZURE_RESERVATION_UNAVAILABLE_COUNTRY_CODES).not.toContain('US');
    expect(available(reservation, [], aCustomer({ billingCountry: 'US' }))).toEqual({
      ok: true,
      value: undefined,
    });
  });
});

describe('prices and trials', () => {
  it('R-BUY-8: prices include tax for customers billed in Australia and Brazil, and not in the US or Korea', () => {
    expect(pricesIncludeTax({ billingCountry: 'AU' })).toBe(true);
    expect(pricesIncludeTax({ billingCountry: 'BR' })).toBe(true);
    expect(pricesIncludeTax({ billingCountry: 'US' })).toBe(false);
    expect(pricesIncludeTax({ billingCountry: 'KR' })).toBe(false);
  });

  it('R-BUY-9: a 30-day trial ends exactly 30 × 24 hours after the order', () => {
    const orderedAt = at('2026-03-07T10:15:00.123Z');
    const ends = trialEndFor({ trialDays: 30 }, orderedAt);
    expect(ends?.diff(orderedAt)).toBe(30 * DAY_MS);
    expect(ends?.toISOString()).toBe('2026-04-06T10:15:00.123Z');
  });

  it('R-BUY-9: a product without a trial has no trial end', () => {
    expect(trialEndFor({ trialDays: null }, at('2026-03-01T00:00:00Z'))).toBeNull();
    expect(trialEndFor({ trialDays: 0 }, at('2026-03-01T00:00:00Z'))).toBeNull();
  });
});

describe('a cart line', () => {
  const product = aProduct({ maxQuantity: 300, billingCycles: ['monthly', 'annual'] });
  const line = (overrides: Partial<PurchaseLine>): PurchaseLine => ({
    productId: product.id,
    quantity: 1,
    billingCycle: 'monthly',
    ...overrides,
  });
  const check = (overrides: Partial<PurchaseLine>, p = product) =>
    checkLine(line(overrides), p, customer, [], PARTNER);

  it.each([0, -1, 1.5, 301])('R-BUY-1: refuses a license count of %s', (quantity) => {
    expect(check({ quantity })).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-BUY-1', reason: 'quantity', facts: { max: 300, quantity } },
    });
  });

  it.each([1, 300])('R-BUY-1: allows a license count of %s', (quantity) => {
    expect(check({ quantity })).toEqual({ ok: true, value: undefined });
  });

  it('R-BUY-1: refuses a billing cycle the product does not offer', () => {
    const annualOnly = aProduct({ billingCycles: ['annual'] });
    expect(check({ billingCycle: 'monthly' }, annualOnly)).toMatchObject(
      refusal('R-BUY-1', 'cycle-not-offered'),
    );
    expect(check({ billingCycle: 'annual' }, annualOnly)).toMatchObject({ ok: true });
  });

  it('R-BUY-2: the line check includes the availability checks', () => {
    const onePer = aProduct({ onePerCustomer: true });
    const held = [aSubscription({ productId: onePer.id })];
    expect(checkLine(line({}), onePer, customer, held, PARTNER)).toMatchObject(
      refusal('R-BUY-2', 'one-per-customer'),
    );
  });
});

describe('which role a purchase needs', () => {
  it.each(['software-subscription', 'perpetual-software', 'azure-reservation'] as const)(
    'R-ROLE-2: buying %s needs software.buy (admin agents and global admins)',
    (kind) => {
      expect(buyActionFor({ kind })).toBe('software.buy');
      expect(can(['sales-agent'], buyActionFor({ kind }))).toBe(false);
      expect(can(['admin-agent'], buyActionFor({ kind }))).toBe(true);
    },
  );

  it.each(['online-service', 'marketplace-saas'] as const)(
    'R-ROLE-1: buying %s needs subscription.buy',
    (kind) => {
      expect(buyActionFor({ kind })).toBe('subscription.buy');
      expect(can(['sales-agent'], buyActionFor({ kind }))).toBe(true);
    },
  );
});

import { describe, expect, it } from 'vitest';
import {
  licenseAdditionsOf,
  parseSubscriptionRef,
  productOfSubscription,
  subscriptionRef,
  toDomainStatus,
  toDomainSubscription,
  toPartnerCenterChange,
  versionOf,
} from '../../../src/partner-center/commerce/map-subscription.js';
import {
  subscriptionSchema,
  type Subscription as PcSubscription,
} from '../../../src/partner-center/parsers/subscription.js';
import { cancellationEffect } from '../../../src/domain/subscriptions/cancellation-policy.js';
import { at } from '../../../src/domain/shared/time.js';
import { speechFor } from '../../../src/bot/i18n.js';
import { windowDiffersText } from '../../../src/bot/partner-center-words.js';

const TENANT = 'bb10c9c1-00f0-4cb2-a26d-d861965285b2';
const READ_AT = at('2026-03-10T12:00:00Z');

const pcSubscription = (fields: Record<string, unknown> = {}): PcSubscription =>
  subscriptionSchema.parse({
    id: 'a4f2c9d1-3b1e-4c55-9d0a-000000000001',
    offerId: 'CFQ7TTC0LFLX:0001:CFQ7TTC0K5BF',
    offerName: 'Microsoft 365 E3',
    quantity: 25,
    status: 'active',
    autoRenewEnabled: true,
    billingCycle: 'annual',
    creationDate: '2026-03-08T12:00:00Z',
    effectiveStartDate: '2026-03-08T12:00:00Z',
    commitmentEndDate: '2027-03-08T00:00:00Z',
    cancellationAllowedUntilDate: '2026-03-15T12:00:00Z',
    refundOptions: [{ type: 'Full', expiresAt: '2026-03-15T12:00:00Z' }],
    refundableQuantity: {
      totalQuantity: 25,
      details: [{ quantity: 25, allowedUntilDateTime: '2026-03-15T12:00:00Z' }],
    },
    productType: { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' },
    orderId: 'order-1',
    attributes: { etag: 'etag-1', objectType: 'Subscription' },
    ...fields,
  });

describe('Partner Center subscription → domain subscription', () => {
  it.each([
    ['active', 'active'],
    ['suspended', 'suspended'],
    ['deleted', 'cancelled'],
    ['expired', 'expired'],
    ['disabled', 'expired'],
  ] as const)('R-PC-1: status %s becomes %s', (pc, domain) => {
    expect(toDomainStatus(pc)).toBe(domain);
  });

  it('R-PC-1: quantity, cycle, auto-renew, renewal, product and windows are Partner Center’s', () => {
    const sub = toDomainSubscription(
      pcSubscription(),
      { customerId: 'cus-contoso', tenantId: TENANT },
      READ_AT,
    );
    expect(sub).toMatchObject({
      id: `SUB-${TENANT}-a4f2c9d1-3b1e-4c55-9d0a-000000000001`,
      customerId: 'cus-contoso',
      productId: 'CFQ7TTC0LFLX:0001:CFQ7TTC0K5BF',
      productName: 'Microsoft 365 E3',
      orderId: 'order-1',
      quantity: 25,
      billingCycle: 'annual',
      status: 'active',
      autoRenew: true,
      source: { system: 'partner-center', readAt: '2026-03-10T12:00:00.000Z' },
    });
    expect(sub.renewsAt.toISOString()).toBe('2027-03-08T00:00:00.000Z');
    expect(sub.termStartAt.toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(sub.windows?.cancellationAllowedUntil?.toISOString()).toBe('2026-03-15T12:00:00.000Z');
    expect(sub.windows?.refundUntil?.toISOString()).toBe('2026-03-15T12:00:00.000Z');
    expect(sub.windows?.refundableQuantity).toBe(25);
    expect(sub.windows?.commitmentEndDate?.toISOString()).toBe('2027-03-08T00:00:00.000Z');
  });

  it('R-PC-1: the bot’s id names the customer and the subscription, and reads back', () => {
    const ref = subscriptionRef(TENANT, 'a4f2c9d1-3b1e-4c55-9d0a-000000000001');
    expect(parseSubscriptionRef(ref)).toEqual({
      tenantId: TENANT,
      subscriptionId: 'a4f2c9d1-3b1e-4c55-9d0a-000000000001',
    });
    expect(parseSubscriptionRef(ref.toLowerCase())?.tenantId).toBe(TENANT);
    expect(parseSubscriptionRef('SUB-contoso-e3')).toBeNull();
  });

  it('R-PC-1: the version changes with the etag, and with the fields when there is no etag', () => {
    expect(versionOf(pcSubscription())).toBe(versionOf(pcSubscription()));
    expect(versionOf(pcSubscription({ attributes: { etag: 'etag-2' } }))).not.toBe(
      versionOf(pcSubscription()),
    );
    const noEtag = (q: number) => pcSubscription({ attributes: {}, quantity: q });
    expect(versionOf(noEtag(3))).not.toBe(versionOf(noEtag(4)));
  });

  it('R-PC-1: a new-commerce offer is a new-commerce product; a one-time software line is perpetual', () => {
    expect(productOfSubscription(pcSubscription())).toMatchObject({
      id: 'CFQ7TTC0LFLX:0001:CFQ7TTC0K5BF',
      kind: 'online-service',
      commercePolicy: 'new-commerce',
    });
    expect(
      productOfSubscription(pcSubscription({ productType: { id: 'Software' }, billingCycle: 'one_time' }))
        .kind,
    ).toBe('perpetual-software');
  });
});

describe('domain subscription → PATCH', () => {
  const base = toDomainSubscription(pcSubscription(), { customerId: 'c', tenantId: TENANT }, READ_AT);
  it.each([
    ['active', 'active'],
    ['suspended', 'suspended'],
    ['cancelled', 'deleted'],
  ] as const)('R-PC-1: %s is sent as status %s with auto-renew and quantity', (status, sent) => {
    expect(toPartnerCenterChange({ ...base, status, autoRenew: false, quantity: 7 })).toEqual({
      status: sent,
      autoRenewEnabled: false,
      quantity: 7,
    });
  });
  it('R-PC-1: expired is never asked for', () => {
    expect(toPartnerCenterChange({ ...base, status: 'expired' })).not.toHaveProperty('status');
  });
});

describe('Partner Center’s windows win (R-PC-4)', () => {
  const product = productOfSubscription(pcSubscription());
  it('R-PC-4: refundable seats become the additions the seat rule reads, added 7 days before their deadline', () => {
    expect(licenseAdditionsOf(pcSubscription()).map((a) => [a.at.toISOString(), a.count])).toEqual([
      ['2026-03-08T12:00:00.000Z', 25],
    ]);
    expect(
      licenseAdditionsOf(
        pcSubscription({ refundableQuantity: undefined, cancellationAllowedUntilDate: undefined }),
      ),
    ).toEqual([]);
  });

  it('R-PC-4: a cancellation window Partner Center states later than the rule applies, and the preview says so', () => {
    const sub = toDomainSubscription(
      pcSubscription({ cancellationAllowedUntilDate: '2026-03-20T12:00:00Z', refundOptions: [] }),
      { customerId: 'c', tenantId: TENANT },
      READ_AT,
    );
    // Nine days after the start: the rule's 168 hours have passed, Partner Center's window has not.
    const effect = cancellationEffect(product, sub, at('2026-03-17T12:00:00Z'));
    expect(effect.ok && effect.value).toMatchObject({
      kind: 'cancel-now-prorated-refund',
      windowClosesAt: '2026-03-20T12:00:00.000Z',
      ruleWindowClosesAt: '2026-03-15T12:00:00.000Z',
    });
    const [en] = windowDiffersText(
      speechFor('en', 'UTC'),
      '2026-03-20T12:00:00.000Z',
      '2026-03-15T12:00:00.000Z',
    );
    expect(en).toContain('Partner Center’s applies');
    expect(windowDiffersText(speechFor('ko', 'UTC'), 'a', 'b')[0]).toContain(
      '파트너 센터의 기간이 적용됩니다',
    );
    expect(windowDiffersText(speechFor('zh', 'UTC'), 'a', 'b')[0]).toContain('以合作伙伴中心为准');
  });

  it('R-PC-4: a window Partner Center states as closed refuses, even where the rule would allow', () => {
    const sub = toDomainSubscription(
      pcSubscription({ cancellationAllowedUntilDate: '2026-03-09T12:00:00Z', refundOptions: [] }),
      { customerId: 'c', tenantId: TENANT },
      READ_AT,
    );
    const effect = cancellationEffect(product, sub, READ_AT);
    expect(!effect.ok && effect.error).toMatchObject({
      kind: 'refused',
      reason: 'not-cancellable-nce',
      facts: { closedAt: '2026-03-09T12:00:00.000Z', ruleClosedAt: '2026-03-15T12:00:00.000Z' },
    });
  });

  it('R-PC-4: without Partner Center’s facts the rule decides, with nothing said about windows', () => {
    const sub = toDomainSubscription(
      pcSubscription({ cancellationAllowedUntilDate: undefined, refundOptions: undefined }),
      { customerId: 'c', tenantId: TENANT },
      READ_AT,
    );
    const effect = cancellationEffect(product, sub, READ_AT);
    expect(effect.ok && effect.value).toMatchObject({ windowClosesAt: '2026-03-15T12:00:00.000Z' });
    expect(effect.ok && 'ruleWindowClosesAt' in effect.value).toBe(false);
  });
});

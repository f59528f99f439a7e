import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readResourceValue } from '../../src/partner-center/parsers/audit-record.js';
import {
  CONTOSO,
  CONTOSO_IN_WINDOW,
  CONTOSO_PAST_WINDOW,
  CONTOSO_SUSPENDED,
  expectOk,
  expectRefusal,
  FABRIKAM,
  startFixture,
  TAILSPIN,
  type Fixture,
} from './support.js';

const DAY_MS = 86_400_000;

describe('issue 9: each connector operation against the local Partner Center', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture({ pageSize: 5 });
  });
  afterEach(() => f.close());

  it('listCustomers follows links.next with MS-ContinuationToken across several pages', async () => {
    const customers = expectOk(await f.client.listCustomers());
    expect(customers).toHaveLength(12);
    expect(new Set(customers.map((customer) => customer.id)).size).toBe(12);
    const pages = f.fake.requests.filter((request) => request.route === 'listCustomers');
    expect(pages).toHaveLength(3);
    expect(pages[0]!.headers['ms-continuationtoken']).toBeUndefined();
    expect(pages[1]!.headers['ms-continuationtoken']).toMatch(/.+/);
    expect(pages[2]!.headers['ms-continuationtoken']).not.toBe(pages[1]!.headers['ms-continuationtoken']);
  });

  it('listCustomers stops at the caller-given maximum without fetching further pages', async () => {
    const customers = expectOk(await f.client.listCustomers({ max: 7 }));
    expect(customers).toHaveLength(7);
    expect(f.fake.requests.filter((request) => request.route === 'listCustomers')).toHaveLength(2);
  });

  it('searchCustomers sends a starts_with filter and matches case-insensitively', async () => {
    const found = expectOk(await f.client.searchCustomers('cont'));
    expect(found.map((customer) => customer.companyProfile?.companyName).sort()).toEqual([
      'Contoso Ltd',
      'Contoso Pharmaceuticals',
    ]);
    const sent = new URL(f.fake.requests.at(-1)!.url, 'http://x').searchParams.get('filter');
    expect(JSON.parse(sent!)).toEqual({ Field: 'CompanyName', Value: 'cont', Operator: 'starts_with' });
    const byDomain = expectOk(await f.client.searchCustomers('fabrikam', { field: 'Domain' }));
    expect(byDomain.map((customer) => customer.id)).toEqual([FABRIKAM]);
  });

  it('getCustomer reads one customer, and an unknown one is a not-found refusal', async () => {
    const customer = expectOk(await f.client.getCustomer(CONTOSO));
    expect(customer.companyProfile?.companyName).toBe('Contoso Ltd');
    expect(customer.billingProfile?.defaultAddress?.country).toBe('US');
    const missing = expectRefusal(await f.client.getCustomer('00000000-0000-4000-8000-000000000000'));
    expect(missing).toMatchObject({ kind: 'not-found', code: '60003', httpStatus: 404 });
  });

  it('listSubscriptions pages through relative links without /v1', async () => {
    f.fake.state.pager.pageSize = 2;
    const subscriptions = expectOk(await f.client.listSubscriptions(CONTOSO));
    expect(subscriptions.map((subscription) => subscription.id).sort()).toEqual(
      [CONTOSO_IN_WINDOW, CONTOSO_PAST_WINDOW, CONTOSO_SUSPENDED].sort(),
    );
    expect(f.fake.requests.filter((request) => request.route === 'listSubscriptions')).toHaveLength(2);
  });

  it("R-CAN-1..3: getSubscription returns the subscription with its etag and Partner Center's window facts", async () => {
    const { subscription, etag } = expectOk(await f.client.getSubscription(CONTOSO, CONTOSO_IN_WINDOW));
    expect(etag).toMatch(/.+/);
    expect(subscription.refundOptions?.[0]?.expiresAt).toBe(subscription.cancellationAllowedUntilDate);
    expect(subscription.refundableQuantity?.totalQuantity).toBe(25);
    const past = expectOk(await f.client.getSubscription(CONTOSO, CONTOSO_PAST_WINDOW));
    expect(past.subscription.refundOptions).toBeUndefined();
  });

  it('R-SUS-1: patchSubscription suspends with a fresh GET, a quoted If-Match and the whole subscription', async () => {
    const patched = expectOk(
      await f.client.patchSubscription(
        CONTOSO,
        CONTOSO_IN_WINDOW,
        { status: 'suspended' },
        { requestId: 'r-1' },
      ),
    );
    expect(patched.subscription.status).toBe('suspended');
    expect(patched.subscription.autoRenewEnabled).toBe(true);
    const [get, patch] = f.fake.requests.filter((request) => request.route?.endsWith('Subscription'));
    expect(get!.route).toBe('getSubscription');
    expect(patch!.route).toBe('patchSubscription');
    expect(patch!.headers['ms-requestid']).toBe('r-1');
    expect(get!.headers['ms-requestid']).not.toBe('r-1');
    const body = JSON.parse(patch!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'suspended', autoRenewEnabled: true, quantity: 25 });
    expect(patch!.headers['if-match']).toBe(`"${(body.attributes as { etag: string }).etag}"`);
  });

  it('R-SUS-3: patchSubscription reactivates a suspended subscription', async () => {
    const patched = expectOk(
      await f.client.patchSubscription(CONTOSO, CONTOSO_SUSPENDED, { status: 'active' }),
    );
    expect(patched.subscription.status).toBe('active');
  });

  it('patchSubscription cancels inside the window, and past it Partner Center refuses with 900117', async () => {
    const cancelled = expectOk(
      await f.client.patchSubscription(CONTOSO, CONTOSO_IN_WINDOW, { status: 'deleted' }),
    );
    expect(cancelled.subscription.status).toBe('deleted');
    const late = expectRefusal(
      await f.client.patchSubscription(CONTOSO, CONTOSO_PAST_WINDOW, { status: 'deleted' }),
    );
    expect(late).toMatchObject({ kind: 'window-passed', code: '900117', httpStatus: 400 });
    expect(late.description).toMatch(/window/);
  });

  it('patchSubscription edits of a deleted subscription are refused with 2011', async () => {
    expectOk(await f.client.patchSubscription(CONTOSO, CONTOSO_IN_WINDOW, { status: 'deleted' }));
    const again = expectRefusal(
      await f.client.patchSubscription(CONTOSO, CONTOSO_IN_WINDOW, { quantity: 3 }),
    );
    expect(again).toMatchObject({ kind: 'subscription-deleted', code: '2011' });
  });

  it('patchSubscription seat reduction: allowed inside the window, 900214 past it, increases always', async () => {
    expect(
      expectOk(await f.client.patchSubscription(CONTOSO, CONTOSO_IN_WINDOW, { quantity: 20 })).subscription
        .quantity,
    ).toBe(20);
    const late = expectRefusal(
      await f.client.patchSubscription(CONTOSO, CONTOSO_PAST_WINDOW, { quantity: 10 }),
    );
    expect(late).toMatchObject({ kind: 'seat-reduction-not-allowed', code: '900214' });
    expect(
      expectOk(await f.client.patchSubscription(CONTOSO, CONTOSO_PAST_WINDOW, { quantity: 45 })).subscription
        .quantity,
    ).toBe(45);
    const outOfRange = expectRefusal(
      await f.client.patchSubscription(CONTOSO, CONTOSO_PAST_WINDOW, { quantity: 0 }),
    );
    expect(outOfRange).toMatchObject({ kind: 'quantity-invalid', code: '2002' });
  });

  it('patchSubscription on a suspended subscription (other than reactivation) is refused with 800091', async () => {
    const refused = expectRefusal(
      await f.client.patchSubscription(CONTOSO, CONTOSO_SUSPENDED, { quantity: 12 }),
    );
    expect(refused).toMatchObject({ kind: 'subscription-suspended', code: '800091' });
  });

  it('patchSubscription during a renewal answers renewal-in-progress after one PATCH, not a retry loop', async () => {
    f.fake.state.commerce.subscriptions.get(CONTOSO_IN_WINDOW)!.renewing = true;
    const refused = expectRefusal(
      await f.client.patchSubscription(CONTOSO, CONTOSO_IN_WINDOW, { autoRenewEnabled: false }),
    );
    expect(refused).toMatchObject({ kind: 'renewal-in-progress', code: '800082', httpStatus: 409 });
    expect(f.fake.requests.filter((request) => request.route === 'patchSubscription')).toHaveLength(1);
    expect(f.sleeps).toEqual([]);
  });

  it('patchSubscription with an etag that went stale between the GET and the PATCH is refused as stale (2055)', async () => {
    const racing = f.connect({}, async (input, init) => {
      if (init?.method === 'PATCH') f.fake.state.commerce.subscriptions.get(CONTOSO_IN_WINDOW)!.version += 1;
      return fetch(input, init);
    });
    const refused = expectRefusal(
      await racing.patchSubscription(CONTOSO, CONTOSO_IN_WINDOW, { status: 'suspended' }),
    );
    expect(refused).toMatchObject({ kind: 'stale', code: '2055', httpStatus: 400 });
    expect(f.fake.state.commerce.subscriptions.get(CONTOSO_IN_WINDOW)!.status).toBe('active');
  });

  it('R-CAN-6: patchSubscription turns auto-renew off', async () => {
    const patched = expectOk(
      await f.client.patchSubscription(CONTOSO, CONTOSO_IN_WINDOW, { autoRenewEnabled: false }),
    );
    expect(patched.subscription.autoRenewEnabled).toBe(false);
  });

  it('patchSubscription answered 202 (a long-running change) reports it as accepted, still running', async () => {
    f.fake.faults.inject('patchSubscription', {
      kind: 'status',
      status: 202,
      headers: { Location: `/customers/${CONTOSO}/subscriptions/${CONTOSO_IN_WINDOW}` },
    });
    const patched = expectOk(await f.client.patchSubscription(CONTOSO, CONTOSO_IN_WINDOW, { quantity: 30 }));
    expect(patched.accepted).toBe(true);
    expect(patched.subscription).toMatchObject({ id: CONTOSO_IN_WINDOW, quantity: 30 });
  });

  it('the catalog goes product → SKU → availability and gives the catalogItemId to buy', async () => {
    const products = expectOk(await f.client.getCatalogProducts(CONTOSO, { targetView: 'OnlineServices' }));
    const e3 = products.find((product) => product.title === 'Microsoft 365 E3')!;
    expect(e3.productType?.id).toBe('OnlineServicesNCE');
    const skus = expectOk(await f.client.getCatalogSkus(CONTOSO, e3.id));
    expect(skus[0]!.maximumQuantity).toBe(10000);
    const availabilities = expectOk(await f.client.getCatalogAvailabilities(CONTOSO, e3.id, skus[0]!.id));
    expect(availabilities[0]!.catalogItemId).toBe('CFQ7TTC0LFLX:0001:CFQ7TTC0K5BF');
    const software = expectOk(
      await f.client.getCatalogProducts(CONTOSO, { targetView: 'SoftwarePerpetual' }),
    );
    expect(software.map((product) => product.title)).toEqual(['Office LTSC Professional Plus 2021']);
    const missing = expectRefusal(await f.client.getCatalogSkus(CONTOSO, 'NOPE'));
    expect(missing).toMatchObject({ kind: 'not-found', code: '400013' });
  });

  it('R-BUY-1, R-BUY-11: createCart then checkoutCart places one order with its subscription; listOrders and getOrder find it', async () => {
    const cart = expectOk(
      await f.client.createCart(FABRIKAM, [
        {
          id: 0,
          catalogItemId: 'CFQ7TTC0LFLX:0001:CFQ7TTC0K5BF',
          quantity: 5,
          billingCycle: 'annual',
          termDuration: 'P1Y',
        },
      ]),
    );
    expect(cart.status).toBe('Active');
    expect(cart.lineItems[0]!.error).toBeUndefined();
    const result = expectOk(await f.client.checkoutCart(FABRIKAM, cart.id, { requestId: 'checkout-1' }));
    expect(result.orderErrors).toEqual([]);
    const [order] = result.orders;
    expect(order!.lineItems[0]).toMatchObject({ offerId: 'CFQ7TTC0LFLX:0001:CFQ7TTC0K5BF', quantity: 5 });
    const subscriptionId = order!.lineItems[0]!.subscriptionId!;
    const bought = expectOk(await f.client.getSubscription(FABRIKAM, subscriptionId)).subscription;
    expect(bought).toMatchObject({ quantity: 5, status: 'active', autoRenewEnabled: true });
    const orders = expectOk(await f.client.listOrders(FABRIKAM));
    expect(orders.map((listed) => listed.id)).toContain(order!.id);
    expect(expectOk(await f.client.getOrder(FABRIKAM, order!.id)).status).toBe('completed');
    expect(expectRefusal(await f.client.getOrder(FABRIKAM, 'no-such-order'))).toMatchObject({
      kind: 'not-found',
      code: '20000',
    });
  });

  it('createCart marks an unknown catalog item on its line (CartErrorCode 10001)', async () => {
    const cart = expectOk(
      await f.client.createCart(FABRIKAM, [
        { id: 0, catalogItemId: 'NOPE:0001:NOPE', quantity: 1, billingCycle: 'monthly' },
      ]),
    );
    expect(cart.lineItems[0]!.error?.errorCode).toBe(10001);
  });

  it('checkoutCart with the same request id twice answers the same order, never a second', async () => {
    const cart = expectOk(
      await f.client.createCart(FABRIKAM, [
        {
          id: 0,
          catalogItemId: 'CFQ7TTC0LH16:0001:CFQ7TTC0LGZT',
          quantity: 3,
          billingCycle: 'monthly',
          termDuration: 'P1M',
        },
      ]),
    );
    const first = expectOk(await f.client.checkoutCart(FABRIKAM, cart.id, { requestId: 'same' }));
    const second = expectOk(await f.client.checkoutCart(FABRIKAM, cart.id, { requestId: 'same' }));
    expect(second.orders[0]!.id).toBe(first.orders[0]!.id);
    const other = expectRefusal(await f.client.checkoutCart(FABRIKAM, cart.id, { requestId: 'another' }));
    expect(other).toMatchObject({ kind: 'not-cancellable', code: '800065' });
  });

  it('R-SWC-1: cancelSoftwareOrder cancels a perpetual software purchase within 60 days; subscriptions and late orders are refused', async () => {
    const cart = expectOk(
      await f.client.createCart(TAILSPIN, [
        { id: 0, catalogItemId: 'DG7GMGF0DWTL:0001:DG7GMGF0DSFM', quantity: 2, billingCycle: 'one_time' },
      ]),
    );
    const order = expectOk(await f.client.checkoutCart(TAILSPIN, cart.id)).orders[0]!;
    const cancelled = expectOk(
      await f.client.cancelSoftwareOrder(TAILSPIN, order.id, [
        { lineItemNumber: 0, offerId: order.lineItems[0]!.offerId },
      ]),
    );
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.lineItems[0]!.quantity).toBe(0);

    const nceOrder = [...f.fake.state.commerce.orders.values()].find(
      (candidate) => candidate.customerId === CONTOSO,
    )!;
    expect(expectRefusal(await f.client.cancelSoftwareOrder(CONTOSO, nceOrder.id))).toMatchObject({
      kind: 'not-cancellable',
      code: '800063',
    });

    const cart2 = expectOk(
      await f.client.createCart(TAILSPIN, [
        { id: 0, catalogItemId: 'DG7GMGF0DWTL:0001:DG7GMGF0DSFM', quantity: 1, billingCycle: 'one_time' },
      ]),
    );
    const order2 = expectOk(await f.client.checkoutCart(TAILSPIN, cart2.id)).orders[0]!;
    f.clock.advance(61 * DAY_MS);
    expect(expectRefusal(await f.client.cancelSoftwareOrder(TAILSPIN, order2.id))).toMatchObject({
      kind: 'window-passed',
      code: '900117',
    });
  });

  it('listEntitlements uses an App+User token and lists software without keys or links', async () => {
    const cart = expectOk(
      await f.client.createCart(TAILSPIN, [
        { id: 0, catalogItemId: 'DG7GMGF0DWTL:0001:DG7GMGF0DSFM', quantity: 2, billingCycle: 'one_time' },
      ]),
    );
    expectOk(await f.client.checkoutCart(TAILSPIN, cart.id));
    const entitlements = expectOk(
      await f.client.listEntitlements(TAILSPIN, { entitlementType: 'software', showExpiry: true }),
    );
    expect(entitlements.map((entitlement) => entitlement.productId)).toContain('DG7GMGF0DWTL');
    expect(entitlements.every((entitlement) => entitlement.entitledArtifacts?.length === 0)).toBe(true);
    const tokenRequests = f.fake.requests
      .filter((request) => request.route === 'token')
      .map((request) => new URLSearchParams(request.body).get('grant_type'));
    expect(tokenRequests).toContain('refresh_token');
  });

  it('getRelationshipRequestUrl returns the invitation link (App+User only)', async () => {
    const url = expectOk(await f.client.getRelationshipRequestUrl());
    expect(url).toMatch(/invType=ResellerRelationship/);
    const appOnly = f.connect({ refreshToken: null });
    expect(expectRefusal(await appOnly.getRelationshipRequestUrl())).toMatchObject({ kind: 'auth' });
  });

  it('getAuditRecords finds the writes of the day by customer, with resourceNewValue as JSON text', async () => {
    expectOk(await f.client.patchSubscription(CONTOSO, CONTOSO_IN_WINDOW, { status: 'suspended' }));
    expectOk(
      await f.client.patchSubscription(FABRIKAM, 'a4f2c9d1-3b1e-4c55-9d0a-000000000004', {
        autoRenewEnabled: false,
      }),
    );
    const records = expectOk(
      await f.client.getAuditRecords({
        startDate: '2026-12-01',
        endDate: '2026-12-01',
        filter: { field: 'CustomerId', operator: 'equals', value: CONTOSO },
      }),
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      resourceType: 'subscription',
      operationType: 'suspend_subscription',
      customerName: 'Contoso Ltd',
    });
    expect(readResourceValue(records[0]!.resourceNewValue)).toMatchObject({
      id: CONTOSO_IN_WINDOW,
      status: 'suspended',
    });
    const older = expectOk(
      await f.client.getAuditRecords({ startDate: '2026-11-01', endDate: '2026-11-30' }),
    );
    expect(older).toEqual([]);
  });
});

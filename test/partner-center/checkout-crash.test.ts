import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectOk, expectRefusal, FABRIKAM, startFixture, type Fixture } from './support.js';

const E5 = 'CFQ7TTC0LFK5:0002:CFQ7TTC0K5DJ';

describe('issue 9: a checkout whose answer is lost is never done twice', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  const ordersOfFabrikam = () =>
    [...f.fake.state.commerce.orders.values()].filter((order) => order.customerId === FABRIKAM);

  it('crash after sending checkout, restart, retry with the stored request id → exactly one order', async () => {
    const cart = expectOk(
      await f.client.createCart(FABRIKAM, [
        { id: 0, catalogItemId: E5, quantity: 4, billingCycle: 'annual', termDuration: 'P1Y' },
      ]),
    );
    const before = ordersOfFabrikam().length;
    // The request id is stored with the pending action before the first attempt.
    const requestId = f.client.newRequestId();
    f.fake.faults.inject('checkout', { kind: 'drop-after-processing' });
    // The bot "crashes": one attempt, no answer read.
    const crashed = f.connect({ maxAttempts: 1 });
    expect(expectRefusal(await crashed.checkoutCart(FABRIKAM, cart.id, { requestId }))).toMatchObject({
      kind: 'unavailable',
      httpStatus: 0,
    });
    expect(ordersOfFabrikam()).toHaveLength(before + 1);

    // After the restart, a new connector retries with the same request id.
    const restarted = f.connect();
    const result = expectOk(await restarted.checkoutCart(FABRIKAM, cart.id, { requestId }));
    expect(ordersOfFabrikam()).toHaveLength(before + 1);
    const placed = ordersOfFabrikam().at(-1)!;
    expect(result.orders.map((order) => order.id)).toEqual([placed.id]);
    const checkouts = f.fake.requests.filter((request) => request.route === 'checkout');
    expect(checkouts.map((request) => request.headers['ms-requestid'])).toEqual([requestId, requestId]);
  });

  it('a dropped answer inside one call is retried by the pipeline with the same request id → one order', async () => {
    const cart = expectOk(
      await f.client.createCart(FABRIKAM, [
        { id: 0, catalogItemId: E5, quantity: 1, billingCycle: 'monthly', termDuration: 'P1M' },
      ]),
    );
    const before = ordersOfFabrikam().length;
    f.fake.faults.inject('checkout', { kind: 'drop-after-processing' });
    const result = expectOk(await f.client.checkoutCart(FABRIKAM, cart.id, { requestId: 'buy-7' }));
    expect(result.orders).toHaveLength(1);
    expect(ordersOfFabrikam()).toHaveLength(before + 1);
    expect(f.sleeps).toHaveLength(1);
  });
});

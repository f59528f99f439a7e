import { afterEach, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/partner-center/rate-limiter.js';
import { resolveApiUrl } from '../../src/partner-center/resolve-url.js';
import {
  CONTOSO,
  CONTOSO_IN_WINDOW,
  expectOk,
  expectRefusal,
  startFixture,
  type Fixture,
} from './support.js';

describe('issue 9: the request pipeline', () => {
  let f: Fixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it('sends the documented headers: a new MS-CorrelationId per call, the caller’s MS-RequestId and locale', async () => {
    f = await startFixture();
    expectOk(await f.client.getCustomer(CONTOSO, { requestId: 'op-1', locale: 'ko-KR' }));
    expectOk(await f.client.getCustomer(CONTOSO, { locale: 'zh-CN' }));
    const [first, second] = f.fake.requests.filter((request) => request.route === 'getCustomer');
    expect(first!.headers).toMatchObject({
      accept: 'application/json',
      'ms-requestid': 'op-1',
      'x-locale': 'ko-KR',
      'ms-partnercenter-application': 'csp-partner-bot',
    });
    expect(first!.headers.authorization).toMatch(/^Bearer pc\.app-only\./);
    expect(second!.headers['x-locale']).toBe('zh-CN');
    expect(second!.headers['ms-requestid']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first!.headers['ms-correlationid']).not.toBe(second!.headers['ms-correlationid']);
  });

  it('honours 429 Retry-After (the injected sleep gets exactly those seconds), then succeeds', async () => {
    f = await startFixture();
    f.fake.faults.inject('getSubscription', { kind: 'throttle', retryAfterSeconds: 7 });
    const answer = expectOk(await f.client.getSubscription(CONTOSO, CONTOSO_IN_WINDOW));
    expect(answer.subscription.id).toBe(CONTOSO_IN_WINDOW);
    expect(f.sleeps).toEqual([7000]);
  });

  it('backs off exponentially after a second 429, and gives up as throttled with Retry-After kept', async () => {
    f = await startFixture({ settings: { maxAttempts: 3 } });
    f.fake.faults.inject('getCustomer', { kind: 'throttle', retryAfterSeconds: 2 }, 3);
    const refusal = expectRefusal(await f.client.getCustomer(CONTOSO));
    expect(refusal).toMatchObject({ kind: 'throttled', httpStatus: 429, retryAfterSeconds: 2 });
    expect(refusal.description).toMatch(/Rate limit is exceeded/);
    expect(f.sleeps).toHaveLength(2);
    expect(f.sleeps[0]).toBe(2000);
    expect(f.sleeps[1]!).toBeGreaterThan(2000);
  });

  it('R-PC-17: a Retry-After longer than the operation budget is not waited for: refused as throttled at once', async () => {
    f = await startFixture({ settings: { operationBudgetMs: 30_000 } });
    f.fake.faults.inject('getCustomer', { kind: 'throttle', retryAfterSeconds: 60 });
    const refusal = expectRefusal(await f.client.getCustomer(CONTOSO));
    expect(refusal).toMatchObject({ kind: 'throttled', httpStatus: 429, retryAfterSeconds: 60 });
    expect(f.sleeps).toEqual([]);
    expect(f.fake.requests.filter((request) => request.route === 'getCustomer')).toHaveLength(1);
  });

  it('R-PC-17: a 5xx is not retried when the back-off would end past the operation budget', async () => {
    f = await startFixture({ settings: { operationBudgetMs: 50 } });
    f.fake.faults.inject('getCustomer', { kind: 'status', status: 503, body: { code: 500 } }, 3);
    const refusal = expectRefusal(await f.client.getCustomer(CONTOSO));
    expect(refusal).toMatchObject({ kind: 'unavailable', httpStatus: 503 });
    expect(f.sleeps).toEqual([]);
    expect(f.fake.requests.filter((request) => request.route === 'getCustomer')).toHaveLength(1);
  });

  it('retries a 5xx with the SAME MS-RequestId and a new MS-CorrelationId', async () => {
    f = await startFixture();
    f.fake.faults.inject(
      'patchSubscription',
      { kind: 'status', status: 503, body: { code: 500, description: 'busy' } },
      2,
    );
    const patched = expectOk(
      await f.client.patchSubscription(
        CONTOSO,
        CONTOSO_IN_WINDOW,
        { status: 'suspended' },
        { requestId: 'patch-42' },
      ),
    );
    expect(patched.subscription.status).toBe('suspended');
    const patches = f.fake.requests.filter((request) => request.route === 'patchSubscription');
    expect(patches).toHaveLength(3);
    expect(patches.map((request) => request.headers['ms-requestid'])).toEqual([
      'patch-42',
      'patch-42',
      'patch-42',
    ]);
    expect(new Set(patches.map((request) => request.headers['ms-correlationid'])).size).toBe(3);
    expect(f.sleeps).toHaveLength(2);
  });

  it('gives up after the bounded attempts as unavailable', async () => {
    f = await startFixture({ settings: { maxAttempts: 2 } });
    f.fake.faults.inject('getCustomer', { kind: 'status', status: 500 }, 5);
    expect(expectRefusal(await f.client.getCustomer(CONTOSO))).toMatchObject({
      kind: 'unavailable',
      httpStatus: 500,
    });
    expect(f.fake.requests.filter((request) => request.route === 'getCustomer')).toHaveLength(2);
  });

  it('times out a call that hangs and retries it with the same MS-RequestId', async () => {
    f = await startFixture({ settings: { timeoutMs: 150 } });
    f.fake.faults.inject('getCustomer', { kind: 'hang' });
    expectOk(await f.client.getCustomer(CONTOSO, { requestId: 'slow-1' }));
    const calls = f.fake.requests.filter((request) => request.route === 'getCustomer');
    expect(calls.map((request) => request.headers['ms-requestid'])).toEqual(['slow-1', 'slow-1']);
  });

  it('a call that never answers ends as unavailable (status 0), not a throw', async () => {
    f = await startFixture({ settings: { timeoutMs: 100, maxAttempts: 1 } });
    f.fake.faults.inject('getCustomer', { kind: 'hang' });
    expect(expectRefusal(await f.client.getCustomer(CONTOSO))).toMatchObject({
      kind: 'unavailable',
      httpStatus: 0,
    });
  });

  it('the limiter keeps each resource under its per-minute budget using the injected clock', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = createRateLimiter(3, {
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    for (let i = 0; i < 3; i += 1) await limiter.acquire('customer:a');
    await limiter.acquire('customer:b');
    expect(waits).toEqual([]);
    now = 10_000;
    await limiter.acquire('customer:a');
    expect(waits).toEqual([50_000]);
  });

  it('resolves links relative with /v1, relative without it, and absolute', () => {
    const api = 'https://api.partnercenter.microsoft.com';
    expect(resolveApiUrl(api, '/v1/customers?size=40')).toBe(`${api}/v1/customers?size=40`);
    expect(resolveApiUrl(api, '/customers/x/subscriptions')).toBe(`${api}/v1/customers/x/subscriptions`);
    expect(resolveApiUrl(api, 'customers')).toBe(`${api}/v1/customers`);
    expect(resolveApiUrl(api, 'http://127.0.0.1:9/v1/orders')).toBe('http://127.0.0.1:9/v1/orders');
  });

  it('follows absolute next links (orders) across pages', async () => {
    f = await startFixture({ pageSize: 1 });
    const orders = expectOk(await f.client.listOrders(CONTOSO));
    expect(orders).toHaveLength(3);
    expect(f.fake.requests.filter((request) => request.route === 'listOrders')).toHaveLength(3);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { CONTOSO, expectOk, expectRefusal, startFixture, TAILSPIN, type Fixture } from './support.js';

const tokenCalls = (f: Fixture) =>
  f.fake.requests
    .filter((request) => request.route === 'token')
    .map((request) => new URLSearchParams(request.body));

describe('issue 9: tokens', () => {
  let f: Fixture | undefined;
  afterEach(async () => {
    await f?.close();
    f = undefined;
  });

  it('App+User by refresh token: the rotated refresh token is saved, used next, and the old one is refused', async () => {
    f = await startFixture({ tokenLifetimeSeconds: 3600 });
    const original = f.fake.state.auth.currentRefreshToken;
    expectOk(await f.client.listEntitlements(TAILSPIN));
    expect(f.savedRefreshTokens).toEqual([f.fake.state.auth.currentRefreshToken]);
    expect(f.savedRefreshTokens[0]).not.toBe(original);
    const [first] = tokenCalls(f);
    expect(first!.get('grant_type')).toBe('refresh_token');
    expect(first!.get('refresh_token')).toBe(original);
    expect(first!.get('scope')).toBe('https://api.partnercenter.microsoft.com/.default');

    // The old refresh token is dead at the fake.
    const replay = await fetch(`${f.fake.authorityUrl}/${f.fake.tenantId}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: first!.toString(),
    });
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { error: string }).error).toBe('invalid_grant');

    // Cached until 60 s before expiry: no new token request.
    const refreshes = () => tokenCalls(f!).filter((form) => form.get('grant_type') === 'refresh_token');
    const afterReplay = refreshes().length;
    f.clock.advance(3500_000);
    expectOk(await f.client.listEntitlements(TAILSPIN));
    expect(refreshes()).toHaveLength(afterReplay);

    // Expired (inside the last 60 s): refreshed with the rotated token, which rotates again.
    f.clock.advance(50_000);
    expectOk(await f.client.listEntitlements(TAILSPIN));
    expect(refreshes()).toHaveLength(afterReplay + 1);
    expect(refreshes().at(-1)!.get('refresh_token')).toBe(f.savedRefreshTokens[0]);
    expect(f.savedRefreshTokens).toHaveLength(2);
    expect(f.savedRefreshTokens[1]).toBe(f.fake.state.auth.currentRefreshToken);
  });

  it('App-only by client credentials for calls that allow it', async () => {
    f = await startFixture();
    expectOk(await f.client.getCustomer(CONTOSO));
    const [form] = tokenCalls(f);
    expect(form!.get('grant_type')).toBe('client_credentials');
    expect(form!.get('refresh_token')).toBeNull();
  });

  it('uses App+User for every call when App-only is not preferred', async () => {
    f = await startFixture({ settings: { appOnlyWhereAllowed: false } });
    expectOk(await f.client.getCustomer(CONTOSO));
    expect(tokenCalls(f).map((form) => form.get('grant_type'))).toEqual(['refresh_token']);
    expect(f.fake.requests.find((request) => request.route === 'getCustomer')!.headers.authorization).toMatch(
      /^Bearer pc\.app-user\./,
    );
  });

  it('accepts the v1 `resource` form on the v2.0 path too (configurable)', async () => {
    f = await startFixture({
      settings: { tokenAudienceParameter: 'resource', tokenPath: 'oauth2/v2.0/token' },
    });
    expectOk(await f.client.getCustomer(CONTOSO));
    const call = f.fake.requests.find((request) => request.route === 'token')!;
    expect(call.url).toMatch(/\/oauth2\/v2\.0\/token$/);
    expect(new URLSearchParams(call.body).get('resource')).toBe('https://api.partnercenter.microsoft.com');
  });

  it('a 401 from the API refreshes the token once and retries', async () => {
    f = await startFixture();
    expectOk(await f.client.getCustomer(CONTOSO));
    f.fake.state.auth.revokeAccessTokens();
    expectOk(await f.client.getCustomer(CONTOSO));
    expect(tokenCalls(f)).toHaveLength(2);
    expect(f.fake.requests.filter((request) => request.route === 'getCustomer')).toHaveLength(3);
  });

  it('a second 401 (MFA claim missing, 900421) ends as an auth refusal for the admin, after one refresh', async () => {
    f = await startFixture();
    const mfa = {
      kind: 'status' as const,
      status: 401,
      body: { code: 900421, description: 'MFA claim missing' },
    };
    f.fake.faults.inject('entitlements', mfa, 2);
    const refusal = expectRefusal(await f.client.listEntitlements(TAILSPIN));
    expect(refusal).toMatchObject({ kind: 'auth', code: '900421', httpStatus: 401 });
    expect(tokenCalls(f)).toHaveLength(2);
  });

  it('a wrong client secret is an auth refusal that names no secret', async () => {
    f = await startFixture();
    const client = f.connect({ clientSecret: 'wrong-secret-value' });
    const refusal = expectRefusal(await client.listEntitlements(TAILSPIN));
    expect(refusal.kind).toBe('auth');
    const text = JSON.stringify(refusal);
    expect(text).not.toContain('wrong-secret-value');
    expect(text).not.toContain(f.fake.state.auth.currentRefreshToken);
    expect(text).toContain('invalid_client');
  });
});

/**
 * The rotated refresh token at rest: sealed with KEY_ENCRYPTION_KEY, and at start the stored (newer) token
 * wins over the configured PARTNER_CENTER_REFRESH_TOKEN, which the rotation has made stale.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPartnerCenterClient } from '../../src/partner-center/client.js';
import { createSealedRefreshTokenStore } from '../../src/partner-center-mode/sealed-refresh-token-store.js';
import type { SealedRefreshTokenRepository } from '../../src/db/prisma-refresh-token-repository.js';
import { createSecrets } from '../../src/secrets.js';
import { startLocalPartnerCenter, type LocalPartnerCenter } from '../../tools/local-partner-center/server.js';
import { CONTOSO } from './support.js';

const memoryRepository = () => {
  const rows = new Map<string, string>();
  const repository: SealedRefreshTokenRepository = {
    read: async (tenantId) => rows.get(tenantId) ?? null,
    write: async (tenantId, sealed) => {
      rows.set(tenantId, sealed);
    },
  };
  return { rows, repository };
};

const KEY = Buffer.alloc(32, 7);

describe('sealed refresh-token store', () => {
  let fake: LocalPartnerCenter;
  beforeEach(async () => {
    fake = await startLocalPartnerCenter({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => {
    await fake.close();
  });

  const connect = (store: ReturnType<typeof createSealedRefreshTokenStore>, refreshToken: string) =>
    createPartnerCenterClient({
      settings: {
        apiUrl: fake.apiUrl,
        authorityUrl: fake.authorityUrl,
        tenantId: fake.tenantId,
        clientId: fake.clientId,
        clientSecret: fake.clientSecret,
        refreshToken,
        appOnlyWhereAllowed: false,
      },
      effects: { fetch, now: Date.now, sleep: async () => undefined },
      refreshTokenStore: store,
    });

  it('keeps the rotated token sealed, and a restart with the stale configured token uses the stored one', async () => {
    const { rows, repository } = memoryRepository();
    const store = () =>
      createSealedRefreshTokenStore({
        repository,
        secrets: createSecrets(KEY),
        tenantId: fake.tenantId,
        now: () => new Date(),
      });
    const configured = fake.state.auth.currentRefreshToken;
    expect((await connect(store(), configured).getCustomer(CONTOSO)).ok).toBe(true);
    const rotated = fake.state.auth.currentRefreshToken;
    expect(rotated).not.toBe(configured);
    const sealed = rows.get(fake.tenantId)!;
    expect(sealed).not.toContain(rotated);
    expect(createSecrets(KEY).open(sealed)).toBe(rotated);

    // A restart: the environment still holds the first token, which the rotation made invalid.
    const restarted = connect(store(), configured);
    expect((await restarted.getCustomer(CONTOSO)).ok).toBe(true);
    const grants = fake.requests.filter((r) => r.route === 'token').map((r) => r.body);
    expect(grants.at(-1)).toContain(encodeURIComponent(rotated));
  });

  it('reads a token sealed with another key as none, so the configured token is used', async () => {
    const { rows, repository } = memoryRepository();
    rows.set(fake.tenantId, createSecrets(Buffer.alloc(32, 9)).seal('some-old-token'));
    const store = createSealedRefreshTokenStore({
      repository,
      secrets: createSecrets(KEY),
      tenantId: fake.tenantId,
      now: () => new Date(),
    });
    expect(await store.load()).toBeNull();
    expect((await connect(store, fake.state.auth.currentRefreshToken).getCustomer(CONTOSO)).ok).toBe(true);
  });
});

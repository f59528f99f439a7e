/**
 * The RefreshTokenStore the bot gives the connector: the rotated refresh token sealed at rest with
 * KEY_ENCRYPTION_KEY (AES-256-GCM, src/secrets.ts). A token sealed with another key reads as none, so the
 * configured PARTNER_CENTER_REFRESH_TOKEN is used. Nothing here logs the token.
 */
import type { SecretBox } from '../domain/ports/secrets.js';
import type { SealedRefreshTokenRepository } from '../db/prisma-refresh-token-repository.js';
import type { RefreshTokenStore } from '../partner-center/settings.js';

export function createSealedRefreshTokenStore(options: {
  readonly repository: SealedRefreshTokenRepository;
  readonly secrets: SecretBox;
  readonly tenantId: string;
  readonly now: () => Date;
}): RefreshTokenStore {
  const { repository, secrets, tenantId } = options;
  return {
    async load() {
      const sealed = await repository.read(tenantId);
      if (sealed === null) return null;
      try {
        return secrets.open(sealed);
      } catch {
        return null;
      }
    },
    async save(refreshToken) {
      await repository.write(tenantId, secrets.seal(refreshToken), options.now());
    },
  };
}

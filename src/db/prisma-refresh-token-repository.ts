/** Partner Center's rotated refresh token, stored sealed: this repository never sees the plain token. */
import type { Db } from './mappers.js';

export interface SealedRefreshTokenRepository {
  /** The sealed token of this partner tenant, or null when none was stored yet. */
  read(tenantId: string): Promise<string | null>;
  /** Replaces the stored token (idempotent: the last writer wins, each writes a token it was just given). */
  write(tenantId: string, sealed: string, at: Date): Promise<void>;
}

export function makeRefreshTokenRepository(db: Db): SealedRefreshTokenRepository {
  return {
    async read(tenantId) {
      const row = await db.partnerCenterRefreshToken.findUnique({ where: { tenantId } });
      return row?.sealed ?? null;
    },
    async write(tenantId, sealed, at) {
      await db.partnerCenterRefreshToken.upsert({
        where: { tenantId },
        create: { tenantId, sealed, updatedAt: at },
        update: { sealed, updatedAt: at },
      });
    },
  };
}

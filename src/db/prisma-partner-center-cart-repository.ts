/**
 * Partner Center carts kept for the purchases they were made for (partner-center mode, R-PC-11). Written
 * outside any transaction, committed at once: the cart id outlives a rolled-back purchase, a crash or a
 * restart, so the next press checks out the same cart and Partner Center answers it idempotently.
 */
import type { Db } from './mappers.js';

export interface PartnerCenterCartRepository {
  /** The cart kept for this operation and these lines, or null. */
  find(operationId: string, fingerprint: string): Promise<string | null>;
  /** Keeps `cartId` unless a cart is already kept (a concurrent press); returns the one kept. */
  keep(operationId: string, fingerprint: string, cartId: string, at: Date): Promise<string>;
  /** Forgets carts made before `before` (Partner Center expires a cart 7 days after it was made). */
  purgeBefore(before: Date): Promise<number>;
}

export function makePartnerCenterCartRepository(db: Db): PartnerCenterCartRepository {
  const find = async (operationId: string, fingerprint: string) =>
    (
      await db.partnerCenterCart.findUnique({
        where: { operationId_fingerprint: { operationId, fingerprint } },
      })
    )?.cartId ?? null;
  return {
    find,
    async keep(operationId, fingerprint, cartId, at) {
      await db.partnerCenterCart.createMany({
        data: [{ operationId, fingerprint, cartId, createdAt: at }],
        skipDuplicates: true,
      });
      return (await find(operationId, fingerprint)) ?? cartId;
    },
    async purgeBefore(before) {
      return (await db.partnerCenterCart.deleteMany({ where: { createdAt: { lt: before } } })).count;
    },
  };
}

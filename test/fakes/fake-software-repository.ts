/**
 * SoftwareRepository in memory: purchases read from orders, keys and counted download links. A download
 * is counted only while the link is unrevoked, unexpired and under its limit (one transaction at a time,
 * so the check and the count cannot be split).
 */
import type { SoftwarePurchase, SoftwareRepository } from '../../src/domain/ports/software.js';
import { SOFTWARE_KINDS } from '../../src/domain/shared/model.js';
import { ConstraintViolation, type FakeDatabase, type OrderRow } from './fake-database.js';

export function makeFakeSoftwareRepository(db: FakeDatabase): SoftwareRepository {
  const t = () => db.tables;
  const toPurchase = (row: OrderRow): SoftwarePurchase | null => {
    const lines = [...row.lines].sort((a, b) => (a.id < b.id ? -1 : 1));
    const line = lines.find((l) => SOFTWARE_KINDS.includes(t().products.get(l.productId)!.kind));
    if (!line) return null;
    const product = t().products.get(line.productId)!;
    const sub = [...t().subscriptions.values()].find((s) => s.orderId === row.id);
    return {
      orderId: row.id,
      customerId: row.customerId,
      productId: line.productId,
      productName: product.name,
      productKind: product.kind,
      commercePolicy: product.commercePolicy,
      cancelRestriction: product.cancelRestriction,
      softwareOptions: product.softwareOptions,
      placedAt: row.placedAt,
      status: row.status === 'cancelled' ? 'cancelled' : 'completed',
      cancelledAt: row.cancelledAt,
      creditAmount: row.creditAmount,
      quantity: line.quantity,
      billingCycle: line.billingCycle,
      lineTotal: Math.round(line.unitPrice * line.quantity * 100) / 100,
      currency: row.currency,
      subscription: sub
        ? { id: sub.id, termStartAt: sub.termStartAt, renewsAt: sub.renewsAt, status: sub.status }
        : null,
      activeKeys: [...t().productKeys.values()].filter((k) => k.orderId === row.id && k.revokedAt === null)
        .length,
    };
  };
  const linkByHash = (hash: string) => [...t().downloadLinks.values()].find((l) => l.tokenHash === hash);
  return {
    async listPurchases(customerId) {
      return [...t().orders.values()]
        .filter((o) => o.customerId === customerId)
        .sort((a, b) => b.placedAt.valueOf() - a.placedAt.valueOf() || (a.id < b.id ? -1 : 1))
        .map(toPurchase)
        .filter((p): p is SoftwarePurchase => p !== null)
        .slice(0, 100);
    },
    async findPurchase(orderId) {
      const row = t().orders.get(orderId);
      return row ? toPurchase(row) : null;
    },
    async saveKey(key) {
      if (t().productKeys.has(key.id)) throw new ConstraintViolation(`key ${key.id} exists`);
      t().productKeys.set(key.id, { ...key, revokedAt: null });
    },
    async saveLink(link) {
      if (t().downloadLinks.has(link.id) || linkByHash(link.tokenHash))
        throw new ConstraintViolation(`link ${link.id} exists`);
      t().downloadLinks.set(link.id, { ...link, downloadCount: 0, revokedAt: null });
    },
    async findKey(id) {
      return t().productKeys.get(id) ?? null;
    },
    async findActiveKey(orderId, edition) {
      const key = [...t().productKeys.values()]
        .filter(
          (k) =>
            k.orderId === orderId &&
            k.revokedAt === null &&
            k.version === edition.version &&
            k.language === edition.language &&
            k.variant === edition.variant,
        )
        .sort((a, b) => a.issuedAt.valueOf() - b.issuedAt.valueOf())[0];
      return key ? { id: key.id } : null;
    },
    async findLink(id) {
      return t().downloadLinks.get(id) ?? null;
    },
    async findLinkByTokenHash(hash) {
      return linkByHash(hash) ?? null;
    },
    async countDownload(tokenHash, now) {
      const link = linkByHash(tokenHash);
      if (
        !link ||
        link.revokedAt !== null ||
        link.expiresAt.valueOf() <= now.valueOf() ||
        link.downloadCount >= link.maxDownloads
      )
        return null;
      const counted = { ...link, downloadCount: link.downloadCount + 1 };
      t().downloadLinks.set(link.id, counted);
      return counted;
    },
    async revokeOrder(orderId, now) {
      let keys = 0;
      let links = 0;
      for (const key of t().productKeys.values())
        if (key.orderId === orderId && key.revokedAt === null) {
          t().productKeys.set(key.id, { ...key, revokedAt: now });
          keys += 1;
        }
      for (const link of t().downloadLinks.values())
        if (link.orderId === orderId && link.revokedAt === null) {
          t().downloadLinks.set(link.id, { ...link, revokedAt: now });
          links += 1;
        }
      return { keys, links };
    },
    async cancelOrder(orderId, now, credit, reason) {
      const order = t().orders.get(orderId);
      if (order?.status !== 'completed') return false;
      t().orders.set(orderId, {
        ...order,
        status: 'cancelled',
        cancelledAt: now,
        creditAmount: credit,
        cancelReason: reason,
      });
      return true;
    },
  };
}

/** Software purchases, product keys and download links (src/domain/software/: issue-key.ts, cancel-software-order.ts). */
import type {
  CancelRestriction,
  CommercePolicy,
  ProductKind,
  BillingCycle,
  SubscriptionStatus,
} from '../domain/shared/model.js';
import type { SoftwarePurchase, SoftwareRepository, StoredDownloadLink } from '../domain/ports/software.js';
import { SOFTWARE_KINDS } from '../domain/shared/model.js';
import { at } from '../domain/shared/time.js';
import type { Prisma } from './generated/prisma/client.js';
import type { Db } from './mappers.js';

const PURCHASE_INCLUDE = {
  lines: { include: { product: true }, orderBy: { id: 'asc' } },
  subscriptions: { select: { id: true, termStartAt: true, renewsAt: true, status: true }, take: 1 },
  productKeys: { where: { revokedAt: null }, select: { id: true } },
} as const;

type OrderRow = Prisma.OrderGetPayload<{ include: typeof PURCHASE_INCLUDE }>;

function toPurchase(row: OrderRow): SoftwarePurchase | null {
  const line = row.lines.find((l) => (SOFTWARE_KINDS as readonly string[]).includes(l.product.kind));
  if (!line) return null;
  const sub = row.subscriptions[0];
  return {
    orderId: row.id,
    customerId: row.customerId,
    productId: line.productId,
    productName: line.product.name,
    productKind: line.product.kind as ProductKind,
    commercePolicy: line.product.commercePolicy as CommercePolicy,
    cancelRestriction: line.product.cancelRestriction as CancelRestriction,
    softwareOptions: line.product.softwareOptions,
    placedAt: at(row.placedAt),
    status: row.status === 'cancelled' ? 'cancelled' : 'completed',
    cancelledAt: row.cancelledAt ? at(row.cancelledAt) : null,
    creditAmount: row.creditAmount?.toNumber() ?? null,
    quantity: line.quantity,
    billingCycle: line.billingCycle as BillingCycle,
    lineTotal: Math.round(line.unitPrice.toNumber() * line.quantity * 100) / 100,
    currency: row.currency,
    subscription: sub
      ? {
          id: sub.id,
          termStartAt: at(sub.termStartAt),
          renewsAt: at(sub.renewsAt),
          status: sub.status as SubscriptionStatus,
        }
      : null,
    activeKeys: row.productKeys.length,
  };
}

type LinkRow = Prisma.DownloadLinkGetPayload<object>;
const toLink = (row: LinkRow): StoredDownloadLink => ({
  id: row.id,
  tokenHash: row.tokenHash,
  tokenSealed: row.tokenEncrypted,
  fileUrlSealed: row.fileUrlEncrypted,
  orderId: row.orderId,
  productId: row.productId,
  customerId: row.customerId,
  version: row.version,
  language: row.language,
  variant: row.variant,
  issuedAt: at(row.issuedAt),
  expiresAt: at(row.expiresAt),
  maxDownloads: row.maxDownloads,
  downloadCount: row.downloadCount,
  issuedTo: row.issuedTo,
  revokedAt: row.revokedAt ? at(row.revokedAt) : null,
});

export function makeSoftwareRepository(db: Db): SoftwareRepository {
  return {
    async listPurchases(customerId) {
      const rows = await db.order.findMany({
        where: { customerId, lines: { some: { product: { kind: { in: [...SOFTWARE_KINDS] } } } } },
        relationLoadStrategy: 'join',
        include: PURCHASE_INCLUDE,
        orderBy: [{ placedAt: 'desc' }, { id: 'asc' }],
        take: 100,
      });
      return rows.map(toPurchase).filter((p): p is SoftwarePurchase => p !== null);
    },
    async findPurchase(orderId) {
      const row = await db.order.findUnique({
        relationLoadStrategy: 'join',
        where: { id: orderId },
        include: PURCHASE_INCLUDE,
      });
      return row ? toPurchase(row) : null;
    },
    async saveKey(key) {
      await db.productKey.create({
        data: {
          id: key.id,
          orderId: key.orderId,
          productId: key.productId,
          customerId: key.customerId,
          version: key.version,
          language: key.language,
          variant: key.variant,
          keyEncrypted: key.keySealed,
          issuedAt: key.issuedAt.toDate(),
          issuedTo: key.issuedTo,
        },
      });
    },
    async saveLink(link) {
      await db.downloadLink.create({
        data: {
          id: link.id,
          tokenHash: link.tokenHash,
          tokenEncrypted: link.tokenSealed,
          fileUrlEncrypted: link.fileUrlSealed,
          orderId: link.orderId,
          productId: link.productId,
          customerId: link.customerId,
          version: link.version,
          language: link.language,
          variant: link.variant,
          issuedAt: link.issuedAt.toDate(),
          expiresAt: link.expiresAt.toDate(),
          maxDownloads: link.maxDownloads,
          issuedTo: link.issuedTo,
        },
      });
    },
    async findKey(id) {
      const row = await db.productKey.findUnique({ where: { id } });
      return row
        ? {
            id: row.id,
            orderId: row.orderId,
            productId: row.productId,
            customerId: row.customerId,
            version: row.version,
            language: row.language,
            variant: row.variant,
            keySealed: row.keyEncrypted,
            issuedAt: at(row.issuedAt),
            issuedTo: row.issuedTo,
            revokedAt: row.revokedAt ? at(row.revokedAt) : null,
          }
        : null;
    },
    async findActiveKey(orderId, edition) {
      return db.productKey.findFirst({
        where: {
          orderId,
          revokedAt: null,
          version: edition.version,
          language: edition.language,
          variant: edition.variant,
        },
        orderBy: { issuedAt: 'asc' },
        select: { id: true },
      });
    },
    async findLink(id) {
      const row = await db.downloadLink.findUnique({ where: { id } });
      return row ? toLink(row) : null;
    },
    async findLinkByTokenHash(hash) {
      const row = await db.downloadLink.findUnique({ where: { tokenHash: hash } });
      return row ? toLink(row) : null;
    },
    async countDownload(tokenHash, now) {
      // One statement: the row lock and the re-checked WHERE make concurrent downloads count one by one,
      // and none past the limit.
      const rows = await db.$queryRaw<LinkRow[]>`
        UPDATE download_links SET "downloadCount" = "downloadCount" + 1
        WHERE "tokenHash" = ${tokenHash} AND "revokedAt" IS NULL AND "expiresAt" > ${now.toDate()}
          AND "downloadCount" < "maxDownloads"
        RETURNING *`;
      return rows[0] ? toLink(rows[0]) : null;
    },
    async revokeOrder(orderId, now) {
      const [keys, links] = await Promise.all([
        db.productKey.updateMany({ where: { orderId, revokedAt: null }, data: { revokedAt: now.toDate() } }),
        db.downloadLink.updateMany({
          where: { orderId, revokedAt: null },
          data: { revokedAt: now.toDate() },
        }),
      ]);
      return { keys: keys.count, links: links.count };
    },
    async cancelOrder(orderId, now, credit, reason) {
      const updated = await db.order.updateMany({
        where: { id: orderId, status: 'completed' },
        data: { status: 'cancelled', cancelledAt: now.toDate(), creditAmount: credit, cancelReason: reason },
      });
      return updated.count === 1;
    },
  };
}

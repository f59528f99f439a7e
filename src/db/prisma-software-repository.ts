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
import { orNull, type Db } from './mappers.js';
import { PREPARED, prismaSql, type Sql } from './sql.js';

/** An order with its first software line (by line id), that line's product, one subscription, live keys. */
interface PurchaseRow {
  id: string;
  customerId: string;
  placedAt: Date;
  status: string;
  cancelledAt: Date | null;
  creditAmount: number | null;
  currency: string;
  productId: string | null;
  quantity: number;
  billingCycle: string;
  unitPrice: number;
  productName: string;
  productKind: string;
  commercePolicy: string;
  cancelRestriction: string;
  softwareOptions: unknown;
  subscriptionId: string | null;
  termStartAt: Date | null;
  renewsAt: Date | null;
  subscriptionStatus: string | null;
  activeKeys: number;
}

/** The purchases `where` picks (`$1` is the software kinds; it may go on with an order and a limit). */
const purchasesSql = (where: string) => `
  SELECT o."id", o."customerId", o."placedAt", o."status", o."cancelledAt",
         o."creditAmount"::float8 AS "creditAmount", o."currency",
         l."productId", l."quantity", l."billingCycle", l."unitPrice", l."productName", l."productKind",
         l."commercePolicy", l."cancelRestriction", l."softwareOptions",
         s."id" AS "subscriptionId", s."termStartAt", s."renewsAt", s."status" AS "subscriptionStatus",
         (SELECT count(*)::int FROM product_keys k WHERE k."orderId" = o."id" AND k."revokedAt" IS NULL)
           AS "activeKeys"
  FROM orders o
  LEFT JOIN LATERAL (
    SELECT l."productId", l."quantity", l."billingCycle", l."unitPrice"::float8 AS "unitPrice",
           p."name" AS "productName", p."kind" AS "productKind", p."commercePolicy", p."cancelRestriction",
           p."softwareOptions"
    FROM order_lines l JOIN products p ON p."id" = l."productId"
    WHERE l."orderId" = o."id" AND p."kind" = ANY($1::text[])
    ORDER BY l."id" LIMIT 1) l ON TRUE
  LEFT JOIN LATERAL (
    SELECT s."id", s."termStartAt", s."renewsAt", s."status" FROM subscriptions s
    WHERE s."orderId" = o."id" ORDER BY s."id" LIMIT 1) s ON TRUE
  WHERE ${where}`;

function toPurchase(row: PurchaseRow): SoftwarePurchase | null {
  if (row.productId === null) return null;
  return {
    orderId: row.id,
    customerId: row.customerId,
    productId: row.productId,
    productName: row.productName,
    productKind: row.productKind as ProductKind,
    commercePolicy: row.commercePolicy as CommercePolicy,
    cancelRestriction: row.cancelRestriction as CancelRestriction,
    softwareOptions: row.softwareOptions as SoftwarePurchase['softwareOptions'],
    placedAt: at(row.placedAt),
    status: row.status === 'cancelled' ? 'cancelled' : 'completed',
    cancelledAt: orNull(row.cancelledAt),
    creditAmount: row.creditAmount ?? null,
    quantity: row.quantity,
    billingCycle: row.billingCycle as BillingCycle,
    lineTotal: Math.round(row.unitPrice * row.quantity * 100) / 100,
    currency: row.currency,
    subscription:
      row.subscriptionId && row.termStartAt && row.renewsAt
        ? {
            id: row.subscriptionId,
            termStartAt: at(row.termStartAt),
            renewsAt: at(row.renewsAt),
            status: row.subscriptionStatus as SubscriptionStatus,
          }
        : null,
    activeKeys: row.activeKeys,
  };
}

const LINK_COLUMNS = `"id", "tokenHash", "tokenEncrypted", "fileUrlEncrypted", "orderId", "productId", "customerId",
  "version", "language", "variant", "issuedAt", "expiresAt", "maxDownloads", "downloadCount", "issuedTo", "revokedAt"`;

/** What a key and a link both name: the purchase, and the edition it entitles. */
interface EditionRow {
  orderId: string;
  productId: string;
  customerId: string;
  version: string;
  language: string;
  variant: string;
}

interface KeyRow extends EditionRow {
  id: string;
  keyEncrypted: string;
  issuedAt: Date;
  issuedTo: string;
  revokedAt: Date | null;
}

interface LinkRow extends EditionRow {
  id: string;
  tokenHash: string;
  tokenEncrypted: string;
  fileUrlEncrypted: string;
  issuedAt: Date;
  expiresAt: Date;
  maxDownloads: number;
  downloadCount: number;
  issuedTo: string;
  revokedAt: Date | null;
}
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
  revokedAt: orNull(row.revokedAt),
});

export function makeSoftwareRepository(db: Db, sql: Sql = prismaSql(db)): SoftwareRepository {
  // Key and link turns and downloads: plain SQL (sql.ts).
  const kinds = [...SOFTWARE_KINDS];
  return {
    async listPurchases(customerId) {
      const rows = await sql.query<PurchaseRow>(
        purchasesSql(
          `o."customerId" = $2 AND l."productId" IS NOT NULL ORDER BY o."placedAt" DESC, o."id" LIMIT 100`,
        ),
        [kinds, customerId],
        PREPARED,
      );
      return rows.map(toPurchase).filter((p): p is SoftwarePurchase => p !== null);
    },
    async findPurchase(orderId) {
      const rows = await sql.query<PurchaseRow>(purchasesSql(`o."id" = $2`), [kinds, orderId], PREPARED);
      return rows[0] ? toPurchase(rows[0]) : null;
    },
    async saveKey(key) {
      await sql.query(
        `INSERT INTO product_keys ("id", "orderId", "productId", "customerId", "version", "language", "variant",
           "keyEncrypted", "issuedAt", "issuedTo")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::timestamptz, $10)`,
        [
          key.id,
          key.orderId,
          key.productId,
          key.customerId,
          key.version,
          key.language,
          key.variant,
          key.keySealed,
          key.issuedAt.toDate(),
          key.issuedTo,
        ],
        PREPARED,
      );
    },
    async saveLink(link) {
      await sql.query(
        `INSERT INTO download_links ("id", "tokenHash", "tokenEncrypted", "fileUrlEncrypted", "orderId", "productId",
           "customerId", "version", "language", "variant", "issuedAt", "expiresAt", "maxDownloads", "issuedTo")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::timestamptz, $12::timestamptz, $13::int, $14)`,
        [
          link.id,
          link.tokenHash,
          link.tokenSealed,
          link.fileUrlSealed,
          link.orderId,
          link.productId,
          link.customerId,
          link.version,
          link.language,
          link.variant,
          link.issuedAt.toDate(),
          link.expiresAt.toDate(),
          link.maxDownloads,
          link.issuedTo,
        ],
        PREPARED,
      );
    },
    async findKey(id) {
      const rows = await sql.query<KeyRow>(
        `SELECT "id", "orderId", "productId", "customerId", "version", "language", "variant", "keyEncrypted",
                "issuedAt", "issuedTo", "revokedAt"
         FROM product_keys WHERE "id" = $1`,
        [id],
        PREPARED,
      );
      const row = rows[0];
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
            revokedAt: orNull(row.revokedAt),
          }
        : null;
    },
    async findActiveKey(orderId, edition) {
      const rows = await sql.query<{ id: string }>(
        `SELECT "id" FROM product_keys
         WHERE "orderId" = $1 AND "revokedAt" IS NULL AND "version" = $2 AND "language" = $3 AND "variant" = $4
         ORDER BY "issuedAt" LIMIT 1`,
        [orderId, edition.version, edition.language, edition.variant],
        PREPARED,
      );
      return rows[0] ?? null;
    },
    async findLink(id) {
      const rows = await sql.query<LinkRow>(
        `SELECT ${LINK_COLUMNS} FROM download_links WHERE "id" = $1`,
        [id],
        PREPARED,
      );
      return rows[0] ? toLink(rows[0]) : null;
    },
    async findLinkByTokenHash(hash) {
      const rows = await sql.query<LinkRow>(
        `SELECT ${LINK_COLUMNS} FROM download_links WHERE "tokenHash" = $1`,
        [hash],
        PREPARED,
      );
      return rows[0] ? toLink(rows[0]) : null;
    },
    async countDownload(tokenHash, now) {
      // One statement: the row lock and the re-checked WHERE make concurrent downloads count one by one,
      // and none past the limit.
      const rows = await sql.query<LinkRow>(
        `UPDATE download_links SET "downloadCount" = "downloadCount" + 1
         WHERE "tokenHash" = $1 AND "revokedAt" IS NULL AND "expiresAt" > $2::timestamptz
           AND "downloadCount" < "maxDownloads"
         RETURNING ${LINK_COLUMNS}`,
        [tokenHash, now.toDate()],
        PREPARED,
      );
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

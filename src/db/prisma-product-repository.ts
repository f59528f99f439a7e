/** The product catalogue (the ProductRepository port). */
import type { ProductRepository } from '../domain/ports/products.js';
import { toProduct, type Db, type ProductRow } from './mappers.js';
import { PREPARED, prismaSql, type Sql } from './sql.js';

/** Every column toProduct reads; the price as a number (sql.ts). */
const PRODUCT_COLUMNS = `p."id", p."name", p."kind", p."publisher", p."billingType", p."category",
  p."billingCycles", p."segments", p."unitPrice"::float8 AS "unitPrice", p."currency", p."onePerCustomer",
  p."trialDays", p."maxQuantity", p."isvSupportedCountries", p."isvCspOptOut", p."privateOfferPartnerIds",
  p."unavailableCountries", p."commercePolicy", p."cancelRestriction", p."isvSetupUrl", p."baseProductIds",
  p."upgradeTargetIds", p."termOptionIds"`;

export function makeProductRepository(db: Db, sql: Sql = prismaSql(db)): ProductRepository {
  // Carts, previews and confirmations read products: plain SQL (sql.ts).
  return {
    async findById(id) {
      const rows = await sql.query<ProductRow>(
        `SELECT ${PRODUCT_COLUMNS} FROM products p WHERE p."id" = $1`,
        [id],
        PREPARED,
      );
      return rows[0] ? toProduct(rows[0]) : null;
    },
    async list() {
      const rows = await sql.query<ProductRow>(
        `SELECT ${PRODUCT_COLUMNS} FROM products p ORDER BY p."name"`,
        [],
        PREPARED,
      );
      return rows.map(toProduct);
    },
  };
}

/** The customer port. */
import type { Customer } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';

export interface CustomerRepository {
  findById(id: string): Promise<Customer | null>;
  findByDomain(domain: string): Promise<Customer | null>;
  findByTenantId(tenantId: string): Promise<Customer | null>;
  /**
   * Customers whose company name or primary domain may be what `query` names, at most `limit`: those
   * containing it (any case), the exact name first; when none does, those similar to it (trigrams, in the
   * database, by index), most similar first. A candidate list: the caller decides which of them match
   * (R-CAT-1, src/domain/shared/fuzzy.ts). Never every customer. `similar: false`: only those containing it.
   */
  search(query: string, limit: number, options?: { readonly similar?: boolean }): Promise<Customer[]>;
  findManyByIds(ids: readonly string[]): Promise<Customer[]>;
  /**
   * Locks the customer's row until the transaction ends: purchases for one customer are serialized, so two
   * carts cannot both pass the one-per-customer check (R-BUY-2) on two instances at once. Returns the
   * customer as `findById` would (one statement for both), null when there is none.
   */
  lockForUpdate(id: string): Promise<Customer | null>;
}

/** What the partner's commerce record says of a customer, for the bot's own name index (partner-center mode). */
export interface CustomerIndexEntry {
  /** The customer's tenant id (Partner Center's customer id). */
  readonly tenantId: string;
  readonly companyName: string;
  readonly primaryDomain: string;
  /** ISO 3166 alpha-2, upper case; null when the source did not say (Partner Center's list omits it). */
  readonly billingCountry: string | null;
  readonly preferredLanguage: string | null;
}

/**
 * Writes the customer name index. Upserts by tenant id are idempotent, so two instances syncing at once
 * agree; a new row gets `id` = the tenant id and the partner's region.
 */
export interface CustomerIndexRepository {
  upsertIndexEntry(
    entry: CustomerIndexEntry,
    now: Dayjs,
    tenantRegion: string,
  ): Promise<'created' | 'updated' | 'unchanged'>;
}

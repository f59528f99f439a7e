/** The customer port. */
import type { Customer } from '../shared/model.js';

export interface CustomerRepository {
  findById(id: string): Promise<Customer | null>;
  findByDomain(domain: string): Promise<Customer | null>;
  findByTenantId(tenantId: string): Promise<Customer | null>;
  /** All customers (one partner's list is small: matching names happens in memory, in one query). */
  listNames(): Promise<Customer[]>;
  findManyByIds(ids: readonly string[]): Promise<Customer[]>;
  /**
   * Locks the customer's row until the transaction ends: purchases for one customer are serialized, so two
   * carts cannot both pass the one-per-customer check (R-BUY-2) on two instances at once.
   */
  lockForUpdate(id: string): Promise<void>;
}

/**
 * Customers in partner-center mode (R-PC-1, R-PC-5): found on the bot's own index (the customers table,
 * filled from Partner Center; Partner Center itself only searches by prefix), the chosen one read live by
 * its tenant id. A live read that fails for any reason but "not found" falls back to the index row, which
 * then says it is the bot's own record.
 */
import type { CustomerRepository } from '../../domain/ports/customers.js';
import type { Customer } from '../../domain/shared/model.js';
import type { Clock } from '../../domain/shared/time.js';
import type { PartnerCenterClient } from '../client.js';
import type { Customer as PcCustomer } from '../parsers/customer.js';

/** The index row with Partner Center's live facts over it. */
export function mergeCustomer(indexed: Customer, pc: PcCustomer, readAt: string): Customer {
  return {
    ...indexed,
    companyName: pc.companyProfile?.companyName ?? pc.billingProfile?.companyName ?? indexed.companyName,
    primaryDomain: pc.companyProfile?.domain ?? indexed.primaryDomain,
    billingCountry: pc.billingProfile?.defaultAddress?.country ?? indexed.billingCountry,
    preferredLanguage: pc.billingProfile?.language ?? indexed.preferredLanguage,
    relationship:
      pc.relationshipToPartner === undefined
        ? indexed.relationship
        : pc.relationshipToPartner.toLowerCase() === 'none'
          ? indexed.relationship === 'invited'
            ? 'invited'
            : 'prospect'
          : 'active',
    source: { system: 'partner-center', readAt },
  };
}

export function createPartnerCenterCustomers(
  client: PartnerCenterClient,
  index: CustomerRepository,
  clock: Clock,
): CustomerRepository {
  const live = async (indexed: Customer | null): Promise<Customer | null> => {
    if (!indexed) return null;
    const answer = await client.getCustomer(indexed.tenantId);
    if (answer.ok) return mergeCustomer(indexed, answer.value, clock.now().toISOString());
    // A prospect or an invited customer is not Partner Center's customer until it accepts the reseller
    // relationship: the bot's own row is all there is. An active one Partner Center no longer knows is gone.
    if (answer.refusal.kind === 'not-found') return indexed.relationship === 'active' ? null : indexed;
    return indexed;
  };
  return {
    findById: async (id) => live(await index.findById(id)),
    findByDomain: async (domain) => live(await index.findByDomain(domain)),
    findByTenantId: async (tenantId) => live(await index.findByTenantId(tenantId)),
    search: (query, limit, options) => index.search(query, limit, options),
    findManyByIds: (ids) => index.findManyByIds(ids),
    lockForUpdate: async (id) => live(await index.lockForUpdate(id)),
  };
}

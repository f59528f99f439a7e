/**
 * Type-ahead for card inputs (Teams' Data.Query): customers matching what the user types,
 * for people who may look them up (R-ROLE-7). Nothing is shown to someone without a role (R-ROLE-10).
 */
import type { Actor } from '../shared/actor.js';
import type { CustomerRepository } from '../ports/customers.js';
import type { Suggestion } from '../shared/suggestion.js';
import { can } from '../shared/roles.js';
import { searchCustomers } from './find-customers.js';
import { TYPE_AHEAD_LIMIT } from '../shared/suggestion.js';

export interface SuggestCustomersDeps {
  readonly customers: CustomerRepository;
}

export async function suggestCustomers(
  deps: SuggestCustomersDeps,
  actor: Actor,
  text: string,
): Promise<Suggestion[]> {
  if (!can(actor.roles, 'catalog.read') || !text.trim() || text.length > 200) return [];
  const found = await searchCustomers(deps.customers, text);
  return found
    .slice(0, TYPE_AHEAD_LIMIT)
    .map((m) => ({ title: `${m.customer.companyName} (${m.customer.primaryDomain})`, value: m.customer.id }));
}

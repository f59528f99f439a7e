/** R-CAT-1: customers are found by name (partial, fuzzy), primary domain, tenant id or id. */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import { matchName } from '../shared/fuzzy.js';
import type { Customer } from '../shared/model.js';
import type { CustomerRepository } from '../ports/customers.js';
import { err, ok, type Result } from '../shared/result.js';
import { requireRole } from '../shared/authorize.js';
import type { AllDeps } from '../ports/deps.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_QUERY_LENGTH = 200;
export const MAX_MATCHES = 25;

export interface CustomerMatch {
  readonly customer: Customer;
  /** The query is the customer's id, tenant id, full primary domain or full company name. */
  readonly exact: boolean;
}

/**
 * How many candidates the database is asked for: what a choice card can show, and as many again, since the
 * candidates are trigram-similar and some of them are not what the rules call a match.
 */
export const SEARCH_CANDIDATES = MAX_MATCHES * 2;

/**
 * Every customer the query could mean, best first, at most MAX_MATCHES. Exact references (tenant id, id,
 * primary domain) are index lookups; names are searched in the database (`CustomerRepository.search`), and
 * only its few candidates are ranked here: no turn reads every customer.
 */
export async function searchCustomers(
  customers: CustomerRepository,
  rawQuery: string,
  options: { readonly similar?: boolean } = {},
): Promise<CustomerMatch[]> {
  const query = rawQuery.trim().replace(/^@/, '');
  if (!query) return [];
  if (GUID.test(query)) {
    const byTenant = await customers.findByTenantId(query.toLowerCase());
    return byTenant ? [{ customer: byTenant, exact: true }] : [];
  }
  // Ids and domains have no spaces: a query of several words is only ever a name.
  const oneWord = !/\s/.test(query);
  // The name search does not depend on the exact lookups: it is asked at the same time (on PostgreSQL one
  // round trip of waiting instead of two), and its answer is dropped when a lookup matched.
  const named = customers.search(query, SEARCH_CANDIDATES, options);
  named.catch(() => undefined); // not awaited when a lookup matches (or fails): that is not an error
  const exactly =
    (oneWord ? await customers.findById(query) : null) ??
    (oneWord && query.includes('.') ? await customers.findByDomain(query) : null);
  if (exactly) return [{ customer: exactly, exact: true }];
  const candidates = await named;
  const scored: Array<{ customer: Customer; rank: number }> = [];
  for (const customer of candidates) {
    const label = customer.primaryDomain.split('.')[0] ?? '';
    const matches = [matchName(query, customer.companyName), matchName(query, label)].filter(
      (m) => m !== undefined,
    );
    if (matches.length === 0) continue;
    const exactName = customer.companyName.toLowerCase() === query.toLowerCase();
    const rank = exactName
      ? 0
      : Math.min(...matches.map((m) => (m.quality === 'fuzzy' ? 1 + m.distance : 1)));
    scored.push({ customer, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || a.customer.companyName.localeCompare(b.customer.companyName));
  return scored.slice(0, MAX_MATCHES).map((s) => ({ customer: s.customer, exact: s.rank === 0 }));
}

/** Exactly one customer, or the reason there is not one (none, or a choice to offer). */
export async function resolveCustomer(
  customers: CustomerRepository,
  query: string,
): Promise<Result<Customer, DomainError>> {
  if (query.trim().length === 0) return err({ kind: 'invalid-input', field: 'customer', reason: 'empty' });
  if (query.length > MAX_QUERY_LENGTH)
    return err({ kind: 'invalid-input', field: 'customer', reason: 'too-long' });
  return pickCustomer(query, await searchCustomers(customers, query));
}

/** The one customer among `matches` (of searchCustomers for `query`), or why there is not one. */
export function pickCustomer(
  query: string,
  matches: readonly CustomerMatch[],
): Result<Customer, DomainError> {
  const exact = matches.filter((m) => m.exact);
  const found = (exact.length === 1 ? exact : matches).map((m) => m.customer);
  if (found.length === 0) return err({ kind: 'not-found', what: 'customer', ref: query.trim() });
  if (found.length > 1) {
    return err({
      kind: 'ambiguous',
      what: 'customer',
      ref: query.trim(),
      candidates: found.map((c) => ({ id: c.id, label: c.companyName, detail: c.primaryDomain })),
    });
  }
  return ok(found[0]!);
}

export type FindCustomersDeps = Pick<AllDeps, 'clock' | 'audit' | 'customers'>;

export interface FindCustomersCommand {
  readonly query: string;
}

/** `customers <query>`: every match, for a list or a choice card. */
export async function findCustomers(
  deps: FindCustomersDeps,
  actor: Actor,
  command: FindCustomersCommand,
): Promise<Result<Customer[], DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  if (command.query.trim().length === 0)
    return err({ kind: 'invalid-input', field: 'customer', reason: 'empty' });
  if (command.query.length > MAX_QUERY_LENGTH) {
    return err({ kind: 'invalid-input', field: 'customer', reason: 'too-long' });
  }
  const found = (await searchCustomers(deps.customers, command.query)).map((m) => m.customer);
  if (found.length === 0) return err({ kind: 'not-found', what: 'customer', ref: command.query.trim() });
  return ok(found);
}

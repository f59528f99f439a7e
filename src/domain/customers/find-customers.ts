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

/** Every customer the query could mean, best first. */
export async function searchCustomers(
  customers: CustomerRepository,
  rawQuery: string,
): Promise<CustomerMatch[]> {
  const query = rawQuery.trim().replace(/^@/, '');
  if (!query) return [];
  if (GUID.test(query)) {
    const byTenant = await customers.findByTenantId(query.toLowerCase());
    return byTenant ? [{ customer: byTenant, exact: true }] : [];
  }
  const all = await customers.listNames();
  const lower = query.toLowerCase();
  const exactly =
    all.find((c) => c.id === query) ??
    (query.includes('.') ? all.find((c) => c.primaryDomain.toLowerCase() === lower) : undefined);
  if (exactly) return [{ customer: exactly, exact: true }];
  const scored: Array<{ id: string; rank: number; name: string }> = [];
  for (const customer of all) {
    const label = customer.primaryDomain.split('.')[0] ?? '';
    const matches = [matchName(query, customer.companyName), matchName(query, label)].filter(
      (m) => m !== undefined,
    );
    if (matches.length === 0) continue;
    const exactName = customer.companyName.toLowerCase() === query.toLowerCase();
    const rank = exactName
      ? 0
      : Math.min(...matches.map((m) => (m.quality === 'fuzzy' ? 1 + m.distance : 1)));
    scored.push({ id: customer.id, rank, name: customer.companyName });
  }
  scored.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  const byId = new Map(all.map((c) => [c.id, c]));
  return scored.slice(0, MAX_MATCHES).flatMap((s) => {
    const customer = byId.get(s.id);
    return customer ? [{ customer, exact: s.rank === 0 }] : [];
  });
}

/** Exactly one customer, or the reason there is not one (none, or a choice to offer). */
export async function resolveCustomer(
  customers: CustomerRepository,
  query: string,
): Promise<Result<Customer, DomainError>> {
  if (query.trim().length === 0) return err({ kind: 'invalid-input', field: 'customer', reason: 'empty' });
  if (query.length > MAX_QUERY_LENGTH)
    return err({ kind: 'invalid-input', field: 'customer', reason: 'too-long' });
  const matches = await searchCustomers(customers, query);
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

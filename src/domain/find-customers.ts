/** R-CAT-1: customers are found by name (partial, fuzzy), primary domain, tenant id or id. */
import type { Actor } from './actor.js';
import type { DomainError } from './errors.js';
import { matchName } from './fuzzy.js';
import type { Customer } from './model.js';
import type { CustomerRepository } from './ports.js';
import { err, ok, type Result } from './result.js';
import { requireRole } from './authorize.js';
import type { Deps } from './ports.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_QUERY_LENGTH = 200;
export const MAX_MATCHES = 25;

/** Every customer the query could mean, best first. An exact id, domain, tenant or name match wins alone. */
export async function searchCustomers(customers: CustomerRepository, rawQuery: string): Promise<Customer[]> {
  const query = rawQuery.trim().replace(/^@/, '');
  if (!query) return [];
  if (GUID.test(query)) {
    const byTenant = await customers.findByTenantId(query.toLowerCase());
    return byTenant ? [byTenant] : [];
  }
  const byId = await customers.findById(query);
  if (byId) return [byId];
  if (query.includes('.')) {
    const byDomain = await customers.findByDomain(query.toLowerCase());
    if (byDomain) return [byDomain];
  }
  const all = await customers.listNames();
  const scored: Array<{ id: string; rank: number; name: string }> = [];
  for (const customer of all) {
    const label = customer.primaryDomain.split('.')[0] ?? '';
    const byName = matchName(query, customer.companyName);
    const byLabel = matchName(query, label);
    const byDomain = query.includes('.') ? matchName(query, customer.primaryDomain) : undefined;
    const matches = [byName, byLabel, byDomain].filter((m) => m !== undefined);
    if (matches.length === 0) continue;
    const rank = Math.min(
      ...matches.map((m) => (m.quality === 'exact' ? 0 : m.quality === 'partial' ? 1 : 1 + m.distance)),
    );
    scored.push({ id: customer.id, rank, name: customer.companyName });
  }
  scored.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name));
  const exact = scored.filter((s) => s.rank === 0);
  const chosen = (exact.length === 1 ? exact : scored).slice(0, MAX_MATCHES);
  const found = await customers.findManyByIds(chosen.map((s) => s.id));
  const byId2 = new Map(found.map((c) => [c.id, c]));
  return chosen.map((s) => byId2.get(s.id)).filter((c): c is Customer => c !== undefined);
}

/** Exactly one customer, or the reason there is not one (none, or a choice to offer). */
export async function resolveCustomer(
  customers: CustomerRepository,
  query: string,
): Promise<Result<Customer, DomainError>> {
  if (query.trim().length === 0) return err({ kind: 'invalid-input', field: 'customer', reason: 'empty' });
  if (query.length > MAX_QUERY_LENGTH) return err({ kind: 'invalid-input', field: 'customer', reason: 'too-long' });
  const found = await searchCustomers(customers, query);
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

export interface FindCustomersCommand {
  readonly query: string;
}

/** `customers <query>`: every match, for a list or a choice card. */
export async function findCustomers(
  deps: Deps,
  actor: Actor,
  command: FindCustomersCommand,
): Promise<Result<Customer[], DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  if (command.query.trim().length === 0) return err({ kind: 'invalid-input', field: 'customer', reason: 'empty' });
  if (command.query.length > MAX_QUERY_LENGTH) {
    return err({ kind: 'invalid-input', field: 'customer', reason: 'too-long' });
  }
  const found = await searchCustomers(deps.customers, command.query);
  if (found.length === 0) return err({ kind: 'not-found', what: 'customer', ref: command.query.trim() });
  return ok(found);
}

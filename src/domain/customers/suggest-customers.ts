/**
 * Type-ahead for card inputs (Teams' Data.Query): customers and products matching what the user types,
 * for people who may look them up (R-ROLE-7). Nothing is shown to someone without a role (R-ROLE-10).
 */
import type { Actor } from '../shared/actor.js';
import { can } from '../shared/roles.js';
import { searchCustomers } from './find-customers.js';
import { matchName } from '../shared/fuzzy.js';
import type { AllDeps } from '../ports/deps.js';

export const TYPE_AHEAD_LIMIT = 15;

export interface Suggestion {
  readonly title: string;
  readonly value: string;
}

export async function suggestCustomers(deps: AllDeps, actor: Actor, text: string): Promise<Suggestion[]> {
  if (!can(actor.roles, 'catalog.read') || !text.trim() || text.length > 200) return [];
  const found = await searchCustomers(deps.customers, text);
  return found
    .slice(0, TYPE_AHEAD_LIMIT)
    .map((m) => ({ title: `${m.customer.companyName} (${m.customer.primaryDomain})`, value: m.customer.id }));
}

export async function suggestProducts(deps: AllDeps, actor: Actor, text: string): Promise<Suggestion[]> {
  if (!can(actor.roles, 'catalog.read') || text.length > 200) return [];
  const products = await deps.products.list();
  const q = text.trim();
  return products
    .map((p) => ({ p, m: q ? matchName(q, p.name) : { quality: 'partial' as const, distance: 0 } }))
    .filter((x) => x.m !== undefined)
    .sort((a, b) => a.m!.distance - b.m!.distance || a.p.name.localeCompare(b.p.name))
    .slice(0, TYPE_AHEAD_LIMIT)
    .map(({ p }) => ({ title: p.name, value: p.id }));
}

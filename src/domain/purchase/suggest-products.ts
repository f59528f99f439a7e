/**
 * Type-ahead for card inputs (Teams' Data.Query): products matching what the user types,
 * for people who may look them up (R-ROLE-7). Nothing is shown to someone without a role (R-ROLE-10).
 */
import type { Actor } from '../shared/actor.js';
import type { ProductRepository } from '../ports/products.js';
import type { Suggestion } from '../shared/suggestion.js';
import { can } from '../shared/roles.js';
import { matchName } from '../shared/fuzzy.js';
import { TYPE_AHEAD_LIMIT } from '../shared/suggestion.js';

export interface SuggestProductsDeps {
  readonly products: ProductRepository;
}

export async function suggestProducts(
  deps: SuggestProductsDeps,
  actor: Actor,
  text: string,
): Promise<Suggestion[]> {
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

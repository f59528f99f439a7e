/** Finding the product a user means, by id or by name (typos allowed), never guessing between several (R-CAT-1). */
import type { Candidate, DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Product } from '../shared/model.js';
import type { ProductRepository } from '../ports/products.js';
import { err, ok } from '../shared/result.js';
import { matchName } from '../shared/fuzzy.js';

/**
 * Products the text could mean; an exact name wins alone. With `offered` (what this customer can buy,
 * R-BUY-4..7), a choice lists only those (R-BUY-6: a commercial customer is not offered government or
 * education products); when the text means only products the customer cannot have, the best match is
 * returned so that the purchase rules refuse it and say why. Usage-based products are found too (R-BUY-5
 * says why not).
 */
export async function findProduct(
  repos: { readonly products: ProductRepository },
  query: string,
  offered: (product: Product) => boolean = () => true,
): Promise<Result<Product, DomainError>> {
  const q = query.trim();
  if (!q) return err({ kind: 'invalid-input', field: 'product', reason: 'empty' });
  if (q.length > 200) return err({ kind: 'invalid-input', field: 'product', reason: 'too-long' });
  const products = await repos.products.list();
  const byId = products.find((p) => p.id === q);
  if (byId) return ok(byId);
  const exact = products.filter((p) => p.name.toLowerCase() === q.toLowerCase());
  if (exact.length === 1) return ok(exact[0]!);
  const scored = products
    .map((p) => ({ p, m: matchName(q, p.name) }))
    .filter((x): x is { p: Product; m: NonNullable<typeof x.m> } => x.m !== undefined)
    .sort((a, b) => a.m.distance - b.m.distance || a.p.name.localeCompare(b.p.name));
  if (scored.length === 0) return err({ kind: 'not-found', what: 'product', ref: q });
  const buyable = scored.filter(({ p }) => offered(p));
  if (buyable.length === 0) return ok(scored[0]!.p);
  if (buyable.length === 1) return ok(buyable[0]!.p);
  return err({
    kind: 'ambiguous',
    what: 'product',
    ref: q,
    candidates: buyable.slice(0, 25).map(({ p }): Candidate => ({
      id: p.id,
      label: p.name,
      detail: `${p.publisher} · ${p.billingCycles.join('/')}`,
    })),
  });
}

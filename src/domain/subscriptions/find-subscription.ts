/**
 * Finds the subscription a user means: by id (`SUB-…`), or by customer and product ("contoso E3",
 * "E3 for contoso"). Several matches are a choice, never a guess (R-CAT-1).
 */
import type { DomainError } from '../shared/errors.js';
import {
  pickCustomer,
  resolveCustomer,
  searchCustomers,
  type CustomerMatch,
} from '../customers/find-customers.js';
import { matchName } from '../shared/fuzzy.js';
import type { Customer, Subscription } from '../shared/model.js';
import type { Repositories } from '../ports/unit-of-work.js';
import { err, ok, type Result } from '../shared/result.js';
import { effectiveSubscription } from './subscription-state.js';
import type { Dayjs } from '../shared/time.js';

/**
 * A turn names a subscription among its customer's newest this many (a bound per turn, far above what one
 * customer holds; an older one is still reached by its id).
 */
export const MAX_SUBSCRIPTIONS_SEARCHED = 1000;

const SUBSCRIPTION_ID = /^sub-[a-z0-9-]{1,80}$/i;
const SEPARATORS = [/\s+for\s+/i, /\s*给\s*/, /\s*为\s*/];

/** The repositories a subscription lookup reads. */
export type FindSubscriptionDeps = Pick<Repositories, 'subscriptions' | 'customers'>;

export interface FoundSubscription {
  readonly subscription: Subscription;
  readonly customer: Customer;
}

function splitProductAndCustomer(ref: string): { product: string; customer: string } | undefined {
  for (const separator of SEPARATORS) {
    const parts = ref.split(separator);
    if (parts.length === 2 && parts[0]!.trim() && parts[1]!.trim())
      return { product: parts[0]!.trim(), customer: parts[1]!.trim() };
  }
  return undefined;
}

/** The longest leading words that name at least one customer, the rest (the product), and the matches. */
async function splitCustomerFirst(
  repos: FindSubscriptionDeps,
  ref: string,
): Promise<{ customer: string; product: string; matches: CustomerMatch[] }> {
  const words = ref.split(/\s+/);
  // First the words that a name or domain contains (cheap, by index); a typo only when none does.
  for (const similar of [false, true]) {
    for (let i = words.length; i >= 1; i--) {
      const customer = words.slice(0, i).join(' ');
      const matches = await searchCustomers(repos.customers, customer, { similar });
      if (matches.length > 0) return { customer, product: words.slice(i).join(' '), matches };
    }
  }
  return { customer: ref, product: '', matches: [] };
}

export async function findSubscription(
  repos: FindSubscriptionDeps,
  rawRef: string,
  now: Dayjs,
): Promise<Result<FoundSubscription, DomainError>> {
  const ref = rawRef.trim();
  if (!ref) return err({ kind: 'invalid-input', field: 'subscription', reason: 'empty' });
  if (ref.length > 300) return err({ kind: 'invalid-input', field: 'subscription', reason: 'too-long' });
  if (SUBSCRIPTION_ID.test(ref)) {
    const stored =
      (await repos.subscriptions.findById(ref)) ??
      (await repos.subscriptions.findById(`SUB-${ref.slice(4)}`));
    if (!stored) return err({ kind: 'not-found', what: 'subscription', ref });
    const customer = await repos.customers.findById(stored.customerId);
    if (!customer) return err({ kind: 'not-found', what: 'customer', ref: stored.customerId });
    return ok({ subscription: effectiveSubscription(stored, now), customer });
  }
  const split: { customer: string; product: string; matches?: CustomerMatch[] } =
    splitProductAndCustomer(ref) ?? (await splitCustomerFirst(repos, ref));
  // The split already searched for the customer's words: its matches are reused, not searched again.
  const customer =
    split.matches && split.matches.length > 0
      ? pickCustomer(split.customer, split.matches)
      : await resolveCustomer(repos.customers, split.customer);
  if (!customer.ok) {
    if (customer.error.kind === 'ambiguous') {
      return err({
        ...customer.error,
        candidates: customer.error.candidates.map((c) => ({ ...c, id: `${c.id} ${split.product}`.trim() })),
      });
    }
    return customer;
  }
  const all = (
    await repos.subscriptions.listByCustomer(customer.value.id, undefined, {
      offset: 0,
      limit: MAX_SUBSCRIPTIONS_SEARCHED,
    })
  ).map((s) => effectiveSubscription(s, now));
  // A customer holds many subscriptions of a few products: each product name is matched once.
  const named = new Map<string, boolean>();
  const namesProduct = (name: string) => {
    if (!named.has(name)) named.set(name, matchName(split.product, name) !== undefined);
    return named.get(name)!;
  };
  const matching = split.product
    ? all.filter((s) => namesProduct(s.productName) || s.productId === split.product)
    : all;
  const exact = matching.filter((s) => s.productName.toLowerCase() === split.product.toLowerCase());
  const open = (exact.length > 0 ? exact : matching).filter(
    (s) => s.status !== 'cancelled' && s.status !== 'expired',
  );
  const chosen = open.length > 0 ? open : matching;
  if (chosen.length === 0) {
    return err({
      kind: 'not-found',
      what: 'subscription',
      ref: `${customer.value.companyName} ${split.product}`.trim(),
    });
  }
  if (chosen.length > 1) {
    return err({
      kind: 'ambiguous',
      what: 'subscription',
      ref,
      candidates: chosen.slice(0, 25).map((s) => ({
        id: s.id,
        label: s.productName,
        detail: `${s.id} · ${s.status} · ${s.quantity} · ${s.billingCycle}`,
      })),
    });
  }
  return ok({ subscription: chosen[0]!, customer: customer.value });
}

/**
 * `products [for <customer>] [publisher X] [usage|license] [category] [kind] [search words]`: the catalog
 * as Partner Center's dashboard lets one browse it (seed 000 step 4; 001/002 for software, reservations and
 * perpetual products), filtered and paged (R-CAT-2, R-CAT-3). With a customer, only what that customer can
 * buy is listed, by the same checks a cart runs (R-BUY-2..7, R-REL-1), and what was left out is counted by
 * reason (R-CAT-4); in partner-center mode also only what Partner Center offers that customer (R-CAT-6).
 */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { DomainError, RefusalReason } from '../shared/errors.js';
import type { FactSource } from '../shared/external-refusal.js';
import type { AllDeps } from '../ports/deps.js';
import {
  BillingTypeSchema,
  CategorySchema,
  type BillingCycle,
  type Customer,
  type Product,
  type ProductKind,
  type Segment,
} from '../shared/model.js';
import { isExternalRefusal } from '../shared/external-refusal.js';
import { isAddOn } from '../shared/model.js';
import { requireRole } from '../shared/authorize.js';
import { resolveCustomer } from '../customers/find-customers.js';
import { can } from '../shared/roles.js';
import { ok, type Result } from '../shared/result.js';
import { buyActionFor, checkAvailability, pricesIncludeTax } from '../purchase/purchase-rules.js';
import { heldBy } from '../purchase/cart.js';

export const PRODUCTS_PAGE_SIZE = 8;

/** The kinds a user names: software subscriptions, reservations, perpetual software, online, SaaS. */
export const KIND_FILTERS = {
  software: 'software-subscription',
  reservations: 'azure-reservation',
  perpetual: 'perpetual-software',
  online: 'online-service',
  saas: 'marketplace-saas',
} as const satisfies Record<string, ProductKind>;
export const KindFilterSchema = z.enum(['software', 'reservations', 'perpetual', 'online', 'saas']);
export type KindFilter = z.infer<typeof KindFilterSchema>;

export const BrowseProductsSchema = z.object({
  customer: z.string().min(1).max(200).optional(),
  publisher: z.string().min(1).max(100).optional(),
  billingType: BillingTypeSchema.optional(),
  category: CategorySchema.optional(),
  type: KindFilterSchema.optional(),
  search: z.string().min(1).max(200).optional(),
  page: z.number().int().min(0).max(10_000).optional(),
});
export type BrowseProductsCommand = z.infer<typeof BrowseProductsSchema>;

/** Why a product was left out for the customer: a purchase rule, or Partner Center not offering it. */
export type ExclusionReason = RefusalReason | 'partner-center-not-offered' | 'addon-needs-base';

export interface ProductListing {
  readonly id: string;
  readonly name: string;
  readonly kind: ProductKind;
  readonly publisher: string;
  readonly billingType: Product['billingType'];
  readonly category: Product['category'];
  readonly billingCycles: readonly BillingCycle[];
  readonly segments: readonly Segment[];
  readonly unitPrice: number;
  readonly currency: string;
  readonly trialDays: number | null;
  /** R-ADD-1: an add-on names the products it attaches to. */
  readonly addOnFor: readonly string[];
  /** R-CAT-5: a customer was named and the speaker's roles allow buying it (the cart checks again, R-ROLE-9). */
  readonly buyable: boolean;
}

export interface ProductPage {
  /** The filters as understood, the customer by id: what Next and Previous send back. */
  readonly filters: BrowseProductsCommand;
  readonly customer?: Pick<Customer, 'id' | 'companyName' | 'billingCountry'>;
  /** R-BUY-8, with a customer: prices shown include tax (AU, BR). */
  readonly taxIncluded?: boolean;
  readonly items: readonly ProductListing[];
  readonly page: number;
  readonly pageCount: number;
  /** Products matching the filters (and, with a customer, buyable by it). */
  readonly total: number;
  /** With a customer: how many matching products were left out, by reason (R-CAT-4), most first. */
  readonly excluded: ReadonlyArray<{
    readonly rule: string;
    readonly reason: ExclusionReason;
    readonly count: number;
  }>;
  /** Partner-center mode with a customer: where the offer list came from, or that it could not be read. */
  readonly offers?: { readonly read: true; readonly source: FactSource } | { readonly read: false };
}

export type BrowseProductsDeps = Pick<
  AllDeps,
  'clock' | 'audit' | 'customers' | 'products' | 'subscriptions' | 'partner' | 'catalogOffers'
>;

const words = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/** R-CAT-2: every filter given must hold; every search word must appear in the name or publisher. */
export function matchesFilters(product: Product, command: BrowseProductsCommand): boolean {
  if (command.publisher && !product.publisher.toLowerCase().includes(command.publisher.toLowerCase().trim()))
    return false;
  if (command.billingType && product.billingType !== command.billingType) return false;
  if (command.category && product.category !== command.category) return false;
  if (command.type && product.kind !== KIND_FILTERS[command.type]) return false;
  if (command.search) {
    const haystack = `${product.name} ${product.publisher}`.toLowerCase();
    if (!words(command.search).every((w) => haystack.includes(w))) return false;
  }
  return true;
}

export async function browseProducts(
  deps: BrowseProductsDeps,
  actor: Actor,
  command: BrowseProductsCommand,
): Promise<Result<ProductPage, DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  let customer: Customer | undefined;
  if (command.customer) {
    const found = await resolveCustomer(deps.customers, command.customer);
    if (!found.ok) return found;
    customer = found.value;
  }
  const matching = (await deps.products.list())
    .filter((p) => matchesFilters(p, command))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  let listed = matching;
  const excluded = new Map<string, { rule: string; reason: ExclusionReason; count: number }>();
  const exclude = (rule: string, reason: ExclusionReason) => {
    const key = `${rule}|${reason}`;
    const entry = excluded.get(key) ?? { rule, reason, count: 0 };
    excluded.set(key, { ...entry, count: entry.count + 1 });
  };
  let offers: ProductPage['offers'];
  if (customer) {
    const now = deps.clock.now();
    const held = await heldBy(deps, customer.id, now, matching);
    const backend = deps.catalogOffers ? await deps.catalogOffers.offeredTo(customer.tenantId) : undefined;
    if (backend)
      offers = isExternalRefusal(backend) ? { read: false } : { read: true, source: backend.source };
    listed = [];
    for (const product of matching) {
      // R-ADD-1: an add-on is bought for a base subscription (`addons <subscription>`), not from the catalog.
      if (isAddOn(product)) {
        exclude('R-ADD-1', 'addon-needs-base');
        continue;
      }
      const checked = checkAvailability(product, customer, held, deps.partner);
      if (!checked.ok) {
        const error = checked.error;
        if (error.kind === 'refused') exclude(error.rule, error.reason);
        continue;
      }
      // R-CAT-6: Partner Center has the final word on what it offers this customer.
      if (backend && !isExternalRefusal(backend) && !backend.titles.has(product.name.trim().toLowerCase())) {
        exclude('R-CAT-6', 'partner-center-not-offered');
        continue;
      }
      listed.push(product);
    }
  }
  const pageCount = Math.max(1, Math.ceil(listed.length / PRODUCTS_PAGE_SIZE));
  const page = Math.min(command.page ?? 0, pageCount - 1);
  const all = new Map((await deps.products.list()).map((p) => [p.id, p.name]));
  const items = listed
    .slice(page * PRODUCTS_PAGE_SIZE, (page + 1) * PRODUCTS_PAGE_SIZE)
    .map((p): ProductListing => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      publisher: p.publisher,
      billingType: p.billingType,
      category: p.category,
      billingCycles: p.billingCycles,
      segments: p.segments,
      unitPrice: p.unitPrice,
      currency: p.currency,
      trialDays: p.trialDays,
      addOnFor: (p.baseProductIds ?? []).map((id) => all.get(id) ?? id),
      buyable: customer !== undefined && can(actor.roles, buyActionFor(p)),
    }));
  const { page: _page, customer: _customer, ...rest } = command;
  return ok({
    filters: { ...rest, ...(customer ? { customer: customer.id } : {}) },
    ...(customer
      ? {
          customer: {
            id: customer.id,
            companyName: customer.companyName,
            billingCountry: customer.billingCountry,
          },
          taxIncluded: pricesIncludeTax(customer),
        }
      : {}),
    items,
    page,
    pageCount,
    total: listed.length,
    excluded: [...excluded.values()].sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule)),
    ...(offers ? { offers } : {}),
  });
}

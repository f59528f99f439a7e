/**
 * A cart under review (R-BUY-1..11): its lines for one customer, kept server-side as a pending action until
 * it is purchased, discarded or expired; how it is shown (prices, tax note, trial notice); and the checks
 * run on it when a line is added and again, against current data, at purchase.
 */
import type { BillingCycle } from '../shared/model.js';
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Customer, Product, Subscription } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';
import type { AllDeps } from '../ports/deps.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { ProductRepository } from '../ports/products.js';
import { BillingCycleSchema } from '../shared/model.js';
import { termCharge } from '../subscriptions/cancellation-policy.js';
import {
  checkAvailability,
  checkLine,
  buyActionFor,
  pricesIncludeTax,
  trialEndFor,
} from './purchase-rules.js';
import { err, ok } from '../shared/result.js';
import { can, rolesAllowedTo } from '../shared/roles.js';
import { effectiveSubscription, termEnd } from '../subscriptions/subscription-state.js';

export const MAX_CART_LINES = 10;

export const CartLineSchema = z.object({
  productId: z.string().min(1).max(100),
  quantity: z.number().int(),
  billingCycle: BillingCycleSchema,
});
export const CartSchema = z.object({
  customerId: z.string().min(1).max(100),
  lines: z.array(CartLineSchema).min(1).max(MAX_CART_LINES),
});
export type Cart = z.infer<typeof CartSchema>;
export type CartLine = z.infer<typeof CartLineSchema>;

export interface CartLineView {
  readonly productId: string;
  readonly productName: string;
  readonly publisher: string;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  readonly cyclesOffered: readonly BillingCycle[];
  readonly maxQuantity: number;
  /** Price of one license for one term of the chosen cycle. */
  readonly unitPrice: number;
  readonly lineTotal: number;
  readonly currency: string;
  readonly trialDays: number | null;
  readonly isvSetup: boolean;
  /** False for perpetual software: bought once, it never renews (R-BUY-11 is about subscriptions). */
  readonly renews: boolean;
  /** R-PC-10: the backend catalog item this line buys (partner-center mode), shown on the review. */
  readonly catalogItemId?: string;
}

export interface CartView {
  readonly pendingId: string;
  readonly expiresAt: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly billingCountry: string;
  /** R-BUY-8: prices include tax for customers billed in AU and BR. */
  readonly taxIncluded: boolean;
  readonly lines: readonly CartLineView[];
  readonly total: number;
  readonly currency: string;
  /** What else can be added for this customer (its segment, market, publishers' rules), for the picker. */
  readonly catalog: ReadonlyArray<{ id: string; name: string }>;
}

export const canBuyAnything = (actor: Actor) =>
  can(actor.roles, 'subscription.buy') || can(actor.roles, 'software.buy');

/**
 * The customer's subscriptions that R-BUY-2 and R-BUY-3 look at for these products, as of now: any
 * suspended one, and the active ones of a product limited to one per customer. Those are all the checks
 * read, so a customer holding many subscriptions to a product is not read whole for every cart.
 */
export async function heldBy(
  repos: Pick<Repositories, 'subscriptions'>,
  customerId: string,
  now: Dayjs,
  products: ReadonlyArray<Pick<Product, 'id' | 'onePerCustomer'>>,
): Promise<Subscription[]> {
  if (products.length === 0) return [];
  const onePerCustomer = products.filter((p) => p.onePerCustomer).map((p) => p.id);
  const held = await repos.subscriptions.listByCustomer(customerId, [
    { productIds: products.map((p) => p.id), statuses: ['suspended'] },
    ...(onePerCustomer.length > 0 ? [{ productIds: onePerCustomer, statuses: ['active' as const] }] : []),
  ]);
  return held.map((s) => effectiveSubscription(s, now));
}

/** The catalog listed at most once by whoever uses this (one use case's turn); single products as before. */
export function catalogReadOnce(products: ProductRepository): ProductRepository {
  let listed: Promise<Product[]> | undefined;
  return {
    findById: (id) => products.findById(id),
    list: () => (listed ??= products.list()),
  };
}

/** The cart with the products this customer could add (R-BUY-4..9). */
export async function withCatalog(
  deps: Pick<AllDeps, 'products' | 'partner' | 'catalogItems'>,
  view: Omit<CartView, 'catalog'>,
  customer: Customer,
): Promise<CartView> {
  const products = await deps.products.list();
  const catalog = products
    .filter((p) => checkAvailability(p, customer, [], deps.partner).ok)
    .map((p) => ({ id: p.id, name: p.name }));
  return { ...view, lines: await withCatalogItems(deps, view.lines, customer), catalog };
}

/** R-PC-10: each line's backend catalog item, when the backend has one (a refusal is met again at the click). */
async function withCatalogItems(
  deps: Pick<AllDeps, 'catalogItems' | 'products'>,
  lines: readonly CartLineView[],
  customer: Customer,
): Promise<CartLineView[]> {
  const source = deps.catalogItems;
  if (!source) return [...lines];
  return Promise.all(
    lines.map(async (line) => {
      const product = await deps.products.findById(line.productId);
      if (!product) return line;
      const item = await source.find(customer, product, line.billingCycle);
      return 'catalogItemId' in item ? { ...line, catalogItemId: item.catalogItemId } : line;
    }),
  );
}

export function viewOf(
  pendingId: string,
  expiresAt: Dayjs,
  customer: Customer,
  lines: ReadonlyArray<{ line: CartLine; product: Product }>,
): Omit<CartView, 'catalog'> {
  const views = lines.map(({ line, product }): CartLineView => ({
    productId: product.id,
    productName: product.name,
    publisher: product.publisher,
    quantity: line.quantity,
    billingCycle: line.billingCycle,
    cyclesOffered: product.billingCycles,
    maxQuantity: product.maxQuantity,
    unitPrice: termCharge(product, { billingCycle: line.billingCycle, quantity: 1 }),
    lineTotal: termCharge(product, line),
    currency: product.currency,
    trialDays: product.trialDays,
    isvSetup: Boolean(product.isvSetupUrl),
    renews: product.kind !== 'perpetual-software',
  }));
  return {
    pendingId,
    expiresAt: expiresAt.toISOString(),
    customerId: customer.id,
    customerName: customer.companyName,
    billingCountry: customer.billingCountry,
    taxIncluded: pricesIncludeTax(customer),
    lines: views,
    total: Math.round(views.reduce((sum, l) => sum + l.lineTotal, 0) * 100) / 100,
    currency: views[0]?.currency ?? 'USD',
  };
}

/** Checks a whole cart against the customer's subscriptions now; lines of the same cart count too. */
export function checkCart(
  actor: Actor,
  deps: Pick<AllDeps, 'partner'>,
  customer: Customer,
  held: readonly Subscription[],
  lines: ReadonlyArray<{ line: CartLine; product: Product }>,
  now: Dayjs,
): Result<void, DomainError> {
  const soFar: Subscription[] = [...held];
  // Decision: software is bought in an order of its own, so that an order is what a software
  // cancellation (R-SWC-4) cancels.
  const software = lines.find(({ product }) => buyActionFor(product) === 'software.buy');
  if (software && lines.length > 1) {
    return err({
      kind: 'refused',
      rule: 'R-SWC-4',
      reason: 'software-own-order',
      facts: { product: software.product.name },
    });
  }
  for (const { line, product } of lines) {
    const action = buyActionFor(product);
    if (!can(actor.roles, action))
      return err({ kind: 'forbidden', action, allowedRoles: rolesAllowedTo(action) });
    const checked = checkLine(line, product, customer, soFar, deps.partner);
    if (!checked.ok) return checked;
    soFar.push(newSubscription('pending', customer, product, line, 'pending', now));
  }
  return ok(undefined);
}

/** The subscription a cart line becomes (a trial first when the product has one, R-BUY-6). */
export function newSubscription(
  id: string,
  customer: Customer,
  product: Product,
  line: CartLine,
  orderId: string,
  now: Dayjs,
): Subscription {
  const trialEndsAt = trialEndFor(product, now);
  const termStartAt = trialEndsAt ?? now;
  return {
    id,
    customerId: customer.id,
    productId: product.id,
    productName: product.name,
    orderId,
    quantity: line.quantity,
    billingCycle: line.billingCycle,
    status: 'active',
    autoRenew: true,
    orderedAt: now,
    termStartAt,
    renewsAt: trialEndsAt ?? termEnd(now, line.billingCycle),
    trialEndsAt,
    suspendedAt: null,
    dataDeletedAt: null,
    cancelledAt: null,
    cancelAt: null,
    version: 0,
  };
}

/** The cart's lines with their products as they are now. */
export async function loadLines(
  repos: Pick<Repositories, 'products'>,
  cart: Cart,
): Promise<Result<Array<{ line: CartLine; product: Product }>, DomainError>> {
  const out: Array<{ line: CartLine; product: Product }> = [];
  for (const line of cart.lines) {
    const product = await repos.products.findById(line.productId);
    if (!product) return err({ kind: 'not-found', what: 'product', ref: line.productId });
    out.push({ line, product });
  }
  return ok(out);
}

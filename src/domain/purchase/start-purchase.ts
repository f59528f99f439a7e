/**
 * Buying (R-BUY-1..11): a cart of lines for one customer, kept server-side as a pending action until it is
 * purchased, discarded or expired; shown for review with prices, tax note and trial notice; bought as one
 * order. Every rule is checked when a line is added and again, against current data, at purchase.
 */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import { requireRole } from '../shared/authorize.js';
import { termCharge } from '../subscriptions/cancellation-policy.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { type Executor } from '../confirmations/executor.js';
import type { Candidate, DomainError } from '../shared/errors.js';
import { resolveCustomer } from '../customers/find-customers.js';
import { matchName } from '../shared/fuzzy.js';
import {
  BillingCycleSchema,
  type BillingCycle,
  type Customer,
  type Product,
  type Subscription,
} from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import type { Repositories } from '../ports/unit-of-work.js';
import {
  buyActionFor,
  checkAvailability,
  checkLine,
  pricesIncludeTax,
  trialEndFor,
} from './purchase-rules.js';
import { err, ok, type Result } from '../shared/result.js';
import { can, rolesAllowedTo } from '../shared/roles.js';
import { effectiveSubscription, termEnd } from '../subscriptions/subscription-state.js';
import type { Dayjs } from '../shared/time.js';

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

export interface PurchasedLine {
  readonly productName: string;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  readonly subscriptionId: string;
  readonly lineTotal: number;
  readonly trialEndsAt: string | null;
  readonly renewsAt: string;
  /** R-BUY-10: the publisher's set-up link for the customer (ISV SaaS). */
  readonly setupUrl: string | null;
}

export interface PurchaseResult {
  readonly orderId: string;
  readonly customerName: string;
  readonly placedAt: string;
  readonly lines: readonly PurchasedLine[];
  readonly total: number;
  readonly currency: string;
  readonly taxIncluded: boolean;
  readonly billingCountry: string;
}

const canBuyAnything = (actor: Actor) =>
  can(actor.roles, 'subscription.buy') || can(actor.roles, 'software.buy');

/** Products the text could mean; an exact name wins alone. Usage-based products are found too (R-BUY-5 says why not). */
export async function findProduct(repos: Repositories, query: string): Promise<Result<Product, DomainError>> {
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
  if (scored.length === 1) return ok(scored[0]!.p);
  return err({
    kind: 'ambiguous',
    what: 'product',
    ref: q,
    candidates: scored.slice(0, 25).map(({ p }): Candidate => ({
      id: p.id,
      label: p.name,
      detail: `${p.publisher} · ${p.billingCycles.join('/')}`,
    })),
  });
}

/** The customer's subscriptions to these products, as of now (what R-BUY-2 and R-BUY-3 look at). */
async function heldBy(
  repos: Repositories,
  customerId: string,
  now: Dayjs,
  productIds: readonly string[],
): Promise<Subscription[]> {
  return (await repos.subscriptions.listByCustomer(customerId, productIds)).map((s) =>
    effectiveSubscription(s, now),
  );
}

async function withCatalog(
  deps: AllDeps,
  view: Omit<CartView, 'catalog'>,
  customer: Customer,
): Promise<CartView> {
  const products = await deps.products.list();
  const catalog = products
    .filter((p) => checkAvailability(p, customer, [], deps.partner).ok)
    .map((p) => ({ id: p.id, name: p.name }));
  return { ...view, catalog };
}

function viewOf(
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
function checkCart(
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

function newSubscription(
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

async function loadLines(
  repos: Repositories,
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

export interface StartPurchaseCommand {
  readonly customer: string;
  readonly product: string;
  readonly quantity?: number;
  readonly billingCycle?: BillingCycle;
}

/** `buy 10 Microsoft 365 E3 for contoso monthly`: a new cart with one line, for review. */
export async function startPurchase(
  deps: AllDeps,
  actor: Actor,
  command: StartPurchaseCommand,
): Promise<Result<CartView, DomainError>> {
  if (!canBuyAnything(actor)) return (await requireRole(deps, actor, 'subscription.buy'))!;
  const customer = await resolveCustomer(deps.customers, command.customer);
  if (!customer.ok) return customer;
  const product = await findProduct(deps, command.product);
  if (!product.ok) return product;
  const line: CartLine = {
    productId: product.value.id,
    quantity: command.quantity ?? 1,
    billingCycle: command.billingCycle ?? product.value.billingCycles[0] ?? 'monthly',
  };
  const now = deps.clock.now();
  const lines = [{ line, product: product.value }];
  const checked = checkCart(
    actor,
    deps,
    customer.value,
    await heldBy(
      deps,
      customer.value.id,
      now,
      lines.map((l) => l.product.id),
    ),
    lines,
    now,
  );
  if (!checked.ok) {
    if (checked.error.kind === 'forbidden') await requireRole(deps, actor, checked.error.action);
    return checked;
  }
  const pending = await createPendingAction<Cart>(deps, actor, 'subscription.buy', {
    customerId: customer.value.id,
    lines: [line],
  });
  return ok(
    await withCatalog(deps, viewOf(pending.id, pending.expiresAt, customer.value, lines), customer.value),
  );
}

type CartEdit =
  | {
      readonly kind: 'add';
      readonly product: string;
      readonly quantity?: number;
      readonly billingCycle?: BillingCycle;
    }
  | { readonly kind: 'set'; readonly lines: ReadonlyArray<{ quantity: number; billingCycle: BillingCycle }> }
  | { readonly kind: 'remove'; readonly index: number };

/** Changes a cart still under review (its initiator only); the result is checked before it is stored. */
export async function editCart(
  deps: AllDeps,
  actor: Actor,
  pendingId: string,
  edit: CartEdit,
): Promise<Result<CartView, DomainError>> {
  if (!canBuyAnything(actor)) return (await requireRole(deps, actor, 'subscription.buy'))!;
  const pending = await deps.pending.find(pendingId);
  const now = deps.clock.now();
  if (!pending || pending.action !== 'subscription.buy')
    return err({ kind: 'not-found', what: 'pending-action', ref: pendingId });
  if (pending.initiatorAadObjectId !== actor.aadObjectId) return err({ kind: 'not-initiator' });
  if (pending.status === 'done') return err({ kind: 'already-done', previous: pending.result });
  if (pending.status === 'discarded') return err({ kind: 'discarded' });
  if (!now.isBefore(pending.expiresAt)) return err({ kind: 'expired', what: 'pending-action' });
  const cart = CartSchema.parse(pending.payload);
  let lines: CartLine[] = [...cart.lines];
  if (edit.kind === 'add') {
    if (lines.length >= MAX_CART_LINES)
      return err({ kind: 'invalid-input', field: 'product', reason: 'cart-full' });
    const product = await findProduct(deps, edit.product);
    if (!product.ok) return product;
    lines.push({
      productId: product.value.id,
      quantity: edit.quantity ?? 1,
      billingCycle: edit.billingCycle ?? product.value.billingCycles[0] ?? 'monthly',
    });
  } else if (edit.kind === 'set') {
    if (edit.lines.length !== lines.length)
      return err({ kind: 'invalid-input', field: 'cart', reason: 'stale' });
    lines = lines.map((line, i) => ({
      ...line,
      quantity: edit.lines[i]!.quantity,
      billingCycle: edit.lines[i]!.billingCycle,
    }));
  } else {
    if (lines.length <= 1 || edit.index < 0 || edit.index >= lines.length)
      return err({ kind: 'invalid-input', field: 'cart', reason: 'stale' });
    lines.splice(edit.index, 1);
  }
  const customer = await deps.customers.findById(cart.customerId);
  if (!customer) return err({ kind: 'not-found', what: 'customer', ref: cart.customerId });
  const loaded = await loadLines(deps, { ...cart, lines });
  if (!loaded.ok) return loaded;
  const checked = checkCart(
    actor,
    deps,
    customer,
    await heldBy(
      deps,
      customer.id,
      now,
      loaded.value.map((l) => l.product.id),
    ),
    loaded.value,
    now,
  );
  if (!checked.ok) return checked;
  if (!(await deps.pending.updatePayload(pendingId, { ...cart, lines }, now)))
    return err({ kind: 'expired', what: 'pending-action' });
  return ok(await withCatalog(deps, viewOf(pendingId, pending.expiresAt, customer, loaded.value), customer));
}

/** The cart as stored, for showing it again (e.g. after a refused change). */
export async function showCart(
  deps: AllDeps,
  actor: Actor,
  pendingId: string,
): Promise<Result<CartView, DomainError>> {
  if (!canBuyAnything(actor)) return (await requireRole(deps, actor, 'subscription.buy'))!;
  const pending = await deps.pending.find(pendingId);
  if (
    !pending ||
    pending.action !== 'subscription.buy' ||
    pending.initiatorAadObjectId !== actor.aadObjectId
  ) {
    return err({ kind: 'not-found', what: 'pending-action', ref: pendingId });
  }
  const cart = CartSchema.parse(pending.payload);
  const customer = await deps.customers.findById(cart.customerId);
  if (!customer) return err({ kind: 'not-found', what: 'customer', ref: cart.customerId });
  const loaded = await loadLines(deps, cart);
  if (!loaded.ok) return loaded;
  return ok(await withCatalog(deps, viewOf(pendingId, pending.expiresAt, customer, loaded.value), customer));
}

/** A readable id from the random id source: `ORD-7K2M9QXD`. */
const shortId = (prefix: string, newId: () => string) =>
  `${prefix}-${newId()
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 8)
    .toUpperCase()}`;

export const purchaseExecutor: Executor<Cart, PurchaseResult> = {
  action: 'subscription.buy',
  payload: CartSchema,
  async execute(tx, actor, cart, { now, partner, newId, pendingId }) {
    await tx.customers.lockForUpdate(cart.customerId);
    const customer = await tx.customers.findById(cart.customerId);
    if (!customer) return err({ kind: 'not-found', what: 'customer', ref: cart.customerId });
    const loaded = await loadLines(tx, cart);
    if (!loaded.ok) return loaded;
    const held = await heldBy(
      tx,
      customer.id,
      now,
      loaded.value.map((l) => l.product.id),
    );
    const checked = checkCart(actor, { partner }, customer, held, loaded.value, now);
    if (!checked.ok) return checked;
    const orderId = shortId('ORD', newId);
    const subscriptions = loaded.value.map(({ line, product }) =>
      newSubscription(shortId('SUB', newId), customer, product, line, orderId, now),
    );
    const lines = loaded.value.map(({ line, product }, i) => ({
      id: `${orderId}-${i + 1}`,
      productId: product.id,
      quantity: line.quantity,
      billingCycle: line.billingCycle,
      unitPrice: termCharge(product, { billingCycle: line.billingCycle, quantity: 1 }),
    }));
    const total =
      Math.round(loaded.value.reduce((sum, { line, product }) => sum + termCharge(product, line), 0) * 100) /
      100;
    const currency = loaded.value[0]!.product.currency;
    await tx.orders.create({
      id: orderId,
      customerId: customer.id,
      placedByAadObjectId: actor.aadObjectId ?? 'unknown',
      placedAt: now,
      total,
      currency,
      pendingActionId: pendingId,
      lines,
      subscriptions,
    });
    const result: PurchaseResult = {
      orderId,
      customerName: customer.companyName,
      placedAt: now.toISOString(),
      total,
      currency,
      taxIncluded: pricesIncludeTax(customer),
      billingCountry: customer.billingCountry,
      lines: loaded.value.map(({ line, product }, i) => ({
        productName: product.name,
        quantity: line.quantity,
        billingCycle: line.billingCycle,
        subscriptionId: subscriptions[i]!.id,
        lineTotal: termCharge(product, line),
        trialEndsAt: subscriptions[i]!.trialEndsAt?.toISOString() ?? null,
        renewsAt: subscriptions[i]!.renewsAt.toISOString(),
        setupUrl: product.isvSetupUrl ? setupUrlFor(product.isvSetupUrl, customer) : null,
      })),
    };
    return ok({
      result,
      audit: {
        customerId: customer.id,
        subjectId: orderId,
        detail: { total, currency, lines: lines.length },
      },
    });
  },
};

/** R-BUY-10: the publisher's set-up page, for this customer's tenant. */
const setupUrlFor = (base: string, customer: Customer) =>
  `${base}${base.includes('?') ? '&' : '?'}tenant=${encodeURIComponent(customer.tenantId)}`;

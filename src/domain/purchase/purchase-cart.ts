/** Buying a reviewed cart as one order (R-BUY-1..11), re-checked against current data at the click. */
import type { BillingCycle } from '../shared/model.js';
import type { Customer, Product } from '../shared/model.js';
import type { Actor } from '../shared/actor.js';
import type { NewOrder } from '../ports/orders.js';
import type { ExecutionContext, Executor } from '../confirmations/executor.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { Cart, CartLine } from './cart.js';
import { CartSchema, checkCart, heldBy, loadLines, newSubscription } from './cart.js';
import { termCharge } from '../subscriptions/cancellation-policy.js';
import { pricesIncludeTax } from './purchase-rules.js';
import { err, ok } from '../shared/result.js';
import { readableId } from '../shared/readable-id.js';

export interface PurchasedLine {
  readonly productName: string;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  /** Null: the backend (Partner Center) has not provisioned it yet, or the line has no subscription. */
  readonly subscriptionId: string | null;
  readonly lineTotal: number;
  readonly trialEndsAt: string | null;
  readonly renewsAt: string;
  /** False for perpetual software, which is bought once and never renews. */
  readonly renews: boolean;
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

/** What the click touches inside its transaction (the customer row is locked: R-BUY-2 across instances). */
export type PurchaseCartTx = Pick<Repositories, 'customers' | 'products' | 'subscriptions' | 'orders'>;

/**
 * The order id, from the pending action's id: the same on every press of the same cart, so what an external
 * backend was told (Partner Center's line names carry it, R-PC-13) still names the order after a retry.
 */
export function orderIdFor(pendingId: string): string {
  // FNV-1a (64-bit) of the pending id, 8 base-32 characters: a one-way name, not a part of the id.
  let hash = 0xcbf29ce484222325n;
  for (const char of pendingId) {
    hash ^= BigInt(char.codePointAt(0)!);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `ORD-${hash.toString(32).toUpperCase().padStart(13, '0').slice(-8)}`;
}

/** The order a cart becomes at `now`, once checked. */
function orderOf(
  actor: Actor,
  customer: Customer,
  loaded: ReadonlyArray<{ line: CartLine; product: Product }>,
  { now, newId, pendingId }: Pick<ExecutionContext, 'now' | 'newId' | 'pendingId'>,
): NewOrder {
  const orderId = orderIdFor(pendingId);
  const subscriptions = loaded.map(({ line, product }) =>
    newSubscription(readableId('SUB', newId), customer, product, line, orderId, now),
  );
  const lines = loaded.map(({ line, product }, i) => ({
    id: `${orderId}-${i + 1}`,
    productId: product.id,
    quantity: line.quantity,
    billingCycle: line.billingCycle,
    unitPrice: termCharge(product, { billingCycle: line.billingCycle, quantity: 1 }),
  }));
  const total =
    Math.round(loaded.reduce((sum, { line, product }) => sum + termCharge(product, line), 0) * 100) / 100;
  return {
    id: orderId,
    customerId: customer.id,
    placedByAadObjectId: actor.aadObjectId ?? 'unknown',
    placedAt: now,
    total,
    currency: loaded[0]!.product.currency,
    pendingActionId: pendingId,
    lines,
    subscriptions,
  };
}

export const purchaseExecutor: Executor<Cart, PurchaseResult, PurchaseCartTx> = {
  action: 'subscription.buy',
  payload: CartSchema,
  /**
   * Partner-center mode (R-PC-11): the cart is made at Partner Center and its id kept before the
   * transaction, so every retry checks out the same cart. A cart the rules refuse is not made: the
   * transaction says why.
   */
  async prepare(deps, actor, cart, ctx) {
    if (!deps.orderPreparation || !deps.customers || !deps.products || !deps.subscriptions)
      return ok(undefined);
    const customer = await deps.customers.findById(cart.customerId);
    const loaded = await loadLines({ products: deps.products }, cart);
    if (!customer || !loaded.ok) return ok(undefined);
    const held = await heldBy(
      { subscriptions: deps.subscriptions },
      customer.id,
      ctx.now,
      loaded.value.map((l) => l.product),
    );
    if (!checkCart(actor, ctx, customer, held, loaded.value, ctx.now).ok) return ok(undefined);
    const prepared = await deps.orderPreparation.prepare(
      orderOf(actor, customer, loaded.value, ctx),
      ctx.pendingId,
    );
    return prepared === 'prepared' ? ok(undefined) : err(prepared);
  },
  async execute(tx, actor, cart, ctx) {
    const { now, partner } = ctx;
    const customer = await tx.customers.lockForUpdate(cart.customerId);
    if (!customer) return err({ kind: 'not-found', what: 'customer', ref: cart.customerId });
    const loaded = await loadLines(tx, cart);
    if (!loaded.ok) return loaded;
    const held = await heldBy(
      tx,
      customer.id,
      now,
      loaded.value.map((l) => l.product),
    );
    const checked = checkCart(actor, { partner }, customer, held, loaded.value, now);
    if (!checked.ok) return checked;
    const order = orderOf(actor, customer, loaded.value, ctx);
    const created = await tx.orders.create(order, ctx.pendingId);
    if (created.kind !== 'created') return err(created);
    const { id: orderId, total, currency, subscriptions, lines } = order;
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
        subscriptionId: created.subscriptionIds[i] ?? null,
        lineTotal: termCharge(product, line),
        trialEndsAt: subscriptions[i]!.trialEndsAt?.toISOString() ?? null,
        renewsAt: subscriptions[i]!.renewsAt.toISOString(),
        renews: product.kind !== 'perpetual-software',
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

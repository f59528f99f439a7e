/** Buying a reviewed cart as one order (R-BUY-1..11), re-checked against current data at the click. */
import type { BillingCycle } from '../shared/model.js';
import type { Customer } from '../shared/model.js';
import type { Executor } from '../confirmations/executor.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { Cart } from './cart.js';
import { CartSchema, checkCart, heldBy, loadLines, newSubscription } from './cart.js';
import { termCharge } from '../subscriptions/cancellation-policy.js';
import { pricesIncludeTax } from './purchase-rules.js';
import { err, ok } from '../shared/result.js';

export interface PurchasedLine {
  readonly productName: string;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  readonly subscriptionId: string;
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

/** A readable id from the random id source: `ORD-7K2M9QXD`. */
const shortId = (prefix: string, newId: () => string) =>
  `${prefix}-${newId()
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 8)
    .toUpperCase()}`;

export const purchaseExecutor: Executor<Cart, PurchaseResult, PurchaseCartTx> = {
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
    const created = await tx.orders.create(
      {
        id: orderId,
        customerId: customer.id,
        placedByAadObjectId: actor.aadObjectId ?? 'unknown',
        placedAt: now,
        total,
        currency,
        pendingActionId: pendingId,
        lines,
        subscriptions,
      },
      pendingId,
    );
    if (created !== 'created') return err(created);
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

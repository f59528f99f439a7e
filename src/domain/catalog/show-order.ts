/**
 * `order ORD-…`: one order read in full (R-ORD-1..4): every line with its product, quantity, unit price,
 * billing cycle, term, amount, what it produced (the subscription, or the software purchase and its keys)
 * and that thing's status; the totals with the tax note (R-BUY-8); and the actions that apply now, decided
 * here from the rules and the reader's roles (a button still carries no authority: each action checks
 * again when it runs).
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { FactSource } from '../shared/external-refusal.js';
import type { BillingCycle, Customer, Order, Product, SubscriptionStatus } from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import type { BackendOrder } from '../ports/order-facts.js';
import { isExternalRefusal } from '../shared/external-refusal.js';
import { isSoftware } from '../shared/model.js';
import { requireRole } from '../shared/authorize.js';
import { can } from '../shared/roles.js';
import { err, ok, type Result } from '../shared/result.js';
import { pricesIncludeTax } from '../purchase/purchase-rules.js';
import { cancellationEffect } from '../subscriptions/cancellation-policy.js';
import { effectiveSubscription } from '../subscriptions/subscription-state.js';
import { checkCancellable, cancelWindow } from '../software/software-cancel-rules.js';
import { wholeDaysBetween } from '../shared/time.js';

export type ShowOrderDeps = Pick<
  AllDeps,
  'clock' | 'audit' | 'orders' | 'customers' | 'products' | 'subscriptions' | 'software' | 'orderFacts'
>;

/** R-ORD-2: the term a line buys: one month or one year (the cycle is the term), or once for perpetual. */
export type Term = 'P1M' | 'P1Y' | 'perpetual';
export const termOfLine = (kind: Product['kind'] | null, cycle: BillingCycle): Term =>
  kind === 'perpetual-software' ? 'perpetual' : cycle === 'annual' ? 'P1Y' : 'P1M';

export type LineProduct =
  | {
      readonly kind: 'subscription';
      readonly subscriptionId: string;
      readonly status: SubscriptionStatus;
      /** A cancellation now would still be inside its window (R-CAN-1/3, R-NCE-1, trial). */
      readonly cancellableNow: boolean;
    }
  | { readonly kind: 'software'; readonly status: 'completed' | 'cancelled'; readonly activeKeys: number }
  | { readonly kind: 'none' };

export interface OrderLineDetail {
  readonly productId: string;
  readonly productName: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly billingCycle: BillingCycle;
  readonly term: Term;
  readonly amount: number;
  readonly currency: string;
  readonly produced: LineProduct;
}

export interface OrderActions {
  /** R-ORD-3: the software purchase can still be cancelled (R-SWC-1, R-NCE-4); days left in the window. */
  readonly cancelOrder?: { readonly productId: string; readonly daysLeft: number };
  /** Active subscriptions of the order whose cancellation window is still open. */
  readonly cancelSubscriptions: readonly string[];
  /** A refund support request about this order (R-SUP-1). */
  readonly supportRequest: boolean;
  /** The product key and download (R-KEY-1) of a software order. */
  readonly key?: { readonly productId: string };
}

export interface OrderDetail {
  readonly order: Pick<Order, 'id' | 'status' | 'currency'> & { readonly placedAt: string };
  readonly customer: Pick<Customer, 'id' | 'companyName' | 'billingCountry' | 'primaryDomain'>;
  readonly lines: readonly OrderLineDetail[];
  /** The order's total as recorded; it is the sum of the line amounts. */
  readonly total: number;
  /** R-BUY-8: prices include tax for customers billed in AU and BR. */
  readonly taxIncluded: boolean;
  readonly actions: OrderActions;
  /** R-ORD-4: Partner Center's order for it (partner-center mode), or why it could not be read. */
  readonly backend?:
    | {
        readonly read: true;
        readonly backendOrderId: string;
        readonly status: string;
        readonly source: FactSource;
      }
    | { readonly read: false; readonly reason: 'not-found' | 'unreadable' };
}

const ORDER_ID = /^ORD-[A-Z0-9-]{1,40}$/i;
const round2 = (n: number) => Math.round(n * 100) / 100;

export async function showOrder(
  deps: ShowOrderDeps,
  actor: Actor,
  command: { order: string },
): Promise<Result<OrderDetail, DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  const ref = command.order.trim().toUpperCase();
  if (!ORDER_ID.test(ref)) return err({ kind: 'not-found', what: 'order', ref: command.order.slice(0, 60) });
  const order = await deps.orders.findById(ref);
  if (!order) return err({ kind: 'not-found', what: 'order', ref });
  const customer = await deps.customers.findById(order.customerId);
  if (!customer) return err({ kind: 'not-found', what: 'order', ref });
  const now = deps.clock.now();
  const purchase = await deps.software.findPurchase(order.id);
  const backend = await readBackend(deps, customer, order.id);
  // R-ORD-4: in partner-center mode a line's subscription is the one Partner Center provisioned for it.
  const provisionedIds = backend?.read
    ? backend.order.lines.flatMap((l) => (l.subscriptionId ? [l.subscriptionId] : []))
    : [];
  const held = (
    await deps.subscriptions.listByCustomer(customer.id, [
      { orderId: order.id },
      ...(provisionedIds.length > 0 ? [{ ids: provisionedIds }] : []),
    ])
  ).map((s) => effectiveSubscription(s, now));
  const subscriptions = held.filter((s) => s.orderId === order.id);
  const used = new Set<string>();
  const lines: OrderLineDetail[] = [];
  let cancelOrder: OrderActions['cancelOrder'];
  let key: OrderActions['key'];
  const cancelSubscriptions: string[] = [];
  for (const [index, line] of order.lines.entries()) {
    const product = await deps.products.findById(line.productId);
    // R-ORD-4: in partner-center mode the subscription is the one Partner Center provisioned for the line.
    const provisioned = backend?.read ? backend.order.lines[index]?.subscriptionId : undefined;
    const sub =
      subscriptions.find((s) => s.productId === line.productId && !used.has(s.id)) ??
      (provisioned ? held.find((s) => s.id === provisioned) : undefined);
    if (sub) used.add(sub.id);
    let produced: LineProduct = { kind: 'none' };
    if (product && isSoftware(product.kind) && purchase && purchase.productId === line.productId) {
      produced = { kind: 'software', status: purchase.status, activeKeys: purchase.activeKeys };
      if (purchase.status === 'completed') {
        if (can(actor.roles, 'software.key')) key = { productId: product.id };
        if (can(actor.roles, 'software.cancel') && checkCancellable(purchase, now).ok) {
          cancelOrder = {
            productId: product.id,
            daysLeft: Math.max(0, wholeDaysBetween(now, cancelWindow(purchase).closesAt)),
          };
        }
      }
    } else if (sub) {
      const effect = product ? cancellationEffect(product, sub, now) : null;
      const cancellableNow =
        effect !== null &&
        effect.ok &&
        (effect.value.kind === 'cancel-now-full-credit' ||
          effect.value.kind === 'cancel-now-prorated-refund' ||
          effect.value.kind === 'cancel-now-trial');
      produced = { kind: 'subscription', subscriptionId: sub.id, status: sub.status, cancellableNow };
      if (cancellableNow && can(actor.roles, 'subscription.cancel')) cancelSubscriptions.push(sub.id);
    }
    lines.push({
      productId: line.productId,
      productName: line.productName,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      billingCycle: line.billingCycle,
      term: termOfLine(product?.kind ?? null, line.billingCycle),
      amount: round2(line.unitPrice * line.quantity),
      currency: line.currency || order.currency,
      produced,
    });
  }
  return ok({
    order: {
      id: order.id,
      status: order.status,
      currency: order.currency,
      placedAt: order.placedAt.toISOString(),
    },
    customer: {
      id: customer.id,
      companyName: customer.companyName,
      billingCountry: customer.billingCountry,
      primaryDomain: customer.primaryDomain,
    },
    lines,
    total: order.total,
    taxIncluded: pricesIncludeTax(customer),
    actions: {
      ...(cancelOrder ? { cancelOrder } : {}),
      cancelSubscriptions,
      supportRequest: can(actor.roles, 'support.request'),
      ...(key ? { key } : {}),
    },
    ...(backend
      ? {
          backend: backend.read
            ? {
                read: true as const,
                backendOrderId: backend.order.backendOrderId,
                status: backend.order.status,
                source: backend.order.source,
              }
            : { read: false as const, reason: backend.reason },
        }
      : {}),
  });
}

/** R-ORD-4: Partner Center's own order, when the backend has one; a refusal is shown, never thrown. */
async function readBackend(
  deps: ShowOrderDeps,
  customer: Customer,
  orderId: string,
): Promise<
  { read: true; order: BackendOrder } | { read: false; reason: 'not-found' | 'unreadable' } | undefined
> {
  if (!deps.orderFacts) return undefined;
  const found = await deps.orderFacts.find(customer.tenantId, orderId);
  if (found === null) return { read: false, reason: 'not-found' };
  if (isExternalRefusal(found))
    return { read: false, reason: found.reason === 'not-found' ? 'not-found' : 'unreadable' };
  return { read: true, order: found };
}

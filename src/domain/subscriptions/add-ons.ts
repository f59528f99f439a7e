/**
 * Add-ons (seed 000 step 9 lists them beside the licence count and suspend; R-ADD-1..5): products that
 * attach to a base subscription. They are listed under their base and bought for it, one product at a time,
 * through the confirmation protocol; an add-on never has more licences than its base (R-ADD-2) and never
 * outlives it: it is billed on the base's cycle and its terms end with the base's (R-ADD-3). What suspending
 * or cancelling the base does to them is in add-on-cascade.ts (R-ADD-4, R-ADD-5).
 */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { Executor } from '../confirmations/executor.js';
import type { Customer, Product, Subscription } from '../shared/model.js';
import type { PartnerSettings } from '../ports/partner.js';
import type { Dayjs } from '../shared/time.js';
import { isAddOn } from '../shared/model.js';
import { err, ok } from '../shared/result.js';
import { requireRole } from '../shared/authorize.js';
import { can } from '../shared/roles.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { checkAvailability, pricesIncludeTax } from '../purchase/purchase-rules.js';
import { termCharge } from './cancellation-policy.js';
import { effectiveSubscription } from './subscription-state.js';
import { findSubscription } from './find-subscription.js';
import { readableId } from '../shared/readable-id.js';

/** The add-ons attached to a base and still counting against it (not cancelled or expired). */
export const addOnsOf = (base: Pick<Subscription, 'id'>, held: readonly Subscription[]): Subscription[] =>
  held.filter((s) => s.baseSubscriptionId === base.id);

/** Still counting against its base: neither cancelled nor expired. */
export const live = (s: Subscription) => s.status === 'active' || s.status === 'suspended';

/** R-ADD-2: how many more licences of this add-on the base allows. */
export const roomFor = (
  product: Pick<Product, 'id'>,
  base: Subscription,
  held: readonly Subscription[],
): number =>
  Math.max(
    0,
    base.quantity -
      addOnsOf(base, held)
        .filter((s) => s.productId === product.id && live(s))
        .reduce((sum, s) => sum + s.quantity, 0),
  );

/** R-ADD-3: the share of the base's current term still to run at `now` (the first charge is prorated by it). */
export const remainingShare = (base: Subscription, now: Dayjs): number => {
  const term = base.renewsAt.diff(base.termStartAt);
  return term > 0 ? Math.min(1, Math.max(0, base.renewsAt.diff(now) / term)) : 1;
};

const cents = (n: number) => Math.round(n * 100) / 100;

/** R-ADD-3: what `quantity` licences cost for the rest of the base's current term, and for a full term. */
export function addOnCharge(product: Product, base: Subscription, quantity: number, now: Dayjs) {
  const unitFullTerm = termCharge(product, { billingCycle: base.billingCycle, quantity: 1 });
  // Per licence first, so that the order line (quantity × unit price) and the total agree to the cent.
  const unitFirstCharge = cents(unitFullTerm * remainingShare(base, now));
  return { unitFullTerm, unitFirstCharge, firstCharge: cents(unitFirstCharge * quantity) };
}

const refused = (
  rule: string,
  reason: Extract<DomainError, { kind: 'refused' }>['reason'],
  facts: Record<string, string | number>,
) => err<DomainError>({ kind: 'refused', rule, reason, facts });

/** Everything that must hold to attach `quantity` licences of `product` to `base` now (R-ADD-1..3, R-BUY-4..7). */
export function checkAddOn(
  product: Product,
  base: Subscription,
  customer: Customer,
  held: readonly Subscription[],
  quantity: number,
  partner: PartnerSettings,
): Result<void, DomainError> {
  const facts = { product: product.name, base: base.productName, subscriptionId: base.id };
  if (!isAddOn(product) || !(product.baseProductIds ?? []).includes(base.productId))
    return refused('R-ADD-1', 'addon-not-for-base', facts);
  if (base.status !== 'active' || base.cancelAt)
    return refused('R-ADD-1', 'addon-base-not-active', { ...facts, status: base.status });
  const available = checkAvailability(product, customer, [], partner);
  if (!available.ok) return available;
  const room = roomFor(product, base, held);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > room)
    return refused('R-ADD-2', 'addon-exceeds-base', {
      ...facts,
      max: room,
      quantity,
      baseQuantity: base.quantity,
    });
  return ok(undefined);
}

export interface AddOnListing {
  readonly base: {
    readonly id: string;
    readonly productName: string;
    readonly customerId: string;
    readonly customerName: string;
    readonly quantity: number;
    readonly status: Subscription['status'];
    readonly billingCycle: Subscription['billingCycle'];
    readonly renewsAt: string;
  };
  readonly held: ReadonlyArray<Pick<Subscription, 'id' | 'productName' | 'quantity' | 'status'>>;
  readonly available: ReadonlyArray<{
    readonly productId: string;
    readonly name: string;
    /** Price of one licence for a full term of the base's cycle. */
    readonly unitPrice: number;
    readonly currency: string;
    readonly room: number;
    /** The base allows it now and the reader may buy (the preview and the click check again). */
    readonly buyable: boolean;
  }>;
  readonly taxIncluded: boolean;
}

export type AddOnDeps = Pick<
  AllDeps,
  | 'clock'
  | 'audit'
  | 'customers'
  | 'subscriptions'
  | 'products'
  | 'partner'
  | 'pending'
  | 'newId'
  | 'backendGaps'
>;

/** `addons <subscription>`: the add-ons attached to it and those that can be bought for it (R-ADD-1). */
export async function listAddOns(
  deps: AddOnDeps,
  actor: Actor,
  command: { subscription: string },
): Promise<Result<AddOnListing, DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  const now = deps.clock.now();
  const found = await findSubscription(deps, command.subscription, now);
  if (!found.ok) return found;
  const { subscription: base, customer } = found.value;
  const held = (await deps.subscriptions.listByCustomer(customer.id, { baseSubscriptionId: base.id })).map(
    (s) => effectiveSubscription(s, now),
  );
  const products = await deps.products.list();
  const mayBuy = can(actor.roles, 'subscription.addon') && !deps.backendGaps?.has('add-on');
  return ok({
    base: {
      id: base.id,
      productName: base.productName,
      customerId: customer.id,
      customerName: customer.companyName,
      quantity: base.quantity,
      status: base.status,
      billingCycle: base.billingCycle,
      renewsAt: base.renewsAt.toISOString(),
    },
    held: addOnsOf(base, held).map((s) => ({
      id: s.id,
      productName: s.productName,
      quantity: s.quantity,
      status: s.status,
    })),
    available: products
      .filter((p) => (p.baseProductIds ?? []).includes(base.productId))
      .map((p) => ({
        productId: p.id,
        name: p.name,
        unitPrice: termCharge(p, { billingCycle: base.billingCycle, quantity: 1 }),
        currency: p.currency,
        room: roomFor(p, base, held),
        buyable: mayBuy && checkAddOn(p, base, customer, held, 1, deps.partner).ok,
      })),
    taxIncluded: pricesIncludeTax(customer),
  });
}

export const AddOnPayloadSchema = z.object({
  baseSubscriptionId: z.string().min(1).max(100),
  productId: z.string().min(1).max(100),
});
export type AddOnPayload = z.infer<typeof AddOnPayloadSchema>;

export interface AddOnPreview {
  readonly pendingId: string;
  readonly expiresAt: string;
  readonly baseId: string;
  readonly baseName: string;
  readonly customerName: string;
  readonly productName: string;
  readonly billingCycle: Subscription['billingCycle'];
  readonly room: number;
  /** One licence: a full term, and what the first (partial) term costs (R-ADD-3). */
  readonly unitFullTerm: number;
  readonly unitFirstCharge: number;
  readonly currency: string;
  /** The add-on's terms end with the base's: its first renewal is the base's (R-ADD-3). */
  readonly renewsAt: string;
  readonly taxIncluded: boolean;
}

/** In partner-center mode the contract documents no way to attach an add-on (R-ADD-6). */
const backendGap = (): DomainError => ({
  kind: 'refused',
  rule: 'R-ADD-6',
  reason: 'backend-has-no-endpoint',
  facts: { operation: 'add-on' },
});

/** The Buy button of an add-on: checks now, and stores what the Confirm (with a licence count) will buy. */
export async function previewAddOn(
  deps: AddOnDeps,
  actor: Actor,
  command: AddOnPayload,
): Promise<Result<AddOnPreview, DomainError>> {
  const denied = await requireRole(deps, actor, 'subscription.addon');
  if (denied) return denied;
  if (deps.backendGaps?.has('add-on')) return err(backendGap());
  const now = deps.clock.now();
  const found = await findSubscription(deps, command.baseSubscriptionId, now);
  if (!found.ok) return found;
  const { subscription: base, customer } = found.value;
  const product = await deps.products.findById(command.productId);
  if (!product) return err({ kind: 'not-found', what: 'product', ref: command.productId });
  const held = (await deps.subscriptions.listByCustomer(customer.id, { baseSubscriptionId: base.id })).map(
    (s) => effectiveSubscription(s, now),
  );
  const checked = checkAddOn(product, base, customer, held, 1, deps.partner);
  if (!checked.ok) return checked;
  const pending = await createPendingAction<AddOnPayload>(deps, actor, 'subscription.addon', {
    baseSubscriptionId: base.id,
    productId: product.id,
  });
  const one = addOnCharge(product, base, 1, now);
  return ok({
    pendingId: pending.id,
    expiresAt: pending.expiresAt.toISOString(),
    baseId: base.id,
    baseName: base.productName,
    customerName: customer.companyName,
    productName: product.name,
    billingCycle: base.billingCycle,
    room: roomFor(product, base, held),
    unitFullTerm: one.unitFullTerm,
    unitFirstCharge: one.unitFirstCharge,
    currency: product.currency,
    renewsAt: base.renewsAt.toISOString(),
    taxIncluded: pricesIncludeTax(customer),
  });
}

export interface AddOnResult {
  readonly orderId: string;
  readonly subscriptionId: string;
  readonly baseId: string;
  readonly productName: string;
  readonly customerName: string;
  readonly quantity: number;
  readonly charge: number;
  readonly currency: string;
  readonly renewsAt: string;
  readonly taxIncluded: boolean;
}

export type AddOnTx = Pick<Repositories, 'customers' | 'products' | 'subscriptions' | 'orders'>;

/** Confirm with a licence count: every check again at the click, then one order and its subscription. */
export const addOnExecutor: Executor<AddOnPayload, AddOnResult, AddOnTx> = {
  action: 'subscription.addon',
  payload: AddOnPayloadSchema,
  async execute(tx, actor, payload, { now, partner, newId, pendingId, input }) {
    const quantityText = String(input.quantity ?? '').trim();
    const quantity = /^\d{1,9}$/.test(quantityText) ? Number.parseInt(quantityText, 10) : Number.NaN;
    const stored = await tx.subscriptions.findById(payload.baseSubscriptionId);
    if (!stored) return err({ kind: 'not-found', what: 'subscription', ref: payload.baseSubscriptionId });
    // Serializes purchases for this customer (R-ADD-2 across double clicks and instances, like R-BUY-2).
    const customer = await tx.customers.lockForUpdate(stored.customerId);
    const product = await tx.products.findById(payload.productId);
    if (!customer || !product) return err({ kind: 'not-found', what: 'product', ref: payload.productId });
    const base = effectiveSubscription(stored, now);
    const held = (await tx.subscriptions.listByCustomer(customer.id, { baseSubscriptionId: base.id })).map(
      (s) => effectiveSubscription(s, now),
    );
    const checked = checkAddOn(product, base, customer, held, quantity, partner);
    if (!checked.ok) return checked;
    const charge = addOnCharge(product, base, quantity, now);
    const orderId = readableId('ORD', newId);
    const subscription: Subscription = {
      id: readableId('SUB', newId),
      customerId: customer.id,
      productId: product.id,
      productName: product.name,
      orderId,
      quantity,
      billingCycle: base.billingCycle,
      status: 'active',
      autoRenew: base.autoRenew,
      orderedAt: now,
      termStartAt: now,
      renewsAt: base.renewsAt,
      trialEndsAt: null,
      suspendedAt: null,
      dataDeletedAt: null,
      cancelledAt: null,
      cancelAt: null,
      version: 0,
      baseSubscriptionId: base.id,
      termAnchorAt: base.termAnchorAt ?? base.trialEndsAt ?? base.orderedAt,
    };
    const created = await tx.orders.create(
      {
        id: orderId,
        customerId: customer.id,
        placedByAadObjectId: actor.aadObjectId ?? 'unknown',
        placedAt: now,
        total: charge.firstCharge,
        currency: product.currency,
        pendingActionId: pendingId,
        lines: [
          {
            id: `${orderId}-1`,
            productId: product.id,
            quantity,
            billingCycle: base.billingCycle,
            unitPrice: charge.unitFirstCharge,
          },
        ],
        subscriptions: [subscription],
      },
      pendingId,
    );
    if (created.kind !== 'created') return err(created);
    return ok({
      result: {
        orderId,
        subscriptionId: subscription.id,
        baseId: base.id,
        productName: product.name,
        customerName: customer.companyName,
        quantity,
        charge: charge.firstCharge,
        currency: product.currency,
        renewsAt: base.renewsAt.toISOString(),
        taxIncluded: pricesIncludeTax(customer),
      },
      audit: {
        customerId: customer.id,
        subjectId: orderId,
        productId: product.id,
        detail: {
          baseSubscriptionId: base.id,
          quantity,
          total: charge.firstCharge,
          currency: product.currency,
        },
      },
    });
  },
};

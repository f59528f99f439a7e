/**
 * What suspend, reactivate, auto-renew and license count changes share (R-SUS-1..3, R-NCE-2, R-NCE-3,
 * R-CAN-6), through the confirmation protocol: the preview states the consequences; the click re-checks
 * them against the subscription as it is then. Each change is its own use case in this folder.
 */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { Action } from '../shared/roles.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Customer, Product, Subscription } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';
import type { FactSource } from '../shared/external-refusal.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { LicenseAddition } from '../ports/subscriptions.js';
import type { ProductRepository } from '../ports/products.js';
import type { RequireRoleDeps } from '../shared/authorize.js';
import type { CreatePendingActionDeps } from '../confirmations/create-pending-action.js';
import type { FindSubscriptionDeps } from './find-subscription.js';
import type { Executed } from '../confirmations/executor.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { findSubscription } from './find-subscription.js';
import { err, ok } from '../shared/result.js';
import { effectiveSubscription } from './subscription-state.js';
import { applyAddOnCascade, loadAddOns, planAddOnCascade } from './add-on-cascade.js';

/** What a subscription change previews and reports: plain data, kept as the confirmation's result. */
export interface SubscriptionChange {
  readonly pendingId?: string;
  readonly expiresAt?: string;
  readonly action: Action;
  readonly subscriptionId: string;
  readonly productName: string;
  readonly customerName: string;
  readonly customerId: string;
  readonly status: Subscription['status'];
  readonly quantity: number;
  readonly billingCycle: Subscription['billingCycle'];
  readonly newCommerce: boolean;
  /** Suspend: when the data will be deleted unless reactivated (R-SUS-2). */
  readonly dataDeletedAt?: string;
  readonly retentionDays?: number;
  /** Suspend of new commerce: still billed, auto-renew turned off (R-NCE-3). */
  readonly stillBilled?: boolean;
  readonly autoRenew?: boolean;
  readonly renewsAt?: string;
  readonly cancelAt?: string | null;
  readonly fromQuantity?: number;
  readonly toQuantity?: number;
  /** Change in the charge per term from a license change (positive = more). */
  readonly chargeDelta?: number;
  readonly currency?: string;
  /** Where the subscription's facts were read (R-PC-5); absent: the bot's own record. */
  readonly source?: FactSource;
  /** Seats Partner Center lets go, when that differs from the rule's count (R-PC-4: it applies). */
  readonly partnerCenterRefundable?: number;
  /** R-ADD-4, R-ADD-5: the add-ons that follow the change of their base ("name (id)"). */
  readonly addOns?: readonly string[];
  /** Upgrade (R-UPG-*) and billing or term change (R-TRM-*): the product and cycle after the change. */
  readonly toProductName?: string;
  readonly toBillingCycle?: Subscription['billingCycle'];
  /** When the change takes effect: now, or at the renewal date (R-TRM-1, R-TRM-2). */
  readonly effective?: 'now' | 'at-renewal';
  /** The charge per term before and after, and what is charged (or credited, negative) now. */
  readonly fromTermCharge?: number;
  readonly toTermCharge?: number;
  readonly chargeNow?: number;
}

export const SubscriptionRefSchema = z.object({ subscriptionId: z.string().min(1).max(100) });

/** What a preview of a subscription change touches. */
export interface PreviewSubscriptionChangeDeps
  extends RequireRoleDeps, CreatePendingActionDeps, FindSubscriptionDeps {
  readonly products: ProductRepository;
}

/** What the click of a subscription change touches inside its transaction. */
export type SubscriptionChangeTx = Pick<Repositories, 'subscriptions' | 'customers' | 'products'>;
export interface Loaded {
  readonly subscription: Subscription;
  readonly customer: Customer;
  readonly product: Product;
}

async function loadById(
  repos: SubscriptionChangeTx,
  id: string,
  now: Dayjs,
): Promise<Result<Loaded, DomainError>> {
  const stored = await repos.subscriptions.findById(id);
  if (!stored) return err({ kind: 'not-found', what: 'subscription', ref: id });
  const [customer, product] = await Promise.all([
    repos.customers.findById(stored.customerId),
    repos.products.findById(stored.productId),
  ]);
  if (!customer || !product) return err({ kind: 'not-found', what: 'subscription', ref: id });
  return ok({ subscription: effectiveSubscription(stored, now), customer, product });
}

async function loadByRef(
  deps: PreviewSubscriptionChangeDeps,
  ref: string,
): Promise<Result<Loaded, DomainError>> {
  const found = await findSubscription(deps, ref, deps.clock.now());
  if (!found.ok) return found;
  const product = await deps.products.findById(found.value.subscription.productId);
  if (!product) return err({ kind: 'not-found', what: 'product', ref: found.value.subscription.productId });
  return ok({ ...found.value, product });
}

export const describe = (
  action: Action,
  { subscription, customer, product }: Loaded,
): SubscriptionChange => ({
  action,
  subscriptionId: subscription.id,
  productName: subscription.productName,
  customerName: customer.companyName,
  customerId: customer.id,
  status: subscription.status,
  quantity: subscription.quantity,
  billingCycle: subscription.billingCycle,
  newCommerce: product.commercePolicy === 'new-commerce',
  autoRenew: subscription.autoRenew,
  renewsAt: subscription.renewsAt.toISOString(),
  cancelAt: subscription.cancelAt?.toISOString() ?? null,
  ...(subscription.source ? { source: subscription.source } : {}),
});

/** A plan: the subscription after the change, what to show, and (license changes) the additions left. */
export type Planned = Result<
  { next: Subscription; change: SubscriptionChange; additions?: LicenseAddition[] },
  DomainError
>;
/** Checks roles, finds the subscription, plans the change and stores the preview as a pending action. */
export async function previewSubscriptionChange<P>(
  deps: PreviewSubscriptionChangeDeps,
  actor: Actor,
  action: Action,
  ref: string,
  plan: (
    loaded: Loaded,
    now: Dayjs,
  ) => Promise<Result<{ change: SubscriptionChange; next?: Subscription }, DomainError>>,
  payload: (loaded: Loaded, next?: Subscription) => P,
): Promise<Result<SubscriptionChange, DomainError>> {
  const denied = await requireRole(deps, actor, action);
  if (denied) return denied;
  const loaded = await loadByRef(deps, ref);
  if (!loaded.ok) return loaded;
  const now = deps.clock.now();
  const planned = await plan(loaded.value, now);
  if (!planned.ok) return planned;
  // R-ADD-4, R-ADD-5: the preview says what happens to the add-ons of this subscription.
  const next = planned.value.next;
  const followers = next
    ? planAddOnCascade(
        loaded.value.subscription,
        next,
        await loadAddOns(deps, loaded.value.subscription, now),
        now,
      ).map((s) => `${s.productName} (${s.id})`)
    : [];
  const pending = await createPendingAction(deps, actor, action, payload(loaded.value, next));
  return ok({
    ...planned.value.change,
    ...(followers.length > 0 ? { addOns: followers } : {}),
    pendingId: pending.id,
    expiresAt: pending.expiresAt.toISOString(),
  });
}

/** Re-plans against the subscription as it is at the click and saves it if nobody changed it meanwhile. */
export async function executeSubscriptionChange(
  tx: SubscriptionChangeTx,
  subscriptionId: string,
  { now, pendingId }: { now: Dayjs; pendingId: string },
  plan: (
    loaded: Loaded,
  ) => Promise<
    Result<{ next: Subscription; change: SubscriptionChange; additions?: LicenseAddition[] }, DomainError>
  >,
): Promise<Result<Executed<SubscriptionChange>, DomainError>> {
  const loaded = await loadById(tx, subscriptionId, now);
  if (!loaded.ok) return loaded;
  const planned = await plan(loaded.value);
  if (!planned.ok) return planned;
  const stored = loaded.value.subscription;
  const saved = await tx.subscriptions.save(
    planned.value.next,
    stored.version,
    planned.value.additions !== undefined ? { licenseAdditions: planned.value.additions } : {},
    pendingId,
  );
  // A stale etag at Partner Center arrives as 'conflict' too (R-PC-6); any other refusal is returned as is.
  if (saved === 'conflict') return err({ kind: 'conflict', what: 'subscription' });
  if (saved !== 'saved') return err(saved);
  // R-ADD-4, R-ADD-5: the add-ons follow their base in the same transaction.
  const followed = await applyAddOnCascade(tx, stored, planned.value.next, now, pendingId);
  if (!followed.ok) return followed;
  // The result tells the subscription as it now is: a card never shows the state from before the change.
  const next = planned.value.next;
  const change: SubscriptionChange = {
    ...planned.value.change,
    status: next.status,
    quantity: next.quantity,
    autoRenew: next.autoRenew,
    renewsAt: next.renewsAt.toISOString(),
    cancelAt: next.cancelAt?.toISOString() ?? null,
    ...(followed.value.length > 0 ? { addOns: followed.value } : {}),
  };
  return ok({
    result: change,
    audit: {
      customerId: loaded.value.customer.id,
      subjectId: subscriptionId,
      productId: loaded.value.product.id,
      detail: { from: stored.status, to: planned.value.next.status, ...pickDetail(change) },
    },
  });
}

const pickDetail = (change: SubscriptionChange) => ({
  ...(change.dataDeletedAt ? { dataDeletedAt: change.dataDeletedAt } : {}),
  ...(change.autoRenew !== undefined ? { autoRenew: change.autoRenew } : {}),
  ...(change.toQuantity !== undefined
    ? { fromQuantity: change.fromQuantity, toQuantity: change.toQuantity }
    : {}),
});

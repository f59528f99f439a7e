/**
 * Changing what a subscription is, keeping the subscription (its id, licences and users):
 * - billing cycle or term (seed 000 points to this choice; new commerce): a longer term starts now, with the
 *   unused part of the current term credited (R-TRM-1); a shorter one is scheduled for the renewal date
 *   (R-TRM-2). The same licences on another term may be a product of their own (`termOptionIds`).
 * - upgrade (e.g. Microsoft 365 E3 → E5) along the catalog's upgrade paths, now, for the rest of the term
 *   at the prorated price difference (R-UPG-1..3).
 * Both go through the confirmation protocol: the preview shows the effect and the price; the click re-plans
 * against the subscription as it is then. Add-ons that could not follow stop the change (R-TRM-3, R-UPG-2);
 * a backend whose contract has no endpoint for it refuses plainly (R-TRM-4, R-UPG-4).
 */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { BillingCycle, Product, Subscription } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';
import type { Executor } from '../confirmations/executor.js';
import type { AllDeps } from '../ports/deps.js';
import type { Loaded, SubscriptionChange, SubscriptionChangeTx } from './subscription-change.js';
import type { ProductRepository } from '../ports/products.js';
import type { SubscriptionRepository } from '../ports/subscriptions.js';
import { BillingCycleSchema } from '../shared/model.js';
import { err, ok } from '../shared/result.js';
import { describe, executeSubscriptionChange, previewSubscriptionChange } from './subscription-change.js';
import { termCharge } from './cancellation-policy.js';
import { termEnd } from './subscription-state.js';
import { checkAvailability } from '../purchase/purchase-rules.js';
import { remainingShare } from './add-ons.js';
import { loadAddOns } from './add-on-cascade.js';

const MONTHS: Record<BillingCycle, number> = { monthly: 1, annual: 12 };
const cents = (n: number) => Math.round(n * 100) / 100;

export type ChangePlanDeps = Pick<
  AllDeps,
  | 'clock'
  | 'audit'
  | 'pending'
  | 'newId'
  | 'customers'
  | 'subscriptions'
  | 'products'
  | 'partner'
  | 'backendGaps'
>;

export const PlanPayloadSchema = z.object({
  subscriptionId: z.string().min(1).max(100),
  productId: z.string().min(1).max(100),
  billingCycle: BillingCycleSchema,
});
export type PlanPayload = z.infer<typeof PlanPayloadSchema>;

type Repos = { readonly products: ProductRepository; readonly subscriptions: SubscriptionRepository };
type Planned = Result<{ next: Subscription; change: SubscriptionChange }, DomainError>;

const refused = (
  rule: string,
  reason: Extract<DomainError, { kind: 'refused' }>['reason'],
  facts: Record<string, string | number> = {},
) => err<DomainError>({ kind: 'refused', rule, reason, facts });

/** What every change of plan needs: an active subscription, not ending, not an add-on, no add-on left behind. */
async function checkChangeable(
  repos: Repos,
  loaded: Loaded,
  target: Product,
  rule: 'R-TRM-3' | 'R-UPG-2',
  now: Dayjs,
): Promise<Result<void, DomainError>> {
  const { subscription } = loaded;
  if (subscription.status !== 'active' || subscription.cancelAt) return refused(rule, 'change-needs-active');
  // An add-on's cycle and term are its base's (R-ADD-3): it changes only with its base.
  if (subscription.baseSubscriptionId)
    return refused(rule, 'addon-blocks-change', { addOn: subscription.productName, target: target.name });
  const addOns = (await loadAddOns(repos, subscription, now)).filter(
    (a) => a.status === 'active' || a.status === 'suspended',
  );
  for (const addOn of addOns) {
    const addOnProduct = await repos.products.findById(addOn.productId);
    const follows = rule === 'R-UPG-2' && (addOnProduct?.baseProductIds ?? []).includes(target.id);
    if (!follows)
      return refused(rule, 'addon-blocks-change', { addOn: addOn.productName, target: target.name });
  }
  return ok(undefined);
}

/** R-TRM-1, R-TRM-2: the change of cycle or term, when it takes effect, and what it costs. */
async function planBilling(repos: Repos, loaded: Loaded, payload: PlanPayload, now: Dayjs): Promise<Planned> {
  const { subscription, product } = loaded;
  const target = await repos.products.findById(payload.productId);
  const allowed =
    target &&
    (target.id === product.id || (product.termOptionIds ?? []).includes(target.id)) &&
    target.billingCycles.includes(payload.billingCycle);
  if (!target || !allowed) return refused('R-TRM-1', 'term-not-offered', { product: product.name });
  if (target.id === product.id && payload.billingCycle === subscription.billingCycle)
    return err({ kind: 'no-change', reason: 'same-plan' });
  const changeable = await checkChangeable(repos, loaded, target, 'R-TRM-3', now);
  if (!changeable.ok) return changeable;
  const from = termCharge(product, subscription);
  const to = termCharge(target, { billingCycle: payload.billingCycle, quantity: subscription.quantity });
  const longer = MONTHS[payload.billingCycle] > MONTHS[subscription.billingCycle];
  const base = {
    ...describe('subscription.billing', loaded),
    toProductName: target.name,
    toBillingCycle: payload.billingCycle,
    fromTermCharge: from,
    toTermCharge: to,
    currency: target.currency,
  };
  if (longer) {
    // R-TRM-1: a longer term starts now; the unused part of the current term is credited.
    const credit = cents(from * remainingShare(subscription, now));
    const next: Subscription = {
      ...subscription,
      productId: target.id,
      billingCycle: payload.billingCycle,
      termStartAt: now,
      renewsAt: termEnd(now, payload.billingCycle),
      termAnchorAt: now,
      scheduledChange: null,
    };
    return ok({
      next,
      change: {
        ...base,
        effective: 'now',
        chargeNow: cents(to - credit),
        renewsAt: next.renewsAt.toISOString(),
      },
    });
  }
  // R-TRM-2: a shorter term (or another cycle of the same length) waits for the renewal; it needs auto-renew.
  if (!subscription.autoRenew) return refused('R-TRM-2', 'change-needs-active');
  const next: Subscription = {
    ...subscription,
    scheduledChange: { productId: target.id, billingCycle: payload.billingCycle },
  };
  return ok({ next, change: { ...base, effective: 'at-renewal', chargeNow: 0 } });
}

/** R-UPG-1..3: the upgrade to `payload.productId`, now, for the rest of the term at the prorated difference (R-UPG-3). */
async function planUpgrade(
  repos: Repos & { readonly customers: AllDeps['customers'] },
  partner: AllDeps['partner'],
  loaded: Loaded,
  payload: PlanPayload,
  now: Dayjs,
): Promise<Planned> {
  const { subscription, product, customer } = loaded;
  const target = await repos.products.findById(payload.productId);
  const facts = {
    product: product.name,
    target: target?.name ?? payload.productId,
    cycle: subscription.billingCycle,
  };
  if (
    !target ||
    !(product.upgradeTargetIds ?? []).includes(target.id) ||
    !target.billingCycles.includes(subscription.billingCycle)
  )
    return refused('R-UPG-1', 'upgrade-not-offered', facts);
  const available = checkAvailability(target, customer, [], partner);
  if (!available.ok) return available;
  const changeable = await checkChangeable(repos, loaded, target, 'R-UPG-2', now);
  if (!changeable.ok) return changeable;
  const from = termCharge(product, subscription);
  const to = termCharge(target, subscription);
  const next: Subscription = { ...subscription, productId: target.id, scheduledChange: null };
  return ok({
    next,
    change: {
      ...describe('subscription.upgrade', loaded),
      toProductName: target.name,
      toBillingCycle: subscription.billingCycle,
      effective: 'now',
      fromTermCharge: from,
      toTermCharge: to,
      chargeNow: cents((to - from) * remainingShare(subscription, now)),
      currency: target.currency,
    },
  });
}

const gap = (operation: 'billing-change' | 'upgrade'): DomainError => ({
  kind: 'refused',
  rule: operation === 'upgrade' ? 'R-UPG-4' : 'R-TRM-4',
  reason: 'backend-has-no-endpoint',
  facts: { operation },
});

/** `billing <subscription> monthly|annual`: the change previewed with its effect and price (R-TRM-1..4). */
export async function previewBillingChange(
  deps: ChangePlanDeps,
  actor: Actor,
  command: { subscription: string; billingCycle: BillingCycle },
): Promise<Result<SubscriptionChange, DomainError>> {
  return previewSubscriptionChange(
    deps,
    actor,
    'subscription.billing',
    command.subscription,
    async (loaded, now) => {
      if (deps.backendGaps?.has('billing-change')) return err(gap('billing-change'));
      const target = await billingTarget(deps, loaded.product, command.billingCycle);
      return planBilling(
        deps,
        loaded,
        { subscriptionId: loaded.subscription.id, productId: target, billingCycle: command.billingCycle },
        now,
      );
    },
    (loaded, next): PlanPayload => ({
      subscriptionId: loaded.subscription.id,
      productId: next?.scheduledChange?.productId ?? next?.productId ?? loaded.product.id,
      billingCycle: command.billingCycle,
    }),
  );
}

/** The product that sells these licences on `cycle`: the same one if it offers it, else a term option. */
async function billingTarget(repos: Repos, product: Product, cycle: BillingCycle): Promise<string> {
  if (product.billingCycles.includes(cycle)) return product.id;
  for (const id of product.termOptionIds ?? []) {
    const option = await repos.products.findById(id);
    if (option?.billingCycles.includes(cycle)) return option.id;
  }
  return product.id;
}

export interface UpgradeTargets {
  readonly subscriptionId: string;
  readonly targets: ReadonlyArray<{
    readonly productId: string;
    readonly name: string;
    readonly detail: string;
  }>;
}

/** `upgrade <subscription> [to <product>]` (R-UPG-1..4): without a target, the eligible targets to choose. */
export async function previewUpgrade(
  deps: ChangePlanDeps,
  actor: Actor,
  command: { subscription: string; product?: string },
): Promise<Result<SubscriptionChange, DomainError>> {
  return previewSubscriptionChange(
    deps,
    actor,
    'subscription.upgrade',
    command.subscription,
    async (loaded, now) => {
      if (deps.backendGaps?.has('upgrade')) return err(gap('upgrade'));
      const eligible: Product[] = [];
      for (const id of loaded.product.upgradeTargetIds ?? []) {
        const p = await deps.products.findById(id);
        if (
          p &&
          p.billingCycles.includes(loaded.subscription.billingCycle) &&
          checkAvailability(p, loaded.customer, [], deps.partner).ok
        )
          eligible.push(p);
      }
      if (eligible.length === 0)
        return refused('R-UPG-1', 'no-upgrade-path', { product: loaded.product.name });
      const wanted = command.product?.trim().toLowerCase();
      const chosen = wanted
        ? eligible.filter((p) => p.id === wanted || p.name.toLowerCase().includes(wanted))
        : eligible.length === 1
          ? eligible
          : [];
      if (chosen.length !== 1)
        return err({
          kind: 'ambiguous',
          what: 'product',
          ref: command.product ?? loaded.product.name,
          candidates: (chosen.length > 1 ? chosen : eligible).map((p) => ({
            id: `${loaded.subscription.id}|${p.id}`,
            label: p.name,
            detail: `${termCharge(p, loaded.subscription)} ${p.currency}`,
          })),
        });
      return planUpgrade(
        deps,
        deps.partner,
        loaded,
        {
          subscriptionId: loaded.subscription.id,
          productId: chosen[0]!.id,
          billingCycle: loaded.subscription.billingCycle,
        },
        now,
      );
    },
    // The payload is the planned target; the click plans again against the subscription as it is then.
    (loaded, next): PlanPayload => ({
      subscriptionId: loaded.subscription.id,
      productId: next?.productId ?? loaded.product.id,
      billingCycle: loaded.subscription.billingCycle,
    }),
  );
}

export const billingExecutor: Executor<PlanPayload, SubscriptionChange, SubscriptionChangeTx> = {
  action: 'subscription.billing',
  payload: PlanPayloadSchema,
  execute: (tx, _actor, payload, { now, pendingId }) =>
    executeSubscriptionChange(tx, payload.subscriptionId, { now, pendingId }, (loaded) =>
      planBilling(tx, loaded, payload, now),
    ),
};

export const upgradeExecutor: Executor<PlanPayload, SubscriptionChange, SubscriptionChangeTx> = {
  action: 'subscription.upgrade',
  payload: PlanPayloadSchema,
  execute: (tx, _actor, payload, { now, pendingId, partner }) =>
    executeSubscriptionChange(tx, payload.subscriptionId, { now, pendingId }, (loaded) =>
      planUpgrade(tx, partner, loaded, payload, now),
    ),
};

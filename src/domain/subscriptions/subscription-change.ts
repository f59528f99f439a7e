/**
 * Suspend and reactivate (R-SUS-1..3, R-NCE-3), auto-renew (R-CAN-6) and licence count (R-NCE-2), through
 * the confirmation protocol: the preview states the consequences; the click re-checks them against the
 * subscription as it is then.
 */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { type Executed, type Executor } from '../confirmations/executor.js';
import type { DomainError } from '../shared/errors.js';
import { findSubscription } from './find-subscription.js';
import type { Customer, Product, Subscription } from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import type { LicenceAddition } from '../ports/subscriptions.js';
import type { Repositories } from '../ports/unit-of-work.js';
import { termCharge } from './cancellation-policy.js';
import { err, ok, type Result } from '../shared/result.js';
import { dataDeletionAt, retentionDays } from './retention.js';
import type { Action } from '../shared/roles.js';
import { effectiveSubscription } from './subscription-state.js';
import { addDays, isWithin, type Dayjs } from '../shared/time.js';

export const NCE_LICENCE_DECREASE_DAYS = 7;

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
  /** Change in the charge per term from a licence change (positive = more). */
  readonly chargeDelta?: number;
  readonly currency?: string;
}

export const SubscriptionRefSchema = z.object({ subscriptionId: z.string().min(1).max(100) });
export const AutoRenewPayloadSchema = SubscriptionRefSchema.extend({ autoRenew: z.boolean() });
export const LicencesPayloadSchema = SubscriptionRefSchema.extend({ quantity: z.number().int().positive() });

interface Loaded {
  readonly subscription: Subscription;
  readonly customer: Customer;
  readonly product: Product;
}

async function loadById(repos: Repositories, id: string, now: Dayjs): Promise<Result<Loaded, DomainError>> {
  const stored = await repos.subscriptions.findById(id);
  if (!stored) return err({ kind: 'not-found', what: 'subscription', ref: id });
  const [customer, product] = await Promise.all([
    repos.customers.findById(stored.customerId),
    repos.products.findById(stored.productId),
  ]);
  if (!customer || !product) return err({ kind: 'not-found', what: 'subscription', ref: id });
  return ok({ subscription: effectiveSubscription(stored, now), customer, product });
}

async function loadByRef(deps: AllDeps, ref: string): Promise<Result<Loaded, DomainError>> {
  const found = await findSubscription(deps, ref, deps.clock.now());
  if (!found.ok) return found;
  const product = await deps.products.findById(found.value.subscription.productId);
  if (!product) return err({ kind: 'not-found', what: 'product', ref: found.value.subscription.productId });
  return ok({ ...found.value, product });
}

const describe = (action: Action, { subscription, customer, product }: Loaded): SubscriptionChange => ({
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
});

// ---- the rules, shared by preview and execution ----

function planSuspend(
  loaded: Loaded,
  now: Dayjs,
): Result<{ next: Subscription; change: SubscriptionChange }, DomainError> {
  const { subscription, customer, product } = loaded;
  if (subscription.status !== 'active') {
    return err({
      kind: 'invalid-state',
      what: 'subscription',
      status: subscription.status,
      attempted: 'suspend',
    });
  }
  const newCommerce = product.commercePolicy === 'new-commerce';
  const deletedAt = dataDeletionAt(customer, now);
  const next: Subscription = {
    ...subscription,
    status: 'suspended',
    suspendedAt: now,
    dataDeletedAt: deletedAt,
    autoRenew: newCommerce ? false : subscription.autoRenew,
  };
  return ok({
    next,
    change: {
      ...describe('subscription.suspend', loaded),
      dataDeletedAt: deletedAt.toISOString(),
      retentionDays: retentionDays(customer),
      stillBilled: newCommerce,
      autoRenew: next.autoRenew,
    },
  });
}

function planReactivate(
  loaded: Loaded,
): Result<{ next: Subscription; change: SubscriptionChange }, DomainError> {
  const { subscription } = loaded;
  if (subscription.status === 'expired' && subscription.dataDeletedAt) {
    return err({
      kind: 'refused',
      rule: 'R-SUS-3',
      reason: 'data-deleted',
      facts: { dataDeletedAt: subscription.dataDeletedAt.toISOString() },
    });
  }
  if (subscription.status !== 'suspended') {
    return err({
      kind: 'invalid-state',
      what: 'subscription',
      status: subscription.status,
      attempted: 'reactivate',
    });
  }
  const next: Subscription = { ...subscription, status: 'active', suspendedAt: null, dataDeletedAt: null };
  return ok({
    next,
    change: {
      ...describe('subscription.reactivate', loaded),
      dataDeletedAt: subscription.dataDeletedAt?.toISOString() ?? '',
    },
  });
}

function planAutoRenew(
  loaded: Loaded,
  autoRenew: boolean,
): Result<{ next: Subscription; change: SubscriptionChange }, DomainError> {
  const { subscription } = loaded;
  if (subscription.status !== 'active') {
    return err({
      kind: 'invalid-state',
      what: 'subscription',
      status: subscription.status,
      attempted: 'autorenew',
    });
  }
  if (subscription.autoRenew === autoRenew && !(autoRenew && subscription.cancelAt)) {
    return err({ kind: 'no-change', reason: autoRenew ? 'auto-renew-already-on' : 'auto-renew-already-off' });
  }
  // Turning auto-renew back on also withdraws a cancellation scheduled at renewal (R-CAN-6).
  const next: Subscription = {
    ...subscription,
    autoRenew,
    cancelAt: autoRenew ? null : subscription.cancelAt,
  };
  return ok({
    next,
    change: {
      ...describe('subscription.autorenew', loaded),
      autoRenew,
      cancelAt: next.cancelAt?.toISOString() ?? null,
    },
  });
}

async function planLicences(
  repos: Repositories,
  loaded: Loaded,
  quantity: number,
  now: Dayjs,
): Promise<
  Result<{ next: Subscription; change: SubscriptionChange; additions: LicenceAddition[] }, DomainError>
> {
  const { subscription, product } = loaded;
  if (subscription.status !== 'active') {
    return err({
      kind: 'invalid-state',
      what: 'subscription',
      status: subscription.status,
      attempted: 'licenses',
    });
  }
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > product.maxQuantity) {
    return err({
      kind: 'refused',
      rule: 'R-BUY-1',
      reason: 'quantity',
      facts: { max: product.maxQuantity, quantity },
    });
  }
  if (quantity === subscription.quantity) return err({ kind: 'no-change', reason: 'same-quantity' });
  // Only additions still inside their 7 days matter; older ones are settled.
  const recent = (await repos.subscriptions.licenceAdditions(subscription.id)).filter((a) =>
    isWithin(now, a.at, addDays(a.at, NCE_LICENCE_DECREASE_DAYS)),
  );
  const removing = subscription.quantity - quantity;
  if (removing > 0 && product.commercePolicy === 'new-commerce') {
    const removable = recent.reduce((sum, a) => sum + a.count, 0);
    if (removing > removable) {
      return err({
        kind: 'refused',
        rule: 'R-NCE-2',
        reason: 'licence-decrease-window',
        facts: { floor: Math.max(1, subscription.quantity - removable), quantity: subscription.quantity },
      });
    }
  }
  const additions =
    removing > 0 ? consumeNewestFirst(recent, removing) : [...recent, { at: now, count: -removing }];
  const next: Subscription = { ...subscription, quantity };
  const delta = termCharge(product, next) - termCharge(product, subscription);
  return ok({
    next,
    additions,
    change: {
      ...describe('subscription.licenses', loaded),
      fromQuantity: subscription.quantity,
      toQuantity: quantity,
      chargeDelta: Math.round(delta * 100) / 100,
      currency: product.currency,
    },
  });
}

/** Removing licences takes back the most recent additions first. */
function consumeNewestFirst(additions: readonly LicenceAddition[], removing: number): LicenceAddition[] {
  const out = [...additions];
  let left = removing;
  for (let i = out.length - 1; i >= 0 && left > 0; i--) {
    const taken = Math.min(out[i]!.count, left);
    out[i] = { ...out[i]!, count: out[i]!.count - taken };
    left -= taken;
  }
  return out.filter((a) => a.count > 0);
}

// ---- previews ----

async function preview<P>(
  deps: AllDeps,
  actor: Actor,
  action: Action,
  ref: string,
  plan: (loaded: Loaded, now: Dayjs) => Promise<Result<{ change: SubscriptionChange }, DomainError>>,
  payload: (loaded: Loaded) => P,
): Promise<Result<SubscriptionChange, DomainError>> {
  const denied = await requireRole(deps, actor, action);
  if (denied) return denied;
  const loaded = await loadByRef(deps, ref);
  if (!loaded.ok) return loaded;
  const planned = await plan(loaded.value, deps.clock.now());
  if (!planned.ok) return planned;
  const pending = await createPendingAction(deps, actor, action, payload(loaded.value));
  return ok({ ...planned.value.change, pendingId: pending.id, expiresAt: pending.expiresAt.toISOString() });
}

export const previewSuspend = (deps: AllDeps, actor: Actor, command: { subscription: string }) =>
  preview(
    deps,
    actor,
    'subscription.suspend',
    command.subscription,
    async (l, now) => planSuspend(l, now),
    (l) => ({
      subscriptionId: l.subscription.id,
    }),
  );

export const previewReactivate = (deps: AllDeps, actor: Actor, command: { subscription: string }) =>
  preview(
    deps,
    actor,
    'subscription.reactivate',
    command.subscription,
    async (l) => planReactivate(l),
    (l) => ({
      subscriptionId: l.subscription.id,
    }),
  );

export const previewAutoRenew = (
  deps: AllDeps,
  actor: Actor,
  command: { subscription: string; autoRenew: boolean },
) =>
  preview(
    deps,
    actor,
    'subscription.autorenew',
    command.subscription,
    async (l) => planAutoRenew(l, command.autoRenew),
    (l) => ({
      subscriptionId: l.subscription.id,
      autoRenew: command.autoRenew,
    }),
  );

export const previewLicences = (
  deps: AllDeps,
  actor: Actor,
  command: { subscription: string; quantity: number },
) =>
  preview(
    deps,
    actor,
    'subscription.licenses',
    command.subscription,
    (l, now) => planLicences(deps, l, command.quantity, now),
    (l) => ({ subscriptionId: l.subscription.id, quantity: command.quantity }),
  );

// ---- executors: the same rules, against the subscription as it is at the click ----

async function execute(
  tx: Repositories,
  subscriptionId: string,
  now: Dayjs,
  plan: (
    loaded: Loaded,
  ) => Promise<
    Result<{ next: Subscription; change: SubscriptionChange; additions?: LicenceAddition[] }, DomainError>
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
    planned.value.additions !== undefined ? { licenceAdditions: planned.value.additions } : {},
  );
  if (!saved) return err({ kind: 'conflict', what: 'subscription' });
  const change = { ...planned.value.change, status: planned.value.next.status };
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

export const suspendExecutor: Executor<{ subscriptionId: string }, SubscriptionChange> = {
  action: 'subscription.suspend',
  payload: SubscriptionRefSchema,
  execute: (tx, _actor, payload, { now }) =>
    execute(tx, payload.subscriptionId, now, async (l) => planSuspend(l, now)),
};

export const reactivateExecutor: Executor<{ subscriptionId: string }, SubscriptionChange> = {
  action: 'subscription.reactivate',
  payload: SubscriptionRefSchema,
  execute: (tx, _actor, payload, { now }) =>
    execute(tx, payload.subscriptionId, now, async (l) => planReactivate(l)),
};

export const autoRenewExecutor: Executor<z.infer<typeof AutoRenewPayloadSchema>, SubscriptionChange> = {
  action: 'subscription.autorenew',
  payload: AutoRenewPayloadSchema,
  execute: (tx, _actor, payload, { now }) =>
    execute(tx, payload.subscriptionId, now, async (l) => planAutoRenew(l, payload.autoRenew)),
};

export const licencesExecutor: Executor<z.infer<typeof LicencesPayloadSchema>, SubscriptionChange> = {
  action: 'subscription.licenses',
  payload: LicencesPayloadSchema,
  execute: (tx, _actor, payload, { now }) =>
    execute(tx, payload.subscriptionId, now, (l) => planLicences(tx, l, payload.quantity, now)),
};

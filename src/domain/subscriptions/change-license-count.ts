/** Changing the license count: new commerce removes only licenses added in the last 7 days (R-NCE-2). */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Subscription } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';
import type { Executor } from '../confirmations/executor.js';
import type {
  Loaded,
  SubscriptionChange,
  PreviewSubscriptionChangeDeps,
  SubscriptionChangeTx,
} from './subscription-change.js';
import type { LicenseAddition, SubscriptionRepository } from '../ports/subscriptions.js';
import { err, ok } from '../shared/result.js';
import {
  describe,
  previewSubscriptionChange,
  executeSubscriptionChange,
  SubscriptionRefSchema,
} from './subscription-change.js';
import { termCharge } from './cancellation-policy.js';
import { addDays, isWithin } from '../shared/time.js';
import { addOnsOf } from './add-ons.js';
import { effectiveSubscription } from './subscription-state.js';

export const NCE_LICENSE_DECREASE_DAYS = 7;

export const LicensesPayloadSchema = SubscriptionRefSchema.extend({ quantity: z.number().int().positive() });

export type ChangeLicenseCountDeps = PreviewSubscriptionChangeDeps;

async function planLicenses(
  repos: { readonly subscriptions: SubscriptionRepository },
  loaded: Loaded,
  quantity: number,
  now: Dayjs,
): Promise<
  Result<{ next: Subscription; change: SubscriptionChange; additions: LicenseAddition[] }, DomainError>
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
  const recent = (await repos.subscriptions.licenseAdditions(subscription.id)).filter((a) =>
    isWithin(now, a.at, addDays(a.at, NCE_LICENSE_DECREASE_DAYS)),
  );
  const removing = subscription.quantity - quantity;
  // R-PC-4: the seats Partner Center says may still go, when it says, win over the rule's count.
  const stated = subscription.windows?.refundableQuantity;
  const byRule = recent.reduce((sum, a) => sum + a.count, 0);
  if (removing > 0 && product.commercePolicy === 'new-commerce') {
    const removable = stated ?? byRule;
    if (removing > removable) {
      return err({
        kind: 'refused',
        rule: 'R-NCE-2',
        reason: 'license-decrease-window',
        facts: { floor: Math.max(1, subscription.quantity - removable), quantity: subscription.quantity },
      });
    }
  }
  const bound = await checkAddOnBound(repos, subscription, quantity, now);
  if (!bound.ok) return bound;
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
      ...(removing > 0 && stated !== undefined && stated !== byRule
        ? { partnerCenterRefundable: stated }
        : {}),
    },
  });
}

/**
 * R-ADD-2: an add-on never has more licences than its base: a base cannot go below any add-on product's
 * licences attached to it, and an add-on cannot grow past its base's count.
 */
async function checkAddOnBound(
  repos: { readonly subscriptions: SubscriptionRepository },
  subscription: Subscription,
  quantity: number,
  now: Dayjs,
): Promise<Result<void, DomainError>> {
  // An add-on: its base and the base's add-ons; a base: its own add-ons.
  const baseId = subscription.baseSubscriptionId ?? subscription.id;
  const held = (
    await repos.subscriptions.listByCustomer(subscription.customerId, [
      { ids: [baseId] },
      { baseSubscriptionId: baseId },
    ])
  ).map((s) => effectiveSubscription(s, now));
  const live = (s: Subscription) => s.status === 'active' || s.status === 'suspended';
  if (subscription.baseSubscriptionId) {
    const base = held.find((s) => s.id === subscription.baseSubscriptionId);
    if (!base) return ok(undefined);
    const others = addOnsOf(base, held)
      .filter((s) => s.productId === subscription.productId && s.id !== subscription.id && live(s))
      .reduce((sum, s) => sum + s.quantity, 0);
    if (others + quantity > base.quantity)
      return err({
        kind: 'refused',
        rule: 'R-ADD-2',
        reason: 'addon-exceeds-base',
        facts: {
          product: subscription.productName,
          base: base.productName,
          baseQuantity: base.quantity,
          max: Math.max(0, base.quantity - others - subscription.quantity),
        },
      });
    return ok(undefined);
  }
  const byProduct = new Map<string, { name: string; count: number }>();
  for (const addOn of addOnsOf(subscription, held).filter(live)) {
    const entry = byProduct.get(addOn.productId) ?? { name: addOn.productName, count: 0 };
    byProduct.set(addOn.productId, { ...entry, count: entry.count + addOn.quantity });
  }
  const largest = [...byProduct.values()].sort((a, b) => b.count - a.count)[0];
  if (largest && quantity < largest.count)
    return err({
      kind: 'refused',
      rule: 'R-ADD-2',
      reason: 'base-below-addons',
      facts: { addOn: largest.name, count: largest.count },
    });
  return ok(undefined);
}

/** Removing licenses takes back the most recent additions first. */
function consumeNewestFirst(additions: readonly LicenseAddition[], removing: number): LicenseAddition[] {
  const out = [...additions];
  let left = removing;
  for (let i = out.length - 1; i >= 0 && left > 0; i--) {
    const taken = Math.min(out[i]!.count, left);
    out[i] = { ...out[i]!, count: out[i]!.count - taken };
    left -= taken;
  }
  return out.filter((a) => a.count > 0);
}

export const previewLicenses = (
  deps: ChangeLicenseCountDeps,
  actor: Actor,
  command: { subscription: string; quantity: number },
) =>
  previewSubscriptionChange(
    deps,
    actor,
    'subscription.licenses',
    command.subscription,
    (l, now) => planLicenses(deps, l, command.quantity, now),
    (l) => ({ subscriptionId: l.subscription.id, quantity: command.quantity }),
  );

export const licensesExecutor: Executor<
  z.infer<typeof LicensesPayloadSchema>,
  SubscriptionChange,
  SubscriptionChangeTx
> = {
  action: 'subscription.licenses',
  payload: LicensesPayloadSchema,
  execute: (tx, _actor, payload, { now, pendingId }) =>
    executeSubscriptionChange(tx, payload.subscriptionId, { now, pendingId }, (l) =>
      planLicenses(tx, l, payload.quantity, now),
    ),
};

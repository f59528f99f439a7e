/** What a change of a base subscription does to its add-ons (R-ADD-4, R-ADD-5), in the base's transaction. */
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { Subscription } from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';
import { err, ok } from '../shared/result.js';
import { effectiveSubscription } from './subscription-state.js';
import { addOnsOf, live } from './add-ons.js';

/**
 * R-ADD-4, R-ADD-5: what a change of the base does to its add-ons, which cannot outlive it (R-ADD-3).
 * Suspending the base suspends its active add-ons (same data-deletion date); reactivating it reactivates
 * the add-ons that were suspended; cancelling it cancels them (at once, or scheduled for the same renewal
 * date); turning its auto-renew off turns theirs off. Upgrades and cycle changes are refused while an
 * add-on cannot follow (R-UPG-2, R-TRM-3), so they change nothing here.
 */
export function planAddOnCascade(
  before: Subscription,
  after: Subscription,
  addOns: readonly Subscription[],
  now: Dayjs,
): Subscription[] {
  const out: Subscription[] = [];
  for (const addOn of addOns) {
    let next: Subscription | null = null;
    if (after.status === 'cancelled' && before.status !== 'cancelled' && live(addOn)) {
      next = { ...addOn, status: 'cancelled', cancelledAt: now, autoRenew: false, cancelAt: null };
    } else if (after.status === 'suspended' && before.status === 'active' && addOn.status === 'active') {
      next = {
        ...addOn,
        status: 'suspended',
        suspendedAt: now,
        dataDeletedAt: after.dataDeletedAt,
        autoRenew: after.autoRenew && addOn.autoRenew,
      };
    } else if (after.status === 'active' && before.status === 'suspended' && addOn.status === 'suspended') {
      next = { ...addOn, status: 'active', suspendedAt: null, dataDeletedAt: null };
    } else if (
      after.status === 'active' &&
      after.cancelAt &&
      !before.cancelAt &&
      addOn.status === 'active' &&
      !addOn.cancelAt
    ) {
      next = { ...addOn, cancelAt: after.cancelAt, autoRenew: false };
    } else if (
      after.status === 'active' &&
      !after.autoRenew &&
      before.autoRenew &&
      addOn.status === 'active' &&
      addOn.autoRenew
    ) {
      next = { ...addOn, autoRenew: false };
    }
    if (next) out.push(next);
  }
  return out;
}

/** The add-ons of `base` as they stand at `now`. */
export async function loadAddOns(
  repos: Pick<Repositories, 'subscriptions'>,
  base: Subscription,
  now: Dayjs,
): Promise<Subscription[]> {
  return addOnsOf(
    base,
    (await repos.subscriptions.listByCustomer(base.customerId, { baseSubscriptionId: base.id })).map((s) =>
      effectiveSubscription(s, now),
    ),
  );
}

/** Applies the cascade inside the base's transaction: every add-on saved, or a conflict (all rolled back). */
export async function applyAddOnCascade(
  tx: Pick<Repositories, 'subscriptions'>,
  before: Subscription,
  after: Subscription,
  now: Dayjs,
  pendingId: string,
): Promise<Result<string[], DomainError>> {
  const addOns = await loadAddOns(tx, before, now);
  const changed = planAddOnCascade(before, after, addOns, now);
  for (const next of changed) {
    const stored = addOns.find((a) => a.id === next.id)!;
    const saved = await tx.subscriptions.save(next, stored.version, {}, pendingId);
    if (saved === 'conflict') return err({ kind: 'conflict', what: 'subscription' });
    if (saved !== 'saved') return err(saved);
  }
  return ok(changed.map((s) => `${s.productName} (${s.id})`));
}

/** Billing cycle / term changes and upgrades on the in-memory fakes with the demo data (R-TRM-*, R-UPG-*). */
import { describe, expect, it } from 'vitest';
import {
  billingExecutor,
  previewBillingChange,
  previewUpgrade,
  upgradeExecutor,
  type PlanPayload,
} from '../../src/domain/subscriptions/change-plan.js';
import type { Executor } from '../../src/domain/confirmations/executor.js';
import type { SubscriptionChange } from '../../src/domain/subscriptions/subscription-change.js';
import { confirmOrRecall } from '../../src/domain/confirmations/confirm-or-recall.js';
import { effectiveSubscription } from '../../src/domain/subscriptions/subscription-state.js';
import { at } from '../../src/domain/shared/time.js';
import { anActor } from '../fakes/builders.js';
import { seededFakeDeps } from '../fakes/fake-deps.js';
import { toSubscription } from '../fakes/fake-subscription-repository.js';

const NOW = '2026-11-21T09:00:00.000Z';
const sales = anActor(['sales-agent']);
const billing = billingExecutor as Executor<PlanPayload, SubscriptionChange>;
const upgrade = upgradeExecutor as Executor<PlanPayload, SubscriptionChange>;

describe('billing cycle and term', () => {
  it('R-TRM-1: monthly → annual takes effect now: a new annual term from today, the unused month credited', async () => {
    const deps = seededFakeDeps(NOW);
    const before = deps.db.tables.subscriptions.get('SUB-contoso-exo')!;
    const preview = await previewBillingChange(deps, sales, {
      subscription: 'SUB-contoso-exo',
      billingCycle: 'annual',
    });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    const share = before.renewsAt.diff(NOW) / before.renewsAt.diff(before.termStartAt);
    const credit = Math.round(4 * 40 * share * 100) / 100;
    expect(preview.value).toMatchObject({
      effective: 'now',
      toBillingCycle: 'annual',
      fromTermCharge: 160,
      toTermCharge: 4 * 12 * 40,
      chargeNow: Math.round((1920 - credit) * 100) / 100,
    });
    const done = await confirmOrRecall(deps, sales, billing, preview.value.pendingId!);
    expect(done.ok).toBe(true);
    const after = deps.db.tables.subscriptions.get('SUB-contoso-exo')!;
    expect(after.billingCycle).toBe('annual');
    expect(after.termStartAt.toISOString()).toBe(NOW);
    expect(after.renewsAt.toISOString()).toBe('2027-11-21T09:00:00.000Z');
    expect(after.quantity).toBe(40);
  });

  it('R-TRM-3: a base with an add-on attached, and an add-on itself, do not change cycle on their own', async () => {
    const deps = seededFakeDeps(NOW);
    expect(
      await previewBillingChange(deps, sales, { subscription: 'SUB-contoso-e3', billingCycle: 'monthly' }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-TRM-3', reason: 'addon-blocks-change' },
    });
    expect(
      await previewBillingChange(deps, sales, {
        subscription: 'SUB-contoso-e3-audio',
        billingCycle: 'monthly',
      }),
    ).toMatchObject({
      ok: false,
      error: { rule: 'R-TRM-3', reason: 'addon-blocks-change' },
    });
  });

  it('R-TRM-2: a scheduled change takes effect at the renewal date and terms count from there', async () => {
    const deps = seededFakeDeps(NOW);
    deps.db.tables.subscriptions.delete('SUB-contoso-e3-audio');
    const preview = await previewBillingChange(deps, sales, {
      subscription: 'SUB-contoso-e3',
      billingCycle: 'monthly',
    });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.effective).toBe('at-renewal');
    await confirmOrRecall(deps, sales, billing, preview.value.pendingId!);
    const row = deps.db.tables.subscriptions.get('SUB-contoso-e3')!;
    const stored = toSubscription(deps.db, row);
    expect(effectiveSubscription(stored, at(NOW)).billingCycle).toBe('annual');
    const afterRenewal = effectiveSubscription(stored, row.renewsAt.add(1, 'day'));
    expect(afterRenewal.billingCycle).toBe('monthly');
    expect(afterRenewal.renewsAt.toISOString()).toBe(row.renewsAt.add(1, 'month').toISOString());
    // Saved as it now stands (any later action saves it so), it counts its terms from that renewal.
    expect(afterRenewal.scheduledChange).toBeNull();
    expect(afterRenewal.termAnchorAt?.toISOString()).toBe(row.renewsAt.toISOString());
    const later = row.renewsAt.add(3, 'month').add(1, 'day');
    expect(effectiveSubscription(afterRenewal, later).renewsAt.toISOString()).toBe(
      row.renewsAt.add(4, 'month').toISOString(),
    );
  });

  it('R-TRM-1: the new-commerce annual E3 moves to its monthly product only at renewal; an unoffered cycle is refused', async () => {
    const deps = seededFakeDeps(NOW);
    // The demo's NCE E3 was cancelled; made active again here to change it.
    const row = deps.db.tables.subscriptions.get('SUB-coho-e3-nce')!;
    deps.db.tables.subscriptions.set(row.id, {
      ...row,
      status: 'active',
      cancelledAt: null,
      autoRenew: true,
      renewsAt: at(NOW).add(200, 'day'),
      termStartAt: at(NOW).add(-165, 'day'),
    });
    const preview = await previewBillingChange(deps, sales, {
      subscription: 'SUB-coho-e3-nce',
      billingCycle: 'monthly',
    });
    expect(preview).toMatchObject({
      ok: true,
      value: { effective: 'at-renewal', toProductName: 'Microsoft 365 E3 (NCE, monthly)', chargeNow: 0 },
    });
    expect(
      await previewBillingChange(deps, sales, {
        subscription: 'SUB-contosopharma-e5-nce',
        billingCycle: 'monthly',
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-TRM-1', reason: 'term-not-offered' },
    });
  });

  it('R-TRM-4: where the backend has no endpoint, the change is refused plainly and nothing is stored', async () => {
    const deps = seededFakeDeps(NOW, { backendGaps: new Set(['billing-change'] as const) });
    expect(
      await previewBillingChange(deps, sales, { subscription: 'SUB-contoso-exo', billingCycle: 'annual' }),
    ).toMatchObject({
      ok: false,
      error: { rule: 'R-TRM-4', reason: 'backend-has-no-endpoint' },
    });
    expect(deps.db.tables.pendingActions.size).toBe(0);
  });
});

describe('upgrade', () => {
  it('R-UPG-1: without a target, the eligible targets are offered as a choice', async () => {
    const deps = seededFakeDeps(NOW);
    const choice = await previewUpgrade(deps, sales, { subscription: 'SUB-northwind-bp' });
    // Suspended: not changeable, but targets are only listed for an eligible subscription.
    expect(choice.ok).toBe(false);
    const alpine = await previewUpgrade(deps, sales, { subscription: 'alpine ski house business premium' });
    expect(alpine).toMatchObject({ ok: false, error: { kind: 'ambiguous', what: 'product' } });
    if (!alpine.ok && alpine.error.kind === 'ambiguous')
      expect(alpine.error.candidates.map((c) => c.label)).toEqual(['Microsoft 365 E3', 'Microsoft 365 E5']);
  });

  it('R-UPG-2, R-UPG-3: E3 → E5 keeps the subscription and its licences, now, at the prorated difference; the add-on that attaches to E5 stays', async () => {
    const deps = seededFakeDeps(NOW);
    const before = deps.db.tables.subscriptions.get('SUB-contoso-e3')!;
    const preview = await previewUpgrade(deps, sales, { subscription: 'SUB-contoso-e3', product: 'E5' });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    const share = before.renewsAt.diff(NOW) / before.renewsAt.diff(before.termStartAt);
    expect(preview.value).toMatchObject({
      effective: 'now',
      toProductName: 'Microsoft 365 E5',
      fromTermCharge: 32 * 12 * 250,
      toTermCharge: 57 * 12 * 250,
      chargeNow: Math.round((57 - 32) * 12 * 250 * share * 100) / 100,
    });
    const done = await confirmOrRecall(deps, sales, upgrade, preview.value.pendingId!);
    expect(done.ok).toBe(true);
    const after = deps.db.tables.subscriptions.get('SUB-contoso-e3')!;
    expect(after).toMatchObject({ productId: 'm365-e5', quantity: 250, version: before.version + 1 });
    expect(after.renewsAt.toISOString()).toBe(before.renewsAt.toISOString());
    expect(deps.db.tables.subscriptions.get('SUB-contoso-e3-audio')!.baseSubscriptionId).toBe(
      'SUB-contoso-e3',
    );
  });

  it('R-UPG-2: an add-on that cannot attach to the target stops the upgrade and is named', async () => {
    const deps = seededFakeDeps(NOW);
    const row = deps.db.tables.subscriptions.get('SUB-contoso-e3-audio')!;
    deps.db.tables.subscriptions.set(row.id, { ...row, productId: 'm365-e5-security' });
    expect(
      await previewUpgrade(deps, sales, { subscription: 'SUB-contoso-e3', product: 'E5' }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-UPG-2', reason: 'addon-blocks-change' },
    });
  });

  it('R-UPG-1: a target that is not an upgrade path is refused; R-UPG-4: a backend without the endpoint refuses plainly', async () => {
    expect(
      await previewUpgrade(seededFakeDeps(NOW), sales, { subscription: 'SUB-contoso-exo' }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-UPG-1', reason: 'no-upgrade-path' },
    });
    const gap = seededFakeDeps(NOW, { backendGaps: new Set(['upgrade'] as const) });
    expect(await previewUpgrade(gap, sales, { subscription: 'SUB-contoso-e3', product: 'E5' })).toMatchObject(
      {
        ok: false,
        error: { rule: 'R-UPG-4', reason: 'backend-has-no-endpoint' },
      },
    );
  });

  it('R-ROLE-1, R-ROLE-9: a role that may not change subscriptions is refused before anything is looked up', async () => {
    expect(
      await previewUpgrade(seededFakeDeps(NOW), anActor(['referral-admin']), {
        subscription: 'SUB-contoso-e3',
      }),
    ).toMatchObject({ ok: false, error: { kind: 'forbidden', action: 'subscription.upgrade' } });
  });
});

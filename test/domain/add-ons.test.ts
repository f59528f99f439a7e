/** Add-ons on the in-memory fakes with the demo data (R-ADD-1..6). */
import { describe, expect, it } from 'vitest';
import { addOnExecutor, listAddOns, previewAddOn } from '../../src/domain/subscriptions/add-ons.js';
import type { AddOnPayload, AddOnResult } from '../../src/domain/subscriptions/add-ons.js';
import type { Executor } from '../../src/domain/confirmations/executor.js';
import { confirmOrRecall } from '../../src/domain/confirmations/confirm-or-recall.js';
import { previewSuspend, suspendExecutor } from '../../src/domain/subscriptions/suspend-subscription.js';
import {
  previewReactivate,
  reactivateExecutor,
} from '../../src/domain/subscriptions/reactivate-subscription.js';
import { previewCancellation } from '../../src/domain/subscriptions/preview-cancellation.js';
import { confirmCancellation } from '../../src/domain/subscriptions/confirm-cancellation.js';
import { browseProducts } from '../../src/domain/catalog/browse-products.js';
import { previewLicenses } from '../../src/domain/subscriptions/change-license-count.js';
import { anActor } from '../fakes/builders.js';
import { seededFakeDeps, type FakeDeps } from '../fakes/fake-deps.js';
import { recordingSubscriptionReads } from '../support/subscription-reads.js';

const NOW = '2026-11-21T09:00:00.000Z';
const sales = anActor(['sales-agent']);
const referral = anActor(['referral-admin']);
const executor = addOnExecutor as Executor<AddOnPayload, AddOnResult>;

async function buyAddOn(deps: FakeDeps, base: string, productId: string, quantity: unknown) {
  const preview = await previewAddOn(deps, sales, { baseSubscriptionId: base, productId });
  if (!preview.ok) return preview;
  return confirmOrRecall(deps, sales, executor, preview.value.pendingId, { quantity });
}

describe('add-ons', () => {
  it('R-ADD-1: a base subscription lists its attached add-ons and the add-on products sold for it', async () => {
    const listed = await listAddOns(seededFakeDeps(NOW), sales, { subscription: 'SUB-contoso-e3' });
    if (!listed.ok) throw new Error(JSON.stringify(listed.error));
    expect(listed.value.held).toEqual([
      expect.objectContaining({ id: 'SUB-contoso-e3-audio', quantity: 100, status: 'active' }),
    ]);
    expect(listed.value.available.map((a) => a.productId).sort()).toEqual([
      'm365-e5-security',
      'teams-audio-conferencing',
    ]);
    const audio = listed.value.available.find((a) => a.productId === 'teams-audio-conferencing')!;
    expect(audio.room).toBe(250 - 100);
    expect(audio.buyable).toBe(true);
    const byReferral = await listAddOns(seededFakeDeps(NOW), referral, { subscription: 'SUB-contoso-e3' });
    expect(byReferral.ok && byReferral.value.available.every((a) => !a.buyable)).toBe(true);
  });

  it('R-ADD-1: an add-on is not listed in the catalog for a customer, and is counted as bought from its base', async () => {
    const page = await browseProducts(seededFakeDeps(NOW), sales, {
      customer: 'contoso ltd',
      search: 'audio',
    });
    expect(page.ok && page.value.items).toEqual([]);
    expect(page.ok && page.value.excluded).toEqual([
      expect.objectContaining({ rule: 'R-ADD-1', reason: 'addon-needs-base', count: 1 }),
    ]);
  });

  it('R-ADD-1: an add-on is refused for a product it does not attach to, and for a base that is not active', async () => {
    const deps = seededFakeDeps(NOW);
    expect(
      await previewAddOn(deps, sales, {
        baseSubscriptionId: 'SUB-contoso-exo',
        productId: 'm365-e5-security',
      }),
    ).toMatchObject({ ok: false, error: { kind: 'refused', rule: 'R-ADD-1', reason: 'addon-not-for-base' } });
    expect(
      await previewAddOn(deps, sales, {
        baseSubscriptionId: 'SUB-northwind-bp',
        productId: 'teams-audio-conferencing',
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-ADD-1', reason: 'addon-base-not-active' },
    });
  });

  it('R-ADD-2: an add-on cannot have more licences than its base, counting those already attached', async () => {
    const deps = seededFakeDeps(NOW);
    const tooMany = await buyAddOn(deps, 'SUB-contoso-e3', 'teams-audio-conferencing', '151');
    expect(tooMany).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-ADD-2', reason: 'addon-exceeds-base', facts: { max: 150 } },
    });
    const fits = await buyAddOn(deps, 'SUB-contoso-e3', 'teams-audio-conferencing', '150');
    expect(fits.ok).toBe(true);
    const full = await previewAddOn(deps, sales, {
      baseSubscriptionId: 'SUB-contoso-e3',
      productId: 'teams-audio-conferencing',
    });
    expect(full).toMatchObject({ ok: false, error: { reason: 'addon-exceeds-base', facts: { max: 0 } } });
    expect(await buyAddOn(deps, 'SUB-contoso-e3', 'm365-e5-security', 'x')).toMatchObject({
      ok: false,
      error: { rule: 'R-ADD-2' },
    });
  });

  it('R-ADD-3: the add-on is billed on its base’s cycle, renews with it, and its first charge is prorated; the order adds up', async () => {
    const deps = seededFakeDeps(NOW);
    const base = deps.db.tables.subscriptions.get('SUB-contoso-e3')!;
    const bought = await buyAddOn(deps, 'SUB-contoso-e3', 'm365-e5-security', '10');
    if (!bought.ok) throw new Error(JSON.stringify(bought.error));
    const r = bought.value.result;
    const sub = deps.db.tables.subscriptions.get(r.subscriptionId)!;
    expect(sub).toMatchObject({ baseSubscriptionId: 'SUB-contoso-e3', billingCycle: 'annual', quantity: 10 });
    expect(sub.renewsAt.toISOString()).toBe(base.renewsAt.toISOString());
    const share = base.renewsAt.diff(NOW) / base.renewsAt.diff(base.termStartAt);
    const unit = Math.round(12 * 12 * share * 100) / 100;
    expect(r.charge).toBe(Math.round(unit * 10 * 100) / 100);
    expect(r.charge).toBeLessThan(12 * 12 * 10);
    const order = deps.db.tables.orders.get(r.orderId)!;
    expect(order.total).toBe(Math.round(order.lines[0]!.unitPrice * order.lines[0]!.quantity * 100) / 100);
    expect(
      deps.db.tables.auditEvents.find(
        (e) => e.action === 'subscription.addon' && e.outcome === 'allowed' && e.subjectId === r.orderId,
      ),
    ).toBeDefined();
  });

  it('R-ADD-2: two presses of the same confirmation buy once', async () => {
    const deps = seededFakeDeps(NOW);
    const preview = await previewAddOn(deps, sales, {
      baseSubscriptionId: 'SUB-contoso-e3',
      productId: 'm365-e5-security',
    });
    if (!preview.ok) throw new Error('no preview');
    const [a, b] = await Promise.all([
      confirmOrRecall(deps, sales, executor, preview.value.pendingId, { quantity: '5' }),
      confirmOrRecall(deps, sales, executor, preview.value.pendingId, { quantity: '5' }),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const attached = [...deps.db.tables.subscriptions.values()].filter(
      (s) => s.productId === 'm365-e5-security',
    );
    expect(attached).toHaveLength(1);
  });

  it('R-ADD-4: suspending the base says its add-ons follow and suspends them in the same change; reactivating brings them back', async () => {
    const deps = seededFakeDeps(NOW);
    const preview = await previewSuspend(deps, sales, { subscription: 'SUB-contoso-e3' });
    if (!preview.ok) throw new Error('no preview');
    expect(preview.value.addOns).toEqual(['Microsoft Teams Audio Conferencing (SUB-contoso-e3-audio)']);
    const done = await confirmOrRecall(deps, sales, suspendExecutor, preview.value.pendingId!);
    expect(done.ok).toBe(true);
    expect(deps.db.tables.subscriptions.get('SUB-contoso-e3-audio')!.status).toBe('suspended');
    const again = await previewReactivate(deps, sales, { subscription: 'SUB-contoso-e3' });
    if (!again.ok) throw new Error('no reactivate preview');
    expect(again.value.addOns).toEqual(['Microsoft Teams Audio Conferencing (SUB-contoso-e3-audio)']);
    await confirmOrRecall(deps, sales, reactivateExecutor, again.value.pendingId!);
    expect(deps.db.tables.subscriptions.get('SUB-contoso-e3-audio')!.status).toBe('active');
  });

  it('R-ADD-1, R-ADD-2, R-ADD-4: what concerns a base reads its add-ons, not every subscription the customer holds', async () => {
    const deps = seededFakeDeps(NOW);
    const { deps: counted, reads: read } = recordingSubscriptionReads(deps);
    const held = [...deps.db.tables.subscriptions.values()].filter((s) => s.customerId === 'cus-contoso');
    expect(held.length).toBeGreaterThan(3);

    expect((await listAddOns(counted, sales, { subscription: 'SUB-contoso-e3' })).ok).toBe(true);
    expect((await previewSuspend(counted, sales, { subscription: 'SUB-contoso-e3' })).ok).toBe(true);
    expect(
      (await previewLicenses(counted, sales, { subscription: 'SUB-contoso-e3', quantity: 101 })).ok,
    ).toBe(true);
    expect(read).toEqual([
      ['SUB-contoso-e3-audio'],
      ['SUB-contoso-e3-audio'],
      // R-ADD-2: the base and its add-ons; then the add-ons its change carries along.
      ['SUB-contoso-e3-audio', 'SUB-contoso-e3'],
      ['SUB-contoso-e3-audio'],
    ]);
  });

  it('R-ADD-5: cancelling the base cancels its add-ons the same way (here scheduled for the same renewal date)', async () => {
    const deps = seededFakeDeps(NOW);
    const preview = await previewCancellation(deps, sales, {
      subscriptionId: 'SUB-contoso-e3',
      reason: 'moving',
    });
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.addOns).toEqual(['Microsoft Teams Audio Conferencing (SUB-contoso-e3-audio)']);
    const done = await confirmCancellation(deps, sales, preview.value.pendingId);
    expect(done.ok).toBe(true);
    const base = deps.db.tables.subscriptions.get('SUB-contoso-e3')!;
    const addOn = deps.db.tables.subscriptions.get('SUB-contoso-e3-audio')!;
    expect(base.cancelAt).not.toBeNull();
    expect(addOn.cancelAt?.toISOString()).toBe(base.cancelAt?.toISOString());
    expect(addOn.autoRenew).toBe(false);
  });

  it('R-ADD-6: where the backend documents no way to attach an add-on, the preview says so and nothing is stored', async () => {
    const deps = seededFakeDeps(NOW, { backendGaps: new Set(['add-on'] as const) });
    const before = deps.db.tables.pendingActions.size;
    expect(
      await previewAddOn(deps, sales, {
        baseSubscriptionId: 'SUB-contoso-e3',
        productId: 'm365-e5-security',
      }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-ADD-6', reason: 'backend-has-no-endpoint' },
    });
    expect(deps.db.tables.pendingActions.size).toBe(before);
  });

  it('R-ADD-2: the base cannot go below its add-on’s licences, and the add-on cannot grow past its base', async () => {
    const deps = seededFakeDeps(NOW);
    expect(
      await previewLicenses(deps, sales, { subscription: 'SUB-contoso-e3', quantity: 99 }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-ADD-2', reason: 'base-below-addons', facts: { count: 100 } },
    });
    expect((await previewLicenses(deps, sales, { subscription: 'SUB-contoso-e3', quantity: 100 })).ok).toBe(
      true,
    );
    expect(
      await previewLicenses(deps, sales, { subscription: 'SUB-contoso-e3-audio', quantity: 251 }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-ADD-2', reason: 'addon-exceeds-base', facts: { max: 150 } },
    });
    expect(
      (await previewLicenses(deps, sales, { subscription: 'SUB-contoso-e3-audio', quantity: 250 })).ok,
    ).toBe(true);
  });
});

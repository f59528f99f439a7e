/** `order ORD-…` on the in-memory fakes with the demo data: lines, totals, tax note, actions (R-ORD-*). */
import { describe, expect, it } from 'vitest';
import { showOrder } from '../../src/domain/catalog/show-order.js';
import type { OrderFactSource } from '../../src/domain/ports/order-facts.js';
import { anActor } from '../fakes/builders.js';
import { seededFakeDeps } from '../fakes/fake-deps.js';

const NOW = '2026-11-21T09:00:00.000Z';
const sales = anActor(['sales-agent']);
const adminAgent = anActor(['admin-agent']);
const referral = anActor(['referral-admin']);

describe('reading one order', () => {
  it('R-ORD-1: every line with quantity, unit price, cycle, amount and the subscription it produced; the total adds up', async () => {
    const deps = seededFakeDeps(NOW);
    const shown = await showOrder(deps, sales, { order: 'ord-1001' });
    if (!shown.ok) throw new Error(JSON.stringify(shown.error));
    const { lines, total } = shown.value;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      productName: 'Microsoft 365 E3',
      quantity: 250,
      // The price of one licence for one annual term, as the order line charged it (R-MON-1).
      unitPrice: 384,
      billingCycle: 'annual',
      amount: 96_000,
      produced: { kind: 'subscription', subscriptionId: 'SUB-contoso-e3', status: 'active' },
    });
    expect(lines[1]).toMatchObject({
      productName: 'Exchange Online (Plan 1)',
      quantity: 40,
      billingCycle: 'monthly',
      produced: { kind: 'subscription', subscriptionId: 'SUB-contoso-exo' },
    });
    const sum = Math.round(lines.reduce((s, l) => s + l.amount, 0) * 100) / 100;
    expect(total).toBe(sum);
  });

  it('R-ORD-1: the status shown is the produced subscription’s as of now (a suspended line says suspended)', async () => {
    const shown = await showOrder(seededFakeDeps(NOW), sales, { order: 'ORD-1007' });
    if (!shown.ok) throw new Error('not shown');
    expect(shown.value.lines.map((l) => l.produced)).toMatchObject([
      { kind: 'subscription', subscriptionId: 'SUB-northwind-bp', status: 'suspended' },
      { kind: 'subscription', subscriptionId: 'SUB-northwind-defender', status: 'active' },
    ]);
  });

  it('R-ORD-1, R-BUY-8: the tax note follows the billing country (Northwind, AU: included; Contoso, US: excluded)', async () => {
    const deps = seededFakeDeps(NOW);
    const au = await showOrder(deps, sales, { order: 'ORD-1007' });
    const us = await showOrder(deps, sales, { order: 'ORD-1001' });
    expect(au.ok && au.value.taxIncluded).toBe(true);
    expect(us.ok && us.value.taxIncluded).toBe(false);
  });

  it('R-ORD-2: a line’s term is its cycle; perpetual software is paid once', async () => {
    const deps = seededFakeDeps(NOW);
    const online = await showOrder(deps, sales, { order: 'ORD-1001' });
    const perpetual = await showOrder(deps, sales, { order: 'ORD-2002' });
    expect(online.ok && online.value.lines.map((l) => l.term)).toEqual(['P1Y', 'P1M']);
    expect(perpetual.ok && perpetual.value.lines.map((l) => l.term)).toEqual(['perpetual']);
  });

  it('R-ORD-3: a software order inside its window offers cancel (with the days left) and the key to an admin agent', async () => {
    const shown = await showOrder(seededFakeDeps(NOW), adminAgent, { order: 'ORD-2002' });
    if (!shown.ok) throw new Error('not shown');
    expect(shown.value.actions.cancelOrder).toEqual({ productId: 'office-ltsc-2021', daysLeft: 1 });
    expect(shown.value.actions.key).toEqual({ productId: 'office-ltsc-2021' });
    expect(shown.value.lines[0]!.produced).toMatchObject({ kind: 'software', status: 'completed' });
  });

  it('R-ORD-3: past the window there is no cancel; a sales agent gets neither cancel nor key but may ask support', async () => {
    const deps = seededFakeDeps(NOW);
    const late = await showOrder(deps, adminAgent, { order: 'ORD-2003' });
    expect(late.ok && late.value.actions.cancelOrder).toBeUndefined();
    const bySales = await showOrder(deps, sales, { order: 'ORD-2002' });
    if (!bySales.ok) throw new Error('not shown');
    expect(bySales.value.actions).toEqual({ cancelSubscriptions: [], supportRequest: true });
  });

  it('R-ORD-3: a subscription still inside its refund window is offered for cancelling; one past it is not', async () => {
    const deps = seededFakeDeps(NOW);
    const recent = await showOrder(deps, sales, { order: 'ORD-1002' });
    expect(recent.ok && recent.value.actions.cancelSubscriptions).toEqual(['SUB-contoso-helpdesk']);
    const old = await showOrder(deps, sales, { order: 'ORD-1001' });
    expect(old.ok && old.value.actions.cancelSubscriptions).toEqual([]);
  });

  it('R-ROLE-7: any role reads orders; without a role nothing is looked up', async () => {
    const deps = seededFakeDeps(NOW);
    expect((await showOrder(deps, referral, { order: 'ORD-1001' })).ok).toBe(true);
    expect(await showOrder(deps, anActor([]), { order: 'ORD-1001' })).toMatchObject({
      ok: false,
      error: { kind: 'no-role' },
    });
  });

  it('R-ORD-1: an unknown or malformed order id is "not found", never an exception', async () => {
    const deps = seededFakeDeps(NOW);
    expect(await showOrder(deps, sales, { order: 'ORD-NOPE' })).toMatchObject({
      ok: false,
      error: { kind: 'not-found', what: 'order' },
    });
    expect(await showOrder(deps, sales, { order: "ORD-1'; drop" })).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
  });

  it('R-ORD-4: with a backend, its order status and provisioned subscriptions are joined; a refusal is said, not thrown', async () => {
    const read: OrderFactSource = {
      find: async () => ({
        backendOrderId: 'pc-order-1',
        status: 'completed',
        lines: [],
        source: { system: 'partner-center', readAt: NOW },
      }),
    };
    const shown = await showOrder(seededFakeDeps(NOW, { orderFacts: read }), sales, { order: 'ORD-1001' });
    expect(shown.ok && shown.value.backend).toMatchObject({ read: true, backendOrderId: 'pc-order-1' });
    const refusing: OrderFactSource = {
      find: async () => ({ kind: 'partner-center-refused', reason: 'unavailable' }),
    };
    const fallback = await showOrder(seededFakeDeps(NOW, { orderFacts: refusing }), sales, {
      order: 'ORD-1001',
    });
    expect(fallback.ok && fallback.value.backend).toEqual({ read: false, reason: 'unreadable' });
    expect(fallback.ok && fallback.value.lines).toHaveLength(2);
    const missing: OrderFactSource = { find: async () => null };
    const none = await showOrder(seededFakeDeps(NOW, { orderFacts: missing }), sales, { order: 'ORD-1001' });
    expect(none.ok && none.value.backend).toEqual({ read: false, reason: 'not-found' });
  });
});

/**
 * The subscription use cases over the in-memory fakes seeded with the demo data: previews, then clicks
 * through confirmPendingAction, with a clock the tests move. Every test makes its own subscriptions, so that tests
 * do not depend on one another or on the demo rows they change.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/shared/actor.js';
import { editCart } from '../../src/domain/purchase/edit-cart.js';
import { purchaseExecutor } from '../../src/domain/purchase/purchase-cart.js';
import { startPurchase } from '../../src/domain/purchase/start-purchase.js';
import { purchaseEditedCart } from '../../src/domain/purchase/purchase-edited-cart.js';
import { cancelExecutor } from '../../src/domain/subscriptions/cancel-subscription.js';
import { previewCancellation } from '../../src/domain/subscriptions/preview-cancellation.js';
import { startCancellation } from '../../src/domain/subscriptions/start-cancellation.js';
import { confirmPendingAction } from '../../src/domain/confirmations/confirm-pending-action.js';
import { type ExecutionContext, type Executor } from '../../src/domain/confirmations/executor.js';
import type { Subscription } from '../../src/domain/shared/model.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import type { LicenseAddition } from '../../src/domain/ports/subscriptions.js';
import type { Repositories } from '../../src/domain/ports/unit-of-work.js';
import type { Action } from '../../src/domain/shared/roles.js';
import { autoRenewExecutor, previewAutoRenew } from '../../src/domain/subscriptions/set-auto-renew.js';
import { licensesExecutor, previewLicenses } from '../../src/domain/subscriptions/change-license-count.js';
import {
  previewReactivate,
  reactivateExecutor,
} from '../../src/domain/subscriptions/reactivate-subscription.js';
import { previewSuspend, suspendExecutor } from '../../src/domain/subscriptions/suspend-subscription.js';
import { addDays, addHours, DAY_MS, movableClock, type Dayjs } from '../../src/domain/shared/time.js';
import { seededFakeDeps } from '../fakes/fake-deps.js';
import { aSubscription, anActor } from '../support/builders.js';
import { recordingSubscriptionReads } from '../support/subscription-reads.js';

const NOW = '2026-11-21T09:00:00.000Z';
const MINUTE_MS = 60_000;

const SALES = anActor(['sales-agent']);
const BILLING = anActor(['billing-admin']);
const MARKETING = anActor(['marketing-content-admin']);
const REFERRAL = anActor(['referral-admin']);

const clock = movableClock(NOW);
const deps = seededFakeDeps(NOW, { clock });
const { db } = deps;

beforeEach(() => clock.set(NOW));

const now = () => clock.now();

// ---- data the tests make for themselves ----

let sequence = 0;

interface Given {
  readonly customerId: string;
  readonly productId: string;
  readonly orderedAt?: Dayjs;
  readonly licenseAdditions?: LicenseAddition[];
}

/** A subscription of its own for one test, written through the repositories (order, line, subscription). */
async function givenSubscription(given: Given & Partial<Subscription>): Promise<Subscription> {
  sequence += 1;
  const { licenseAdditions, ...overrides } = given;
  const product = (await deps.products.findById(given.productId))!;
  const sub = aSubscription({
    billingCycle: product.billingCycles[0]!,
    orderedAt: now(),
    ...overrides,
    id: `SUB-t${sequence}-${given.productId}`,
    orderId: `ORD-T${sequence}`,
    productName: product.name,
    version: 0,
  });
  await deps.orders.create({
    id: sub.orderId,
    customerId: sub.customerId,
    placedByAadObjectId: SALES.aadObjectId!,
    placedAt: sub.orderedAt,
    total: 0,
    currency: product.currency,
    pendingActionId: null,
    lines: [
      {
        id: `${sub.orderId}-1`,
        productId: sub.productId,
        quantity: sub.quantity,
        billingCycle: sub.billingCycle,
        unitPrice: product.unitPrice,
      },
    ],
    subscriptions: [sub],
  });
  // The order writes the state of a new subscription; anything else (suspended, scheduled…) is saved after.
  const changed = sub.suspendedAt || sub.dataDeletedAt || sub.cancelAt || sub.cancelledAt;
  if (changed || licenseAdditions) {
    await deps.subscriptions.save(sub, 0, licenseAdditions ? { licenseAdditions } : {});
  }
  return stored(sub.id);
}

const stored = async (id: string): Promise<Subscription> => {
  const found = await deps.subscriptions.findById(id);
  if (!found) throw new Error(`no subscription ${id}`);
  return found;
};

const auditOf = (where: {
  subjectId?: string;
  action?: Action;
  outcome?: string;
  actor?: Actor;
  customerId?: string;
}) =>
  db.tables.auditEvents.filter(
    (event) =>
      (!where.subjectId || event.subjectId === where.subjectId) &&
      (!where.action || event.action === where.action) &&
      (!where.outcome || event.outcome === where.outcome) &&
      (!where.customerId || event.customerId === where.customerId) &&
      (!where.actor || event.actorAadObjectId === where.actor.aadObjectId),
  );

const ordersOf = (customerId: string) =>
  [...db.tables.orders.values()].filter((order) => order.customerId === customerId).length;

/** Unwraps a Result the test expects to be ok, showing the error when it is not. */
function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

const confirm = <P, R>(actor: Actor, executor: Executor<P, R>, pendingId: string | undefined) =>
  confirmPendingAction(deps, actor, executor, pendingId!);

// ---- suspend and reactivate ----

describe('suspending', () => {
  it('R-SUS-2: the preview for a Contoso subscription says the data is deleted 90 days from now', async () => {
    const sub = await givenSubscription({ customerId: 'cus-contoso', productId: 'm365-e3' });
    const preview = value(await previewSuspend(deps, SALES, { subscription: sub.id }));
    expect(preview).toMatchObject({ retentionDays: 90, dataDeletedAt: addDays(now(), 90).toISOString() });
  });

  it('R-SUS-2: the preview for a Northwind Traders (AU) subscription says 120 days (40-day gap, capped)', async () => {
    const sub = await givenSubscription({ customerId: 'cus-northwind-traders', productId: 'm365-e3' });
    const preview = value(await previewSuspend(deps, SALES, { subscription: sub.id }));
    expect(preview).toMatchObject({ retentionDays: 120, dataDeletedAt: addDays(now(), 120).toISOString() });
  });

  it('R-SUS-2: the preview for a Contoso Pharmaceuticals subscription says 105 days (15-day gap)', async () => {
    const sub = await givenSubscription({ customerId: 'cus-contoso-pharmaceuticals', productId: 'm365-e3' });
    const preview = value(await previewSuspend(deps, SALES, { subscription: sub.id }));
    expect(preview).toMatchObject({ retentionDays: 105, dataDeletedAt: addDays(now(), 105).toISOString() });
  });

  it('R-SUS-1: confirming suspends, with the deletion date computed at the click, and audits it once', async () => {
    const sub = await givenSubscription({ customerId: 'cus-contoso', productId: 'm365-e3' });
    const preview = value(await previewSuspend(deps, SALES, { subscription: sub.id }));
    clock.advance(7 * MINUTE_MS);
    const clickedAt = now();

    const confirmed = value(await confirm(SALES, suspendExecutor, preview.pendingId));

    const deletedAt = addDays(clickedAt, 90);
    expect(confirmed.result).toMatchObject({ status: 'suspended', dataDeletedAt: deletedAt.toISOString() });
    expect(deletedAt.toISOString()).not.toBe(preview.dataDeletedAt);
    const after = await stored(sub.id);
    expect(after.status).toBe('suspended');
    expect(after.suspendedAt?.toISOString()).toBe(clickedAt.toISOString());
    expect(after.dataDeletedAt?.toISOString()).toBe(deletedAt.toISOString());
    expect(after.autoRenew).toBe(true); // legacy: auto-renew is left as it was
    const allowed = await auditOf({ subjectId: sub.id, outcome: 'allowed' });
    expect(allowed).toHaveLength(1);
    expect(allowed[0]).toMatchObject({
      action: 'subscription.suspend',
      customerId: 'cus-contoso',
      actorAadObjectId: SALES.aadObjectId,
    });
  });

  it('R-NCE-3: suspending a new-commerce subscription says it is still billed and turns auto-renew off', async () => {
    const sub = await givenSubscription({ customerId: 'cus-contoso', productId: 'm365-e3-nce' });
    const preview = value(await previewSuspend(deps, SALES, { subscription: sub.id }));
    expect(preview).toMatchObject({ newCommerce: true, stillBilled: true, autoRenew: false });

    value(await confirm(SALES, suspendExecutor, preview.pendingId));

    expect(await stored(sub.id)).toMatchObject({ status: 'suspended', autoRenew: false });
  });

  it('R-NCE-3: a legacy subscription is not said to be still billed', async () => {
    const sub = await givenSubscription({ customerId: 'cus-contoso', productId: 'm365-e3' });
    const preview = value(await previewSuspend(deps, SALES, { subscription: sub.id }));
    expect(preview).toMatchObject({ newCommerce: false, stillBilled: false, autoRenew: true });
  });
});

describe('reactivating', () => {
  /** A Contoso subscription suspended 90 days before `deletedAt`. */
  const givenSuspended = (deletedAt: Dayjs) =>
    givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3',
      orderedAt: addDays(deletedAt, -200),
      termStartAt: addDays(deletedAt, -200),
      renewsAt: addDays(deletedAt, 165),
      billingCycle: 'annual',
      status: 'suspended',
      suspendedAt: addDays(deletedAt, -90),
      dataDeletedAt: deletedAt,
    });

  it('R-SUS-3: reactivates 1 ms before the data is deleted', async () => {
    const deletedAt = addHours(now(), 1);
    const sub = await givenSuspended(deletedAt);
    clock.set(deletedAt.subtract(1, 'ms').valueOf());

    const preview = value(await previewReactivate(deps, SALES, { subscription: sub.id }));
    const confirmed = value(await confirm(SALES, reactivateExecutor, preview.pendingId));

    expect(confirmed.result).toMatchObject({ status: 'active' });
    expect(await stored(sub.id)).toMatchObject({ status: 'active', suspendedAt: null, dataDeletedAt: null });
  });

  it('R-SUS-3: refuses at the instant the data is deleted (data-deleted), and nothing changes', async () => {
    const deletedAt = addHours(now(), 1);
    const sub = await givenSuspended(deletedAt);
    clock.set(deletedAt.valueOf());

    const result = await previewReactivate(deps, SALES, { subscription: sub.id });

    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'refused',
        rule: 'R-SUS-3',
        reason: 'data-deleted',
        facts: { dataDeletedAt: deletedAt.toISOString() },
      },
    });
    expect(await stored(sub.id)).toEqual(sub);
  });

  it('R-SUS-3: refuses a click after the deadline even though the preview was shown before it', async () => {
    const deletedAt = addHours(now(), 1);
    const sub = await givenSuspended(deletedAt);
    clock.set(deletedAt.subtract(2 * MINUTE_MS, 'ms').valueOf());
    const preview = value(await previewReactivate(deps, SALES, { subscription: sub.id }));

    clock.set(deletedAt.valueOf());
    const result = await confirm(SALES, reactivateExecutor, preview.pendingId);

    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-SUS-3', reason: 'data-deleted' },
    });
    expect(await stored(sub.id)).toEqual(sub);
    expect(await auditOf({ subjectId: sub.id, outcome: 'allowed' })).toHaveLength(0);
  });
});

// ---- cancel ----

describe('cancelling', () => {
  it('R-CAN-5: asks for a reason: an empty or blank one is refused', async () => {
    const sub = await givenSubscription({ customerId: 'cus-contoso', productId: 'm365-e3' });
    for (const reason of ['', '   ']) {
      expect(await previewCancellation(deps, SALES, { subscriptionId: sub.id, reason })).toMatchObject({
        ok: false,
        error: { kind: 'invalid-input', field: 'reason', reason: 'empty' },
      });
    }
  });

  it('R-CAN-1: confirming within 24 hours of the order cancels now with a full credit', async () => {
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3',
      billingCycle: 'monthly',
      quantity: 5,
      orderedAt: addHours(now(), -2),
    });
    const preview = value(
      await previewCancellation(deps, SALES, { subscriptionId: sub.id, reason: 'Ordered twice' }),
    );
    expect(preview.effect).toMatchObject({ kind: 'cancel-now-full-credit', rule: 'R-CAN-1', credit: 160 });
    expect(preview.windowLeftMs).toBe(22 * 60 * MINUTE_MS);
    clock.advance(MINUTE_MS);

    const confirmed = value(await confirm(SALES, cancelExecutor, preview.pendingId));

    expect(confirmed.result).toMatchObject({
      effect: { kind: 'cancel-now-full-credit' },
      reason: 'Ordered twice',
    });
    const after = await stored(sub.id);
    expect(after).toMatchObject({ status: 'cancelled', autoRenew: false, cancelAt: null });
    expect(after.cancelledAt?.toISOString()).toBe(now().toISOString());
    expect(
      await auditOf({ subjectId: sub.id, outcome: 'allowed', action: 'subscription.cancel' }),
    ).toHaveLength(1);
  });

  it('R-CAN-5: a preview shown inside the 24-hour window but clicked after it closes changes nothing (effect-changed)', async () => {
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3',
      billingCycle: 'monthly',
      orderedAt: addHours(now(), -24).add(5 * MINUTE_MS, 'ms'), // the window closes in 5 minutes
    });
    const preview = value(
      await previewCancellation(deps, SALES, { subscriptionId: sub.id, reason: 'Too expensive' }),
    );
    expect(preview.effect.kind).toBe('cancel-now-full-credit');
    expect(preview.windowLeftMs).toBe(5 * MINUTE_MS);

    clock.advance(5 * MINUTE_MS); // exactly when the window closes: late
    const result = await confirm(SALES, cancelExecutor, preview.pendingId);

    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'effect-changed',
        previewed: 'cancel-now-full-credit',
        now: 'cancel-at-renewal',
        subscriptionId: sub.id,
        reason: 'Too expensive',
      },
    });
    expect(await stored(sub.id)).toEqual(sub);
    expect(await auditOf({ subjectId: sub.id, outcome: 'allowed' })).toHaveLength(0);
  });

  it('R-CAN-2: confirming 24 hours or more after the order schedules the cancellation at renewal', async () => {
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3',
      billingCycle: 'monthly',
      orderedAt: addDays(now(), -3),
    });
    const preview = value(
      await previewCancellation(deps, SALES, { subscriptionId: sub.id, reason: 'Not needed' }),
    );
    expect(preview.effect).toEqual({
      kind: 'cancel-at-renewal',
      rule: 'R-CAN-2',
      cancelAt: sub.renewsAt.toISOString(),
    });

    value(await confirm(SALES, cancelExecutor, preview.pendingId));

    const after = await stored(sub.id);
    expect(after).toMatchObject({ status: 'active', autoRenew: false, cancelledAt: null });
    expect(after.cancelAt?.toISOString()).toBe(sub.renewsAt.toISOString());
  });

  it('R-NCE-1: a new-commerce subscription bought 8 days ago cannot be cancelled', async () => {
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3-nce',
      orderedAt: addDays(now(), -8),
    });
    expect(await startCancellation(deps, SALES, { subscription: sub.id })).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-NCE-1', reason: 'not-cancellable-nce' },
    });
  });
});

// ---- auto-renew ----

describe('auto-renew', () => {
  it('R-CAN-6: can be turned off and on again for an active subscription', async () => {
    const sub = await givenSubscription({ customerId: 'cus-contoso', productId: 'm365-e3' });

    const off = value(await previewAutoRenew(deps, SALES, { subscription: sub.id, autoRenew: false }));
    value(await confirm(SALES, autoRenewExecutor, off.pendingId));
    expect((await stored(sub.id)).autoRenew).toBe(false);

    const on = value(await previewAutoRenew(deps, SALES, { subscription: sub.id, autoRenew: true }));
    value(await confirm(SALES, autoRenewExecutor, on.pendingId));
    expect(await stored(sub.id)).toMatchObject({ status: 'active', autoRenew: true, cancelAt: null });
  });

  it('R-CAN-6: turning auto-renew on withdraws a cancellation scheduled at renewal', async () => {
    const orderedAt = addDays(now(), -3);
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3',
      billingCycle: 'monthly',
      orderedAt,
      autoRenew: false,
      cancelAt: orderedAt.add(1, 'month'),
    });
    expect(sub.cancelAt?.toISOString()).toBe(sub.renewsAt.toISOString());

    const on = value(await previewAutoRenew(deps, SALES, { subscription: sub.id, autoRenew: true }));
    expect(on).toMatchObject({ autoRenew: true, cancelAt: null });
    value(await confirm(SALES, autoRenewExecutor, on.pendingId));

    expect(await stored(sub.id)).toMatchObject({ status: 'active', autoRenew: true, cancelAt: null });
  });

  it('R-CAN-6: turning it off when it is already off changes nothing', async () => {
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3',
      autoRenew: false,
    });
    expect(await previewAutoRenew(deps, SALES, { subscription: sub.id, autoRenew: false })).toMatchObject({
      ok: false,
      error: { kind: 'no-change' },
    });
  });
});

// ---- license count ----

describe('license count', () => {
  const changeLicenses = async (sub: Subscription, quantity: number) => {
    const preview = await previewLicenses(deps, SALES, { subscription: sub.id, quantity });
    if (!preview.ok) return preview;
    return confirm(SALES, licensesExecutor, preview.value.pendingId);
  };
  const windowRefusal = {
    ok: false,
    error: { kind: 'refused', rule: 'R-NCE-2', reason: 'license-decrease-window' },
  };

  it('R-NCE-2: new-commerce licenses can be reduced 1 ms before 7 days after the purchase added them', async () => {
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3-nce',
      quantity: 10,
      orderedAt: addDays(now(), -7).add(1, 'ms'),
    });
    expect(await changeLicenses(sub, 8)).toMatchObject({ ok: true });
    expect((await stored(sub.id)).quantity).toBe(8);
  });

  it('R-NCE-2: new-commerce licenses cannot be reduced exactly 7 days after the purchase, nor later', async () => {
    for (const daysAgo of [7, 30]) {
      const sub = await givenSubscription({
        customerId: 'cus-contoso',
        productId: 'm365-e3-nce',
        quantity: 10,
        orderedAt: addDays(now(), -daysAgo),
      });
      expect(await changeLicenses(sub, 9)).toMatchObject(windowRefusal);
      expect((await stored(sub.id)).quantity).toBe(10);
    }
  });

  it('R-NCE-2: an increase is allowed any time and opens 7 days in which licenses can be reduced', async () => {
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3-nce',
      quantity: 10,
      orderedAt: addDays(now(), -100),
    });
    const increasedAt = now();
    expect(await changeLicenses(sub, 15)).toMatchObject({ ok: true });
    expect((await deps.subscriptions.licenseAdditions(sub.id)).at(-1)).toMatchObject({ count: 5 });
    expect((await deps.subscriptions.licenseAdditions(sub.id)).at(-1)?.at.toISOString()).toBe(
      increasedAt.toISOString(),
    );

    clock.set(addDays(increasedAt, 7).subtract(1, 'ms').valueOf());
    expect(await changeLicenses(await stored(sub.id), 12)).toMatchObject({ ok: true });

    clock.set(addDays(increasedAt, 7).valueOf());
    expect(await changeLicenses(await stored(sub.id), 11)).toMatchObject(windowRefusal);
    expect((await stored(sub.id)).quantity).toBe(12);
  });

  it('R-NCE-2: the 7 days are checked again at the click', async () => {
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3-nce',
      quantity: 10,
      orderedAt: addDays(now(), -7).add(MINUTE_MS, 'ms'),
    });
    const preview = value(await previewLicenses(deps, SALES, { subscription: sub.id, quantity: 9 }));
    clock.advance(MINUTE_MS);
    expect(await confirm(SALES, licensesExecutor, preview.pendingId)).toMatchObject(windowRefusal);
    expect((await stored(sub.id)).quantity).toBe(10);
  });

  it('R-NCE-2: only the licenses added in the last 7 days can be removed, not those held before', async () => {
    // 10 licenses held for 100 days, 5 added now: within 7 days the 5 may go, the 10 may not.
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3-nce',
      quantity: 10,
      orderedAt: addDays(now(), -100),
    });
    expect(await changeLicenses(sub, 15)).toMatchObject({ ok: true });
    clock.advance(DAY_MS);
    expect(await changeLicenses(await stored(sub.id), 5)).toMatchObject(windowRefusal);
    expect((await stored(sub.id)).quantity).toBe(15);
    expect(await changeLicenses(await stored(sub.id), 10)).toMatchObject({ ok: true });
  });

  it('R-NCE-2: Decision: legacy licenses can be reduced at any time', async () => {
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3',
      quantity: 10,
      orderedAt: addDays(now(), -200),
      billingCycle: 'annual',
    });
    expect(await changeLicenses(sub, 3)).toMatchObject({ ok: true });
    expect((await stored(sub.id)).quantity).toBe(3);
  });
});

// ---- roles ----

describe('who may act', () => {
  /** AllDeps whose customer, product, subscription and order repositories fail the test if touched. */
  const withoutLookups = (): AllDeps => {
    const forbidden = (name: string) =>
      new Proxy(
        {},
        {
          get: (_target, method) => () => {
            throw new Error(`${name}.${String(method)} was called before the role check refused`);
          },
        },
      );
    return {
      ...deps,
      customers: forbidden('customers') as AllDeps['customers'],
      products: forbidden('products') as AllDeps['products'],
      subscriptions: forbidden('subscriptions') as AllDeps['subscriptions'],
      orders: forbidden('orders') as AllDeps['orders'],
    };
  };

  const attempts: Array<[string, Action, (d: AllDeps, actor: Actor) => Promise<unknown>]> = [
    [
      'suspending',
      'subscription.suspend',
      (d, a) => previewSuspend(d, a, { subscription: 'SUB-contoso-e3' }),
    ],
    [
      'reactivating',
      'subscription.reactivate',
      (d, a) => previewReactivate(d, a, { subscription: 'SUB-contosopharma-exo' }),
    ],
    [
      'starting a cancellation',
      'subscription.cancel',
      (d, a) => startCancellation(d, a, { subscription: 'SUB-coho-e3' }),
    ],
    [
      'previewing a cancellation',
      'subscription.cancel',
      (d, a) => previewCancellation(d, a, { subscriptionId: 'SUB-coho-e3', reason: 'Too expensive' }),
    ],
    [
      'changing auto-renew',
      'subscription.autorenew',
      (d, a) => previewAutoRenew(d, a, { subscription: 'SUB-contoso-e3', autoRenew: false }),
    ],
    [
      'changing the license count',
      'subscription.licenses',
      (d, a) => previewLicenses(d, a, { subscription: 'SUB-contoso-e3', quantity: 1 }),
    ],
    [
      'buying',
      'subscription.buy',
      (d, a) => startPurchase(d, a, { customer: 'cus-contoso', product: 'm365-e3' }),
    ],
  ];

  for (const actor of [MARKETING, REFERRAL]) {
    it.each(attempts)(
      `R-ROLE-1, R-ROLE-10: a ${actor.roles[0]} is refused %s before any lookup, and the refusal is audited`,
      async (_label, action, attempt) => {
        const deniedBefore = (await auditOf({ actor, action, outcome: 'denied' })).length;

        const result = await attempt(withoutLookups(), actor);

        expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden', action } });
        expect(await auditOf({ actor, action, outcome: 'denied' })).toHaveLength(deniedBefore + 1);
      },
    );
  }

  it('R-ROLE-9: the roles of whoever clicks are checked at the click, not those of whoever previewed', async () => {
    const sub = await givenSubscription({ customerId: 'cus-contoso', productId: 'm365-e3' });
    const preview = value(await previewSuspend(deps, SALES, { subscription: sub.id }));
    const asMarketing = { ...SALES, roles: MARKETING.roles };

    expect(await confirm(asMarketing, suspendExecutor, preview.pendingId)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', action: 'subscription.suspend' },
    });
    expect((await stored(sub.id)).status).toBe('active');
  });
});

// ---- buying ----

describe('buying', () => {
  it('a new cart lists the catalog once, to find the product and to offer the rest', async () => {
    let listed = 0;
    const counting = {
      ...deps,
      products: {
        findById: (id: string) => deps.products.findById(id),
        list: () => {
          listed += 1;
          return deps.products.list();
        },
      },
    };
    const cart = value(
      await startPurchase(counting, SALES, { customer: 'cus-fourth-coffee', product: 'Microsoft 365 E5' }),
    );
    expect(cart.lines.map((l) => l.productId)).toEqual(['m365-e5']);
    expect(cart.catalog.length).toBeGreaterThan(1);
    expect(listed).toBe(1);
  });

  it('R-BUY-1, R-BUY-11: a cart of two products is bought as one order of active, auto-renewing subscriptions', async () => {
    const cart = value(
      await startPurchase(deps, SALES, { customer: 'cus-fourth-coffee', product: 'm365-e5', quantity: 2 }),
    );
    value(await editCart(deps, SALES, cart.pendingId, { kind: 'add', product: 'isv-contoso-analytics' }));
    const edited = value(
      await editCart(deps, SALES, cart.pendingId, {
        kind: 'set',
        lines: [
          { quantity: 7, billingCycle: 'monthly' },
          { quantity: 3, billingCycle: 'annual' },
        ],
      }),
    );
    expect(edited.lines.map((l) => [l.productId, l.quantity, l.billingCycle])).toEqual([
      ['m365-e5', 7, 'monthly'],
      ['isv-contoso-analytics', 3, 'annual'],
    ]);
    expect(edited.total).toBe(57 * 7 + 15 * 12 * 3);
    clock.advance(2 * MINUTE_MS);
    const boughtAt = now();

    const bought = value(await confirm(SALES, purchaseExecutor, cart.pendingId)).result;

    const order = await deps.orders.findById(bought.orderId);
    expect(order?.customerId).toBe('cus-fourth-coffee');
    expect(order?.lines.map((l) => [l.productId, l.quantity, l.billingCycle])).toEqual([
      ['m365-e5', 7, 'monthly'],
      ['isv-contoso-analytics', 3, 'annual'],
    ]);
    const [e5, analytics] = await Promise.all(bought.lines.map((l) => stored(l.subscriptionId!)));
    for (const sub of [e5!, analytics!]) {
      expect(sub).toMatchObject({ status: 'active', autoRenew: true, orderId: bought.orderId });
      expect(sub.orderedAt.toISOString()).toBe(boughtAt.toISOString());
    }
    expect(e5!.trialEndsAt).toBeNull();
    expect(e5!.renewsAt.toISOString()).toBe(boughtAt.add(1, 'month').toISOString());
    // R-BUY-9: the trial product starts in its 30-day trial; R-BUY-10: the ISV line carries the set-up link.
    expect(analytics!.trialEndsAt?.toISOString()).toBe(addDays(boughtAt, 30).toISOString());
    const tenantId = (await deps.customers.findById('cus-fourth-coffee'))!.tenantId;
    expect(bought.lines[0]!.setupUrl).toBeNull();
    expect(bought.lines[1]!.setupUrl).toContain(`tenant=${tenantId}`);
    expect(
      await auditOf({ subjectId: bought.orderId, outcome: 'allowed', customerId: 'cus-fourth-coffee' }),
    ).toHaveLength(1);
  });

  it('R-BUY-9: a product with a free trial starts in trial, ending 30 days after the purchase', async () => {
    const cart = value(
      await startPurchase(deps, SALES, {
        customer: 'cus-lucerne-publishing',
        product: 'isv-contoso-analytics',
      }),
    );
    const bought = value(await confirm(SALES, purchaseExecutor, cart.pendingId)).result;
    const trialEndsAt = addDays(now(), 30).toISOString();
    expect(bought.lines[0]!.trialEndsAt).toBe(trialEndsAt);
    expect((await stored(bought.lines[0]!.subscriptionId!)).trialEndsAt?.toISOString()).toBe(trialEndsAt);
  });

  it('R-BUY-10: the result for ISV SaaS carries the publisher set-up link for the customer tenant', async () => {
    const cart = value(
      await startPurchase(deps, SALES, {
        customer: 'cus-wide-world-importers',
        product: 'isv-adatum-helpdesk',
      }),
    );
    const bought = value(await confirm(SALES, purchaseExecutor, cart.pendingId)).result;
    const customer = (await deps.customers.findById('cus-wide-world-importers'))!;
    expect(bought.lines[0]!.setupUrl).toContain('https://adatum.example/setup?');
    expect(bought.lines[0]!.setupUrl).toContain(`tenant=${customer.tenantId}`);
  });

  it('R-BUY-1: confirming the same cart again answers already-done with the same order, and buys nothing more', async () => {
    const cart = value(
      await startPurchase(deps, SALES, { customer: 'cus-fourth-coffee', product: 'exchange-online-p1' }),
    );
    const first = value(await confirm(SALES, purchaseExecutor, cart.pendingId)).result;
    const ordersBefore = ordersOf('cus-fourth-coffee');

    const second = await confirm(SALES, purchaseExecutor, cart.pendingId);

    expect(second).toMatchObject({
      ok: false,
      error: { kind: 'already-done', previous: { orderId: first.orderId } },
    });
    expect(ordersOf('cus-fourth-coffee')).toBe(ordersBefore);
  });

  it('R-BUY-2: of two carts for a one-per-customer product, the second purchase is refused', async () => {
    const first = value(
      await startPurchase(deps, SALES, { customer: 'cus-coho-winery', product: 'defender-for-business' }),
    );
    const second = value(
      await startPurchase(deps, BILLING, { customer: 'cus-coho-winery', product: 'defender-for-business' }),
    );
    value(await confirm(SALES, purchaseExecutor, first.pendingId));
    const ordersBefore = ordersOf('cus-coho-winery');

    const refused = await confirm(BILLING, purchaseExecutor, second.pendingId);

    expect(refused).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-BUY-2', reason: 'one-per-customer' },
    });
    expect(ordersOf('cus-coho-winery')).toBe(ordersBefore);
    const held = await deps.subscriptions.listByCustomer('cus-coho-winery');
    expect(held.filter((s) => s.productId === 'defender-for-business')).toHaveLength(1);
  });

  it('R-BUY-2, R-BUY-3: a cart reads only the subscriptions those rules look at, not all the customer holds', async () => {
    const customerId = 'cus-alpine-ski-house';
    for (let i = 0; i < 40; i += 1) await givenSubscription({ customerId, productId: 'm365-e3' });
    await givenSubscription({ customerId, productId: 'defender-for-business', status: 'cancelled' });
    const { deps: counted, reads } = recordingSubscriptionReads(deps);
    const rowsRead = () => reads.map((ids) => ids.length);

    // Many active subscriptions to a product that is not one per customer: none of them matters.
    value(await startPurchase(counted, SALES, { customer: customerId, product: 'm365-e3' }));
    expect(rowsRead()).toEqual([0]);

    // One per customer: the cancelled one no longer counts; an active one does (R-BUY-2).
    value(await startPurchase(counted, SALES, { customer: customerId, product: 'defender-for-business' }));
    await givenSubscription({ customerId, productId: 'defender-for-business' });
    expect(
      await startPurchase(counted, SALES, { customer: customerId, product: 'defender-for-business' }),
    ).toMatchObject({ ok: false, error: { kind: 'refused', rule: 'R-BUY-2' } });

    // A suspended one among the many active ones is found (R-BUY-3).
    const suspended = await givenSubscription({
      customerId,
      productId: 'm365-e3',
      status: 'suspended',
      suspendedAt: now(),
    });
    expect(await startPurchase(counted, SALES, { customer: customerId, product: 'm365-e3' })).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-BUY-3', facts: { subscriptionId: suspended.id } },
    });
    expect(rowsRead()).toEqual([0, 0, 1, 1]);
  });

  it('R-BUY-1: purchasing with the card’s own lines reads the cart once before buying, and a second press gets the first order', async () => {
    const cart = value(
      await startPurchase(deps, SALES, { customer: 'cus-fourth-coffee', product: 'exchange-online-p1' }),
    );
    let finds = 0;
    const counted: AllDeps = {
      ...deps,
      pending: {
        ...deps.pending,
        find: (id) => {
          finds += 1;
          return deps.pending.find(id);
        },
      },
    };
    const lines = cart.lines.map((l) => ({ quantity: l.quantity, billingCycle: l.billingCycle }));

    const first = value(await purchaseEditedCart(counted, SALES, cart.pendingId, lines));
    expect(first).toMatchObject({ kind: 'purchased', again: false });
    expect(finds).toBe(1);

    const again = value(await purchaseEditedCart(counted, SALES, cart.pendingId, lines));
    expect(again).toMatchObject({ kind: 'purchased', again: true });
    if (first.kind !== 'purchased' || again.kind !== 'purchased') throw new Error('not purchased');
    expect(again.result.orderId).toBe(first.result.orderId);
  });

  it('R-NCE-2: a purchase counts as adding licenses: they can be reduced for 7 days after it', async () => {
    const cart = value(
      await startPurchase(deps, SALES, {
        customer: 'cus-fourth-coffee',
        product: 'm365-e3-nce',
        quantity: 10,
      }),
    );
    const bought = value(await confirm(SALES, purchaseExecutor, cart.pendingId)).result;
    const id = bought.lines[0]!.subscriptionId!;
    expect((await deps.subscriptions.licenseAdditions(id)).map((a) => [a.at.toISOString(), a.count])).toEqual(
      [[now().toISOString(), 10]],
    );

    clock.set(addDays(now(), 7).subtract(1, 'ms').valueOf());
    const reduce = value(await previewLicenses(deps, SALES, { subscription: id, quantity: 9 }));
    expect(await confirm(SALES, licensesExecutor, reduce.pendingId)).toMatchObject({ ok: true });
  });
});

// ---- concurrent changes ----

describe('a change made by someone else between reading and writing', () => {
  const context = (): ExecutionContext => ({
    now: now(),
    partner: deps.partner,
    newId: deps.newId,
    secrets: deps.secrets,
    input: {},
    pendingId: 'test',
  });

  /** Repositories that hand out the subscription as read before someone else changed it. */
  async function staleRead(sub: Subscription): Promise<Repositories> {
    const stale = await stored(sub.id);
    expect(await deps.subscriptions.save({ ...stale, quantity: stale.quantity + 1 }, stale.version, {})).toBe(
      'saved',
    );
    return { ...deps, subscriptions: { ...deps.subscriptions, findById: async () => stale } };
  }

  it('saving with a stale version writes nothing and returns false', async () => {
    const sub = await givenSubscription({ customerId: 'cus-contoso', productId: 'm365-e3' });
    expect(await deps.subscriptions.save({ ...sub, quantity: 2 }, sub.version, {})).toBe('saved');
    expect(await deps.subscriptions.save({ ...sub, quantity: 3 }, sub.version, {})).toBe('conflict');
    expect(await stored(sub.id)).toMatchObject({ quantity: 2, version: sub.version + 1 });
  });

  it('a suspension read before the other change answers conflict, and the other change stands', async () => {
    const sub = await givenSubscription({ customerId: 'cus-contoso', productId: 'm365-e3' });
    const tx = await staleRead(sub);

    const result = await suspendExecutor.execute(tx, SALES, { subscriptionId: sub.id }, context());

    expect(result).toEqual({ ok: false, error: { kind: 'conflict', what: 'subscription' } });
    expect(await stored(sub.id)).toMatchObject({ status: 'active', quantity: sub.quantity + 1 });
  });

  it('a cancellation read before the other change answers conflict, and nothing is cancelled', async () => {
    const sub = await givenSubscription({
      customerId: 'cus-contoso',
      productId: 'm365-e3',
      orderedAt: addHours(now(), -1),
    });
    const tx = await staleRead(sub);

    const result = await cancelExecutor.execute(
      tx,
      SALES,
      { subscriptionId: sub.id, reason: 'Duplicate', expectedEffect: 'cancel-now-full-credit' },
      context(),
    );

    expect(result).toEqual({ ok: false, error: { kind: 'conflict', what: 'subscription' } });
    expect((await stored(sub.id)).status).toBe('active');
  });
});

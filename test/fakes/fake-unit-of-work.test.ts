/**
 * The fakes keep the promises the domain relies on from the database: a unit of work sees its own
 * writes and a throw undoes every write in it; a pending action is claimed once, only while pending
 * and unexpired; a download is counted only under the limit.
 */
import { describe, expect, it } from 'vitest';
import { addDays, at } from '../../src/domain/shared/time.js';
import { aCustomer, anOrder, aSoftwarePurchase, fixedClock } from './builders.js';
import { fakeDeps, seedCatalog, seededFakeDeps } from './fake-deps.js';

const NOW = '2026-11-21T09:00:00.000Z';

describe('the fake unit of work', () => {
  it('the work sees its own writes, and they are kept when it returns', async () => {
    const deps = fakeDeps();
    const seen = await deps.uow.run(async (tx) => {
      await tx.staff.grant('u1', 'sales-agent', { displayName: 'One' });
      return tx.staff.rolesOf('u1');
    });
    expect(seen).toEqual(['sales-agent']);
    expect(await deps.staff.rolesOf('u1')).toEqual(['sales-agent']);
  });

  it('a throw undoes every write of the work, in every repository', async () => {
    const deps = seededFakeDeps(NOW);
    const before = await deps.subscriptions.findById('SUB-contoso-e3');
    const auditBefore = deps.db.tables.auditEvents.length;
    await expect(
      deps.uow.run(async (tx) => {
        await tx.staff.grant('u2', 'billing-admin', {});
        await tx.subscriptions.save({ ...before!, quantity: 99 }, before!.version, {});
        await tx.audit.record({ at: at(NOW), actorAadObjectId: 'u2', action: 'x', outcome: 'allowed' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await deps.staff.find('u2')).toBeNull();
    expect(await deps.subscriptions.findById('SUB-contoso-e3')).toEqual(before);
    expect(deps.db.tables.auditEvents).toHaveLength(auditBefore);
  });

  it('units of work run one after another: two at once both see the other’s committed writes', async () => {
    const deps = fakeDeps();
    const grant = (role: 'sales-agent' | 'billing-admin') =>
      deps.uow.run(async (tx) => {
        const had = await tx.staff.rolesOf('u3');
        await tx.staff.grant('u3', role, {});
        return had.length;
      });
    expect((await Promise.all([grant('sales-agent'), grant('billing-admin')])).sort()).toEqual([0, 1]);
  });
});

describe('the fake pending actions', () => {
  it('a claim succeeds once, only while pending and unexpired', async () => {
    const deps = fakeDeps();
    const create = (id: string) =>
      deps.pending.create({
        id,
        action: 'staff.grant',
        initiatorAadObjectId: 'u1',
        payload: { at: at(NOW) },
        createdAt: at(NOW),
        expiresAt: at(NOW).add(15, 'minute'),
      });
    const first = await create('a'.repeat(22));
    expect(first.payload).toEqual({ at: NOW });
    expect(await deps.pending.claim(first.id, at(NOW))).toBe(true);
    expect(await deps.pending.claim(first.id, at(NOW))).toBe(false);

    const expiring = await create('b'.repeat(22));
    expect(await deps.pending.claim(expiring.id, at(NOW).add(15, 'minute'))).toBe(false);
    expect(await deps.pending.claim(expiring.id, at(NOW).add(15, 'minute').subtract(1, 'ms'))).toBe(true);

    const discarded = await create('c'.repeat(22));
    expect(await deps.pending.discard(discarded.id, at(NOW))).toBe(true);
    expect(await deps.pending.claim(discarded.id, at(NOW))).toBe(false);
  });
});

describe('the fake software repository', () => {
  it('counts a download only while the link is unrevoked, unexpired and under its limit', async () => {
    const deps = seededFakeDeps(NOW);
    const { token, hash } = deps.secrets.downloadToken();
    await deps.software.saveLink({
      id: 'link-1',
      tokenHash: hash,
      tokenSealed: deps.secrets.seal(token),
      fileUrlSealed: deps.secrets.seal('https://downloads.example.test/x'),
      orderId: 'ORD-2001',
      productId: 'ws2022-dc-sub',
      customerId: 'cus-contoso',
      version: '2022',
      language: 'en-US',
      variant: 'iso-x64',
      issuedAt: at(NOW),
      expiresAt: addDays(at(NOW), 14),
      maxDownloads: 2,
      issuedTo: 'u1',
    });
    expect((await deps.software.countDownload(hash, at(NOW)))?.downloadCount).toBe(1);
    expect(await deps.software.countDownload(hash, addDays(at(NOW), 14))).toBeNull();
    expect((await deps.software.countDownload(hash, at(NOW)))?.downloadCount).toBe(2);
    expect(await deps.software.countDownload(hash, at(NOW))).toBeNull();
  });
});

describe('the builders and the fake repositories together', () => {
  it('an order of software reads back as that software purchase', async () => {
    const deps = fakeDeps({ clock: fixedClock() });
    seedCatalog(deps.db);
    deps.db.tables.customers.set('cus-test', aCustomer());
    const order = anOrder({
      id: 'ORD-SW-1',
      total: 439,
      lines: [
        {
          id: 'ORD-SW-1-1',
          productId: 'office-ltsc-2021',
          quantity: 1,
          billingCycle: 'annual',
          unitPrice: 439,
        },
      ],
    });
    deps.db.tables.orders.set(order.id, order);

    const purchase = await deps.software.findPurchase('ORD-SW-1');

    const { softwareOptions, ...rest } = purchase!;
    const { softwareOptions: _none, ...expected } = aSoftwarePurchase();
    expect(rest).toEqual(expected);
    expect(softwareOptions).toEqual(deps.db.tables.products.get('office-ltsc-2021')!.softwareOptions);
    expect(await deps.software.listPurchases('cus-test')).toEqual([purchase]);
  });
});

/** `products …` on the in-memory fakes with the demo catalog and customers (R-CAT-2..6). */
import { describe, expect, it } from 'vitest';
import { PRODUCTS } from '../../prisma/seed/catalog.js';
import {
  browseProducts,
  PRODUCTS_PAGE_SIZE,
  type BrowseProductsCommand,
  type ProductPage,
} from '../../src/domain/catalog/browse-products.js';
import type { CatalogOfferSource } from '../../src/domain/ports/catalog-offers.js';
import { anActor } from '../fakes/builders.js';
import { seededFakeDeps } from '../fakes/fake-deps.js';

const NOW = '2026-11-21T09:00:00.000Z';
const sales = anActor(['sales-agent']);

async function browse(command: BrowseProductsCommand, actor = sales, deps = seededFakeDeps(NOW)) {
  const result = await browseProducts(deps, actor, command);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** Every product on every page of a browse. */
async function all(
  command: BrowseProductsCommand,
  deps = seededFakeDeps(NOW),
): Promise<ProductPage['items']> {
  const first = await browse(command, sales, deps);
  const items = [...first.items];
  for (let page = 1; page < first.pageCount; page++)
    items.push(...(await browse({ ...command, page }, sales, deps)).items);
  return items;
}

describe('browsing the catalog', () => {
  it('R-CAT-2: filters by publisher, billing type, category and kind; every filter must hold', async () => {
    const relecloud = await all({ publisher: 'relecloud' });
    expect(relecloud.map((p) => p.id).sort()).toEqual(
      PRODUCTS.filter((p) => p.publisher === 'Relecloud')
        .map((p) => p.id)
        .sort(),
    );
    const usage = await all({ billingType: 'usage' });
    expect(usage.length).toBeGreaterThan(0);
    expect(usage.every((p) => p.billingType === 'usage')).toBe(true);
    const smallBusinessLicence = await all({ category: 'small-business', billingType: 'license' });
    expect(smallBusinessLicence.map((p) => p.id).sort()).toEqual(
      PRODUCTS.filter((p) => p.category === 'small-business' && p.billingType === 'license')
        .map((p) => p.id)
        .sort(),
    );
    const reservations = await all({ type: 'reservations' });
    expect(reservations.length).toBeGreaterThan(0);
    expect(reservations.every((p) => p.kind === 'azure-reservation')).toBe(true);
    const perpetual = await all({ type: 'perpetual' });
    expect(perpetual.map((p) => p.id).sort()).toEqual(
      PRODUCTS.filter((p) => p.kind === 'perpetual-software')
        .map((p) => p.id)
        .sort(),
    );
  });

  it('R-CAT-2: every search word must appear in the product or publisher name, in any case', async () => {
    const found = await all({ search: 'e3 nce' });
    expect(found.map((p) => p.id).sort()).toEqual(['m365-e3-nce', 'm365-e3-nce-monthly']);
    expect(await all({ search: 'no such product' })).toEqual([]);
  });

  it('R-CAT-3: pages of 8, sorted by name, cover the whole catalog once; a page past the end shows the last', async () => {
    const first = await browse({});
    expect(first.items).toHaveLength(PRODUCTS_PAGE_SIZE);
    expect(first.pageCount).toBe(Math.ceil(PRODUCTS.length / PRODUCTS_PAGE_SIZE));
    const every = await all({});
    expect(every.map((p) => p.id).sort()).toEqual(PRODUCTS.map((p) => p.id).sort());
    const names = every.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    const beyond = await browse({ page: 999 });
    expect(beyond.page).toBe(first.pageCount - 1);
  });

  it('R-CAT-4: for a customer only what it can buy is listed, and what was left out is counted by rule', async () => {
    // Northwind (AU, commercial) holds a suspended Business Premium and Defender for Business (one per customer).
    const page = await browse({ customer: 'northwind' });
    const listed = await all({ customer: 'northwind' });
    const ids = listed.map((p) => p.id);
    expect(ids).not.toContain('m365-business-premium'); // R-BUY-3: reactivate instead
    expect(ids).not.toContain('defender-for-business'); // R-BUY-2
    expect(ids).not.toContain('isv-relecloud-containers'); // R-BUY-5: usage-based
    expect(ids).not.toContain('m365-a3'); // R-BUY-6: education only
    expect(page.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'R-BUY-3', reason: 'suspended-exists', count: 1 }),
        expect.objectContaining({ rule: 'R-BUY-2', reason: 'one-per-customer', count: 1 }),
        expect.objectContaining({ rule: 'R-BUY-5', reason: 'usage-based' }),
        expect.objectContaining({ rule: 'R-BUY-6', reason: 'segment' }),
      ]),
    );
    const left = page.excluded.reduce((sum, e) => sum + e.count, 0);
    expect(listed.length + left).toBe(PRODUCTS.length);
    expect(page.total).toBe(listed.length);
    expect(page.taxIncluded).toBe(true); // R-BUY-8: AU
  });

  it('R-CAT-4: Azure reservations are left out for a customer billed in an unavailable market (R-BUY-7)', async () => {
    const page = await browse({ customer: 'alpine ski house', type: 'reservations' });
    expect(page.items).toEqual([]);
    expect(page.excluded).toEqual([
      expect.objectContaining({ rule: 'R-BUY-7', reason: 'market-unavailable' }),
    ]);
  });

  it('R-CAT-5: Buy is offered only with a customer and only for what the reader’s roles may buy', async () => {
    expect((await browse({})).items.every((p) => !p.buyable)).toBe(true);
    const bySales = await all({ customer: 'contoso ltd' });
    expect(
      bySales
        .filter((p) => p.buyable)
        .every((p) => p.kind === 'online-service' || p.kind === 'marketplace-saas'),
    ).toBe(true);
    expect(bySales.some((p) => p.kind === 'perpetual-software' && !p.buyable)).toBe(true);
    const byAdmin = await browse({ customer: 'contoso ltd', type: 'perpetual' }, anActor(['admin-agent']));
    expect(byAdmin.items.length).toBeGreaterThan(0);
    expect(byAdmin.items.every((p) => p.buyable)).toBe(true);
  });

  it('R-CAT-6: with a backend catalog, products it does not offer the customer are counted, not listed', async () => {
    const offers: CatalogOfferSource = {
      offeredTo: async () => ({
        titles: new Set(['microsoft 365 e3', 'microsoft 365 e5']),
        source: { system: 'partner-center', readAt: NOW },
      }),
    };
    const page = await browse(
      { customer: 'contoso ltd', search: 'microsoft 365' },
      sales,
      seededFakeDeps(NOW, { catalogOffers: offers }),
    );
    expect(page.items.map((p) => p.id).sort()).toEqual(['m365-e3', 'm365-e5']);
    expect(page.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'R-CAT-6', reason: 'partner-center-not-offered' }),
      ]),
    );
    expect(page.offers).toMatchObject({ read: true });
    const refusing: CatalogOfferSource = {
      offeredTo: async () => ({ kind: 'partner-center-refused', reason: 'unavailable' }),
    };
    const fallback = await browse(
      { customer: 'contoso ltd', search: 'microsoft 365 e3' },
      sales,
      seededFakeDeps(NOW, { catalogOffers: refusing }),
    );
    expect(fallback.offers).toEqual({ read: false });
    expect(fallback.items.length).toBeGreaterThan(0);
  });

  it('R-ROLE-7, R-ROLE-10: without a role nothing is listed; an unknown customer is not found', async () => {
    expect(await browseProducts(seededFakeDeps(NOW), anActor([]), {})).toMatchObject({
      ok: false,
      error: { kind: 'no-role' },
    });
    expect(await browseProducts(seededFakeDeps(NOW), sales, { customer: 'zzzz nobody' })).toMatchObject({
      ok: false,
      error: { kind: 'not-found', what: 'customer' },
    });
  });
});

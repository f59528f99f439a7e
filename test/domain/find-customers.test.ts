import { describe, expect, it } from 'vitest';
import { resolveCustomer, searchCustomers } from '../../src/domain/customers/find-customers.js';
import { editDistance, matchName } from '../../src/domain/shared/fuzzy.js';
import type { Customer } from '../../src/domain/shared/model.js';
import type { CustomerRepository } from '../../src/domain/ports/customers.js';
import { at } from '../../src/domain/shared/time.js';
import { searchInMemory } from '../fakes/fake-customer-repository.js';

const aCustomer = (
  overrides: Partial<Customer> & Pick<Customer, 'id' | 'companyName' | 'primaryDomain'>,
): Customer => ({
  tenantId: '00000000-0000-4000-8000-00000000c0de',
  relationship: 'active',
  billingCountry: 'US',
  segment: 'commercial',
  tenantRegion: 'NA',
  preferredLanguage: null,
  accountCreatedAt: at('2025-01-01T00:00:00Z'),
  firstBillingPeriodStartAt: at('2025-01-01T00:00:00Z'),
  ...overrides,
});

const CUSTOMERS = [
  aCustomer({
    id: 'c1',
    companyName: 'Contoso Ltd',
    primaryDomain: 'contoso.onmicrosoft.com',
    tenantId: 'aaaaaaaa-0000-4000-8000-000000000001',
  }),
  aCustomer({
    id: 'c2',
    companyName: 'Contoso Pharmaceuticals',
    primaryDomain: 'contosopharma.onmicrosoft.com',
    tenantId: 'aaaaaaaa-0000-4000-8000-000000000002',
  }),
  aCustomer({
    id: 'c3',
    companyName: 'Fabrikam',
    primaryDomain: 'fabrikam.onmicrosoft.com',
    tenantId: 'aaaaaaaa-0000-4000-8000-000000000003',
  }),
  aCustomer({
    id: 'c4',
    companyName: 'Northwind Traders',
    primaryDomain: 'northwindtraders.onmicrosoft.com',
    tenantId: 'aaaaaaaa-0000-4000-8000-000000000004',
  }),
];

const repo: CustomerRepository = {
  findById: async (id) => CUSTOMERS.find((c) => c.id === id) ?? null,
  findByDomain: async (domain) => CUSTOMERS.find((c) => c.primaryDomain === domain) ?? null,
  findByTenantId: async (tenantId) => CUSTOMERS.find((c) => c.tenantId === tenantId) ?? null,
  search: async (query, limit, options) => searchInMemory(CUSTOMERS, query, limit, options),
  findManyByIds: async (ids) => CUSTOMERS.filter((c) => ids.includes(c.id)),
  lockForUpdate: async () => null,
};

const names = async (query: string) =>
  (await searchCustomers(repo, query)).map((m) => m.customer.companyName);

describe('finding customers', () => {
  it('R-CAT-1: matches part of a name, whatever the case', async () => {
    expect(await names('NORTHWIND')).toEqual(['Northwind Traders']);
  });

  it('R-CAT-1: tolerates one typo in a short word and two in a longer one', async () => {
    expect(await names('fabrikma')).toEqual(['Fabrikam']);
    expect(await names('Nortwind Tradrs')).toEqual(['Northwind Traders']);
  });

  it('R-CAT-1: does not stretch a three-letter query into a fuzzy match', async () => {
    expect(await names('xyz')).toEqual([]);
  });

  it('R-CAT-1: finds by primary domain, tenant id (any case) and id', async () => {
    expect(await names('fabrikam.onmicrosoft.com')).toEqual(['Fabrikam']);
    expect(await names('AAAAAAAA-0000-4000-8000-000000000004')).toEqual(['Northwind Traders']);
    expect(await names('c2')).toEqual(['Contoso Pharmaceuticals']);
  });

  it('R-CAT-1: more than one match is a choice, never a guess', async () => {
    const result = await resolveCustomer(repo, 'contoso');
    expect(result).toMatchObject({ ok: false, error: { kind: 'ambiguous', what: 'customer' } });
    if (!result.ok && result.error.kind === 'ambiguous') {
      expect(result.error.candidates.map((c) => c.label)).toEqual(['Contoso Ltd', 'Contoso Pharmaceuticals']);
    }
  });

  it('R-CAT-1: the full company name picks that customer even when another name contains it', async () => {
    expect(await resolveCustomer(repo, 'contoso ltd')).toMatchObject({ ok: true, value: { id: 'c1' } });
  });

  it('says not found, with the query, when nothing matches', async () => {
    expect(await resolveCustomer(repo, 'Woodgrove')).toEqual({
      ok: false,
      error: { kind: 'not-found', what: 'customer', ref: 'Woodgrove' },
    });
  });
});

describe('asking the database for a customer', () => {
  it('R-CAT-1: asks for the name search without waiting for the id lookup, and an id match still wins alone', async () => {
    const asked: string[] = [];
    const watched: CustomerRepository = {
      ...repo,
      findById: async (id) => {
        asked.push(`id ${id}`);
        return repo.findById(id);
      },
      search: async (query, limit, options) => {
        asked.push(`search ${query}`);
        return repo.search(query, limit, options);
      },
    };
    // "c3" is Fabrikam's id; the name search also ran, and its answer was dropped.
    expect((await searchCustomers(watched, 'c3')).map((m) => [m.customer.companyName, m.exact])).toEqual([
      ['Fabrikam', true],
    ]);
    expect(asked).toEqual(['search c3', 'id c3']);
  });

  it('R-CAT-1: a failed name search does not spoil an id match, and is the answer when the id matches nothing', async () => {
    const failing: CustomerRepository = {
      ...repo,
      search: async () => {
        throw new Error('search unavailable');
      },
    };
    expect((await searchCustomers(failing, 'c1')).map((m) => m.customer.companyName)).toEqual([
      'Contoso Ltd',
    ]);
    await expect(searchCustomers(failing, 'contoso')).rejects.toThrow('search unavailable');
  });
});

describe('edit distance', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('fabrikam', 'fabrikma')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('says partial for a substring and fuzzy for a near miss', () => {
    expect(matchName('wind', 'Northwind Traders')?.quality).toBe('partial');
    expect(matchName('nortwind', 'Northwind Traders')?.quality).toBe('fuzzy');
  });
});

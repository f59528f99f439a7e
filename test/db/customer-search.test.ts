/**
 * Customer search in the database (R-CAT-1): the same finding rules as test/domain/find-customers.test.ts,
 * through the Prisma repository, whose candidates come from pg_trgm (substring and trigram similarity) on
 * the embedded database and on PostgreSQL; the search reads at most what it is asked for, and its
 * conditions are ones the trigram indexes can serve.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { makeCustomerRepository } from '../../src/db/prisma-customer-repository.js';
import { MAX_MATCHES, resolveCustomer, searchCustomers } from '../../src/domain/customers/find-customers.js';
import type { CustomerRepository } from '../../src/domain/ports/customers.js';
import { DATABASES, type TestDatabase } from '../support/databases.js';

const AT = new Date('2025-01-01T00:00:00Z');
const row = (id: string, companyName: string, primaryDomain: string, tenantId: string) => ({
  id,
  companyName,
  primaryDomain,
  tenantId,
  billingCountry: 'US',
  segment: 'commercial',
  tenantRegion: 'NA',
  accountCreatedAt: AT,
  firstBillingPeriodStartAt: AT,
});
const tenant = (n: number) => `bbbbbbbb-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** The four customers of the domain test, among 300 others that share no name with them. */
const CUSTOMERS = [
  row('c1', 'Contoso Ltd', 'contoso.onmicrosoft.com', 'aaaaaaaa-0000-4000-8000-000000000001'),
  row(
    'c2',
    'Contoso Pharmaceuticals',
    'contosopharma.onmicrosoft.com',
    'aaaaaaaa-0000-4000-8000-000000000002',
  ),
  row('c3', 'Fabrikam', 'fabrikam.onmicrosoft.com', 'aaaaaaaa-0000-4000-8000-000000000003'),
  row('c4', 'Northwind Traders', 'northwindtraders.onmicrosoft.com', 'aaaaaaaa-0000-4000-8000-000000000004'),
  row('c5', 'Per_cent 100% Labs', 'percent.onmicrosoft.com', 'aaaaaaaa-0000-4000-8000-000000000005'),
  row('c6', 'Alpha Zeta Labs', 'alphazeta.onmicrosoft.com', 'aaaaaaaa-0000-4000-8000-000000000006'),
  row('c7', 'Zeta', 'zeta.onmicrosoft.com', 'aaaaaaaa-0000-4000-8000-000000000007'),
  ...Array.from({ length: 300 }, (_, i) =>
    row(`h${i}`, `Holding ${String(i).padStart(4, '0')} Group`, `holding${i}.onmicrosoft.com`, tenant(i)),
  ),
];

for (const { name, create } of DATABASES) {
  describe(`customer search on the ${name} database`, () => {
    let target: TestDatabase;
    let db: Database;
    let repo: CustomerRepository;
    const names = async (query: string) =>
      (await searchCustomers(repo, query)).map((m) => m.customer.companyName);

    beforeAll(async () => {
      target = await create();
      db = await openDatabase(target.target);
      await db.prisma.customer.createMany({ data: CUSTOMERS });
      repo = makeCustomerRepository(db.prisma, db.sql.root);
    });

    afterAll(async () => {
      await db?.close();
      await target?.drop();
    });

    it('R-CAT-1: matches part of a name, whatever the case', async () => {
      expect(await names('NORTHWIND')).toEqual(['Northwind Traders']);
      expect(await names('pharma')).toEqual(['Contoso Pharmaceuticals']);
    });

    it('R-CAT-1: did you mean: one typo in a short word and two in a longer one still find the customer', async () => {
      expect(await names('fabrikma')).toEqual(['Fabrikam']);
      expect(await names('Fabirkam')).toEqual(['Fabrikam']);
      expect(await names('Nortwind Tradrs')).toEqual(['Northwind Traders']);
      expect(await names('northwnd')).toEqual(['Northwind Traders']);
    });

    it('R-CAT-1: does not stretch a three-letter query into a fuzzy match', async () => {
      expect(await names('xyz')).toEqual([]);
    });

    it('R-CAT-1: finds by primary domain (any case), tenant id (any case) and id', async () => {
      expect(await names('FABRIKAM.onmicrosoft.com')).toEqual(['Fabrikam']);
      expect((await repo.findByDomain('PERCENT.onmicrosoft.com'))?.id).toBe('c5');
      expect(await repo.findByDomain('perc_nt.onmicrosoft.com')).toBeNull();
      expect(await repo.findByDomain('%.onmicrosoft.com')).toBeNull();
      expect(await names('AAAAAAAA-0000-4000-8000-000000000004')).toEqual(['Northwind Traders']);
      expect(await names('c2')).toEqual(['Contoso Pharmaceuticals']);
    });

    it('R-CAT-1: more than one match is a choice, never a guess; the full name picks one', async () => {
      const result = await resolveCustomer(repo, 'contoso');
      expect(result).toMatchObject({ ok: false, error: { kind: 'ambiguous', what: 'customer' } });
      if (!result.ok && result.error.kind === 'ambiguous') {
        expect(result.error.candidates.map((c) => c.label)).toEqual([
          'Contoso Ltd',
          'Contoso Pharmaceuticals',
        ]);
      }
      expect(await resolveCustomer(repo, 'contoso ltd')).toMatchObject({ ok: true, value: { id: 'c1' } });
    });

    it('% and _ in a query are letters, not wildcards', async () => {
      expect(await names('100%')).toEqual(['Per_cent 100% Labs']);
      expect(await names('per_cent')).toEqual(['Per_cent 100% Labs']);
      // As wildcards they would match every customer.
      expect((await repo.search('%', 10)).map((c) => c.id)).toEqual(['c5']);
      expect((await repo.search('_', 10)).map((c) => c.id)).toEqual(['c5']);
    });

    it('names containing the query come first, the exact name first of them; similar ones only when none contains it', async () => {
      expect((await repo.search('zeta', 1)).map((c) => c.id)).toEqual(['c7']);
      expect((await repo.search('zeta', 10)).map((c) => c.id)).toEqual(['c7', 'c6']);
      expect((await repo.search('zetta', 10)).map((c) => c.id).sort()).toEqual(['c6', 'c7']);
    });

    it('reads at most the limit, and a choice holds at most what a choice card shows', async () => {
      expect(await repo.search('holding', 7)).toHaveLength(7);
      expect(await names('holding')).toHaveLength(MAX_MATCHES);
    });

    it('its conditions are served by the trigram indexes (no sequential scan when one is avoidable)', async () => {
      const plan = await db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
        return tx.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
          `EXPLAIN SELECT c.id FROM customers c
           WHERE c."companyName" ILIKE '%fabrik%' OR c."primaryDomain" ILIKE '%fabrik%'
              OR 'fabrik' % c."companyName" OR 'fabrik' <% c."companyName" OR 'fabrik' <% c."primaryDomain"`,
        );
      });
      const text = plan.map((line) => line['QUERY PLAN']).join('\n');
      // GIN or GiST, whichever the planner costs lower for this table.
      expect(text).toMatch(/customers_companyName_trgm(_gist)?_idx/);
      expect(text).toMatch(/customers_primaryDomain_trgm(_gist)?_idx/);
      expect(text).not.toContain('Seq Scan');
    });

    it('"did you mean" walks the nearest names and domains in distance order (GiST), not every similar one', async () => {
      const plan = await db.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
        `EXPLAIN SELECT n.id FROM customers n ORDER BY 'fabrik'::text <<-> n."companyName" LIMIT 50`,
      );
      const text = plan.map((line) => line['QUERY PLAN']).join('\n');
      expect(text).toContain('customers_companyName_trgm_gist_idx');
      expect(text).not.toMatch(/Seq Scan|Sort/);
    });

    it('R-CAT-1: did you mean finds a typo among many names that share its words', async () => {
      // 300 "Holding 0000 Group" … share every word but the number; a typo in the word still finds them,
      // and a typo in a rarer word finds the one customer.
      expect(await names('Holdnig 0042 Group')).toContain('Holding 0042 Group');
      expect(await names('Alpah Zeta Labs')).toEqual(['Alpha Zeta Labs']);
    });

    it('R-CAT-1: did you mean corrects each word to one a name has: a typo among names sharing their words finds the one holding them all', async () => {
      // Every "Holding NNNN Group" shares two of the query's words; the corrected words name one of them.
      expect(await names('Holdnig 0042 Group')).toEqual(['Holding 0042 Group']);
      expect(await names('Nortwind Tradrs')).toEqual(['Northwind Traders']);
      // Punctuation and case in the query do not matter: the words are split the way the names are.
      expect(await names('holdnig, 0042-GROUP')).toEqual(['Holding 0042 Group']);
      // A word with nothing near it: the corrected words cannot help, and the nearest names still decide.
      expect(await names('Holdnig 0042 Grouq Xyzzyq')).toEqual([]);
    });

    it("R-CAT-1: a new or renamed customer's words are known at once (kept by the database, whoever writes)", async () => {
      await db.prisma.customer.create({
        data: row('c8', 'Quokka Ventures', 'quokka.onmicrosoft.com', 'aaaaaaaa-0000-4000-8000-000000000008'),
      });
      expect(await names('Qokka Ventures')).toEqual(['Quokka Ventures']);
      await db.prisma.customer.update({ where: { id: 'c8' }, data: { companyName: 'Wombat Ventures' } });
      expect(await names('Wombta Ventures')).toEqual(['Wombat Ventures']);
      // The old word stays known; a typo of it finds no name holding it, and nothing that is not similar.
      expect(await names('Qokka Ventures')).toEqual([]);
      const words = await db.prisma.customerNameWord.findMany({
        where: { word: { in: ['quokka', 'wombat', 'ventures'] } },
        orderBy: { word: 'asc' },
      });
      expect(words.map((w) => w.word)).toEqual(['quokka', 'ventures', 'wombat']);
    });

    it('a customer without a domain of its own (partner-center mode) gives the words of its name only', async () => {
      const tenantId = 'aaaaaaaa-0000-4000-8000-0000000000c9';
      await db.prisma.customer.create({
        data: row('c9', 'Numbat Traders', `${tenantId}.tenant.invalid`, tenantId),
      });
      const words = await db.prisma.customerNameWord.findMany({
        where: { word: { in: ['numbat', 'aaaaaaaa', '0000000000c9', 'tenant', 'invalid'] } },
      });
      expect(words.map((w) => w.word)).toEqual(['numbat']);
      expect(await names('Numbta Traders')).toEqual(['Numbat Traders']);
    });

    it("a typo's words are corrected through the words' own index (nearest in distance order), not by reading every word", async () => {
      const plan = await db.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(
        `EXPLAIN SELECT n.word FROM customer_name_words n
         WHERE n.word % 'holdnig' ORDER BY n.word <-> 'holdnig' LIMIT 1`,
      );
      const text = plan.map((line) => line['QUERY PLAN']).join('\n');
      expect(text).toContain('customer_name_words_word_trgm_gist_idx');
      expect(text).not.toMatch(/Seq Scan|Sort/);
    });
  });
}

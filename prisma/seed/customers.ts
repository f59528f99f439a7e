/**
 * Demo customers, named after Microsoft's fictitious companies. "Contoso" matches two of them on purpose
 * (R-CAT-1: more than one match is a choice, never a guess). Dates are fixed, so that the data-retention
 * period of R-SUS-2 (90 days, plus the days between account creation and the first billing period where
 * that is longer, capped at 120) differs between customers; the retention of each is noted beside it.
 */
import type { Segment } from '../../src/domain/shared/model.js';

/** Tenant regions (R-REL-2). China is its own sovereign cloud, operated by 21Vianet. */
export type TenantRegion = 'APAC' | 'NA' | 'EU' | 'LATAM' | 'CN';

/** One row of the `customers` table, as the seed writes it (instants as ISO strings). */
export interface SeedCustomer {
  id: string;
  companyName: string;
  primaryDomain: string;
  tenantId: string;
  billingCountry: string;
  segment: Segment;
  tenantRegion: TenantRegion;
  preferredLanguage: string | null;
  accountCreatedAt: string;
  firstBillingPeriodStartAt: string;
  /** 'active' (we are its reseller), or 'prospect': buying from another channel, to be invited (R-REL-1). */
  relationship: 'active' | 'prospect';
}

/** The tenant region of a billing country, for the countries the demo uses. */
export const TENANT_REGION_BY_COUNTRY: Readonly<Record<string, TenantRegion>> = {
  KR: 'APAC',
  JP: 'APAC',
  AU: 'APAC',
  US: 'NA',
  CA: 'NA',
  BR: 'LATAM',
  DE: 'EU',
  GB: 'EU',
  AD: 'EU',
  GL: 'EU',
  CN: 'CN',
};

const region = (country: string): TenantRegion => {
  const found = TENANT_REGION_BY_COUNTRY[country];
  if (!found) throw new Error(`no tenant region for ${country}`);
  return found;
};

const customer = (
  fields: Omit<SeedCustomer, 'tenantRegion' | 'relationship'> & { relationship?: 'prospect' },
): SeedCustomer => ({
  relationship: 'active',
  ...fields,
  tenantRegion: region(fields.billingCountry),
});

export const CUSTOMERS: readonly SeedCustomer[] = [
  // Retention 90 days: first billing period starts at account creation.
  customer({
    id: 'cus-contoso',
    companyName: 'Contoso Ltd',
    primaryDomain: 'contoso.onmicrosoft.com',
    tenantId: 'bb10c9c1-00f0-4cb2-a26d-d861965285b2',
    billingCountry: 'US',
    segment: 'commercial',
    preferredLanguage: 'en',
    accountCreatedAt: '2024-03-04T09:00:00.000Z',
    firstBillingPeriodStartAt: '2024-03-04T09:00:00.000Z',
  }),
  // Retention 105 days: 15 days between account creation and first billing period.
  customer({
    id: 'cus-contoso-pharmaceuticals',
    companyName: 'Contoso Pharmaceuticals',
    primaryDomain: 'contosopharma.onmicrosoft.com',
    tenantId: '056f209e-10a6-484f-8b04-6c308510febc',
    billingCountry: 'DE',
    segment: 'commercial',
    preferredLanguage: 'en',
    accountCreatedAt: '2024-06-10T08:00:00.000Z',
    firstBillingPeriodStartAt: '2024-06-25T08:00:00.000Z',
  }),
  // Retention 90 days.
  customer({
    id: 'cus-fabrikam',
    companyName: 'Fabrikam, Inc.',
    primaryDomain: 'fabrikam.onmicrosoft.com',
    tenantId: '53eb3134-67a9-457f-a575-e9ff997d3e0a',
    billingCountry: 'KR',
    segment: 'commercial',
    preferredLanguage: 'ko',
    accountCreatedAt: '2024-09-02T01:00:00.000Z',
    firstBillingPeriodStartAt: '2024-09-02T01:00:00.000Z',
  }),
  // Retention 120 days: 40 days between, 90 + 40 = 130 is capped at 120.
  customer({
    id: 'cus-northwind-traders',
    companyName: 'Northwind Traders',
    primaryDomain: 'northwindtraders.onmicrosoft.com',
    tenantId: '11b5ebfd-5601-40fc-96b6-7353dfdd02b5',
    billingCountry: 'AU',
    segment: 'commercial',
    preferredLanguage: 'en',
    accountCreatedAt: '2024-10-15T00:00:00.000Z',
    firstBillingPeriodStartAt: '2024-11-24T00:00:00.000Z',
  }),
  // Retention 90 days.
  customer({
    id: 'cus-tailspin-toys',
    companyName: 'Tailspin Toys',
    primaryDomain: 'tailspintoys.onmicrosoft.com',
    tenantId: '2be68a98-ed7e-4dfe-8a18-9c2c3c8112b8',
    billingCountry: 'BR',
    segment: 'commercial',
    preferredLanguage: null,
    accountCreatedAt: '2024-05-06T12:00:00.000Z',
    firstBillingPeriodStartAt: '2024-05-06T12:00:00.000Z',
  }),
  // Retention 97 days: 7 days between.
  customer({
    id: 'cus-woodgrove-bank',
    companyName: 'Woodgrove Bank',
    primaryDomain: 'woodgrovebank.onmicrosoft.com',
    tenantId: 'd126b4bf-2b19-4a6c-b78d-3d711da56d05',
    billingCountry: 'JP',
    segment: 'commercial',
    preferredLanguage: 'en',
    accountCreatedAt: '2024-04-01T00:00:00.000Z',
    firstBillingPeriodStartAt: '2024-04-08T00:00:00.000Z',
  }),
  // Retention 90 days. China: its own cloud region, and an Azure-reservation unavailable market (R-BUY-7).
  customer({
    id: 'cus-adventure-works',
    companyName: 'Adventure Works Cycles',
    primaryDomain: 'adventureworks.onmicrosoft.com',
    tenantId: '6205263c-e176-47d1-b560-0e1aa651fbd7',
    billingCountry: 'CN',
    segment: 'commercial',
    preferredLanguage: 'zh-CN',
    accountCreatedAt: '2025-04-01T02:00:00.000Z',
    firstBillingPeriodStartAt: '2025-04-01T02:00:00.000Z',
  }),
  // Retention 90 days. Andorra: an Azure-reservation unavailable market (R-BUY-7).
  customer({
    id: 'cus-alpine-ski-house',
    companyName: 'Alpine Ski House',
    primaryDomain: 'alpineskihouse.onmicrosoft.com',
    tenantId: '360ca6be-d6d0-45c4-91f6-db45a778d714',
    billingCountry: 'AD',
    segment: 'commercial',
    preferredLanguage: 'en',
    accountCreatedAt: '2025-05-20T10:00:00.000Z',
    firstBillingPeriodStartAt: '2025-05-20T10:00:00.000Z',
  }),
  // Retention 112 days: 22 days between.
  customer({
    id: 'cus-coho-winery',
    companyName: 'Coho Winery',
    primaryDomain: 'cohowinery.onmicrosoft.com',
    tenantId: 'a6d273a2-8ecc-4707-9efc-027bdbbae212',
    billingCountry: 'CA',
    segment: 'commercial',
    preferredLanguage: 'en',
    accountCreatedAt: '2025-07-07T15:00:00.000Z',
    firstBillingPeriodStartAt: '2025-07-29T15:00:00.000Z',
  }),
  // Retention 90 days.
  customer({
    id: 'cus-litware',
    companyName: 'Litware, Inc.',
    primaryDomain: 'litware.onmicrosoft.com',
    tenantId: '26ca3d84-2569-4a96-b803-01314de6f5ca',
    billingCountry: 'GB',
    segment: 'commercial',
    preferredLanguage: 'en',
    accountCreatedAt: '2024-08-19T09:30:00.000Z',
    firstBillingPeriodStartAt: '2024-08-19T09:30:00.000Z',
  }),
  // Retention 90 days. Education.
  customer({
    id: 'cus-graphic-design-institute',
    companyName: 'Graphic Design Institute',
    primaryDomain: 'graphicdesigninstitute.onmicrosoft.com',
    tenantId: 'f9c930b3-98d3-4f03-8c38-20f8b4f2f8ff',
    billingCountry: 'KR',
    segment: 'education',
    preferredLanguage: 'ko',
    accountCreatedAt: '2024-02-12T00:00:00.000Z',
    firstBillingPeriodStartAt: '2024-02-12T00:00:00.000Z',
  }),
  // Retention 90 days. Education.
  customer({
    id: 'cus-school-of-fine-art',
    companyName: 'School of Fine Art',
    primaryDomain: 'schooloffineart.onmicrosoft.com',
    tenantId: '342a4ef1-6cd3-42a4-b1d2-96c68ec4fe81',
    billingCountry: 'AU',
    segment: 'education',
    preferredLanguage: null,
    accountCreatedAt: '2025-01-20T22:00:00.000Z',
    firstBillingPeriodStartAt: '2025-01-20T22:00:00.000Z',
  }),
  // Retention 90 days. Government.
  customer({
    id: 'cus-city-power-and-light',
    companyName: 'City Power & Light',
    primaryDomain: 'citypowerlight.onmicrosoft.com',
    tenantId: 'a683f9e4-b6f7-4545-8866-da5d247e3002',
    billingCountry: 'US',
    segment: 'government',
    preferredLanguage: 'en',
    accountCreatedAt: '2024-07-01T16:00:00.000Z',
    firstBillingPeriodStartAt: '2024-07-01T16:00:00.000Z',
  }),
  // Retention 90 days. Nonprofit.
  customer({
    id: 'cus-trey-research',
    companyName: 'Trey Research',
    primaryDomain: 'treyresearch.onmicrosoft.com',
    tenantId: '40f0f845-c7d2-48f3-b262-76273d9934ef',
    billingCountry: 'GB',
    segment: 'nonprofit',
    preferredLanguage: 'en',
    accountCreatedAt: '2024-11-04T11:00:00.000Z',
    firstBillingPeriodStartAt: '2024-11-04T11:00:00.000Z',
  }),
  // Retention 90 days.
  customer({
    id: 'cus-fourth-coffee',
    companyName: 'Fourth Coffee',
    primaryDomain: 'fourthcoffee.onmicrosoft.com',
    tenantId: '69458f67-6e89-4a12-a509-463452b30de4',
    billingCountry: 'JP',
    segment: 'commercial',
    preferredLanguage: null,
    accountCreatedAt: '2025-09-09T03:00:00.000Z',
    firstBillingPeriodStartAt: '2025-09-09T03:00:00.000Z',
  }),
  // Retention 90 days. Greenland: an Azure-reservation unavailable market (R-BUY-7).
  customer({
    id: 'cus-margies-travel',
    companyName: "Margie's Travel",
    primaryDomain: 'margiestravel.onmicrosoft.com',
    tenantId: '2ac45d26-a707-4a99-9701-5dfac1399b3f',
    billingCountry: 'GL',
    segment: 'commercial',
    preferredLanguage: 'en',
    accountCreatedAt: '2025-03-03T13:00:00.000Z',
    firstBillingPeriodStartAt: '2025-03-03T13:00:00.000Z',
  }),
  // Retention 90 days. Nonprofit.
  customer({
    id: 'cus-lucerne-publishing',
    companyName: 'Lucerne Publishing',
    primaryDomain: 'lucernepublishing.onmicrosoft.com',
    tenantId: '9e8c4782-485b-477d-bbee-daf09dc50e46',
    billingCountry: 'DE',
    segment: 'nonprofit',
    preferredLanguage: 'en',
    accountCreatedAt: '2025-06-16T07:00:00.000Z',
    firstBillingPeriodStartAt: '2025-06-16T07:00:00.000Z',
  }),
  // Retention 90 days.
  customer({
    id: 'cus-wide-world-importers',
    companyName: 'Wide World Importers',
    primaryDomain: 'wideworldimporters.onmicrosoft.com',
    tenantId: '4144c52d-5975-4881-8f13-8cc02e7c96c8',
    billingCountry: 'BR',
    segment: 'commercial',
    preferredLanguage: null,
    accountCreatedAt: '2025-10-27T14:00:00.000Z',
    firstBillingPeriodStartAt: '2025-10-27T14:00:00.000Z',
  }),
  // Prospects: customers of other channels or partners, to be invited to a reseller relationship.
  customer({
    id: 'cus-lamna-healthcare',
    companyName: 'Lamna Healthcare',
    primaryDomain: 'lamnahealthcare.onmicrosoft.com',
    tenantId: '7c1e5b2a-9d3f-4e6a-8b0c-2f4d6a8c0e13',
    billingCountry: 'KR',
    segment: 'commercial',
    preferredLanguage: 'ko',
    accountCreatedAt: '2023-04-03T00:00:00.000Z',
    firstBillingPeriodStartAt: '2023-04-03T00:00:00.000Z',
    relationship: 'prospect',
  }),
  customer({
    id: 'cus-humongous-insurance',
    companyName: 'Humongous Insurance',
    primaryDomain: 'humongousinsurance.onmicrosoft.com',
    tenantId: '3b9d7f1e-5a2c-4c8e-9f06-1d3b5f7a9c24',
    billingCountry: 'JP',
    segment: 'commercial',
    preferredLanguage: null,
    accountCreatedAt: '2022-09-12T00:00:00.000Z',
    firstBillingPeriodStartAt: '2022-09-12T00:00:00.000Z',
    relationship: 'prospect',
  }),
  customer({
    id: 'cus-blue-yonder-airlines',
    companyName: 'Blue Yonder Airlines',
    primaryDomain: 'blueyonderairlines.onmicrosoft.com',
    tenantId: '9e2a4c6b-1f3d-4a5e-8c7b-0d2f4b6d8e35',
    billingCountry: 'US',
    segment: 'commercial',
    preferredLanguage: 'en',
    accountCreatedAt: '2021-06-01T00:00:00.000Z',
    firstBillingPeriodStartAt: '2021-06-01T00:00:00.000Z',
    relationship: 'prospect',
  }),
];

/** A customer by id; throws on an unknown id (seed data is fixed, so that is a programming error). */
export const seedCustomer = (id: string): SeedCustomer => {
  const found = CUSTOMERS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`unknown seed customer ${id}`);
  return found;
};

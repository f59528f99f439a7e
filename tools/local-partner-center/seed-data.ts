/**
 * Demo data of the local Partner Center, a representative subset of the bot's demo (prisma/seed/*.ts,
 * copied rather than imported: those files import the domain). Tenant ids are the seed's, so a customer
 * the bot knows has the same id here. Subscription dates are relative to the fake's clock at start, so the
 * NCE windows are open or closed whenever it runs.
 */

export interface SeedCustomer {
  id: string;
  companyName: string;
  domain: string;
  country: string;
  culture: string;
  relationshipToPartner: 'reseller' | 'none';
}

export const SEED_CUSTOMERS: readonly SeedCustomer[] = [
  {
    id: 'bb10c9c1-00f0-4cb2-a26d-d861965285b2',
    companyName: 'Contoso Ltd',
    domain: 'contoso.onmicrosoft.com',
    country: 'US',
    culture: 'en-US',
    relationshipToPartner: 'reseller',
  },
  {
    id: '056f209e-10a6-484f-8b04-6c308510febc',
    companyName: 'Contoso Pharmaceuticals',
    domain: 'contosopharma.onmicrosoft.com',
    country: 'DE',
    culture: 'de-DE',
    relationshipToPartner: 'reseller',
  },
  {
    id: '53eb3134-67a9-457f-a575-e9ff997d3e0a',
    companyName: 'Fabrikam, Inc.',
    domain: 'fabrikam.onmicrosoft.com',
    country: 'KR',
    culture: 'ko-KR',
    relationshipToPartner: 'reseller',
  },
  {
    id: '11b5ebfd-5601-40fc-96b6-7353dfdd02b5',
    companyName: 'Northwind Traders',
    domain: 'northwind.onmicrosoft.com',
    country: 'AU',
    culture: 'en-AU',
    relationshipToPartner: 'reseller',
  },
  {
    id: '2be68a98-ed7e-4dfe-8a18-9c2c3c8112b8',
    companyName: 'Tailspin Toys',
    domain: 'tailspintoys.onmicrosoft.com',
    country: 'BR',
    culture: 'pt-BR',
    relationshipToPartner: 'reseller',
  },
  {
    id: 'd126b4bf-2b19-4a6c-b78d-3d711da56d05',
    companyName: 'Woodgrove Bank',
    domain: 'woodgrovebank.onmicrosoft.com',
    country: 'JP',
    culture: 'ja-JP',
    relationshipToPartner: 'reseller',
  },
  {
    id: '360ca6be-d6d0-45c4-91f6-db45a778d714',
    companyName: 'Alpine Ski House',
    domain: 'alpineskihouse.onmicrosoft.com',
    country: 'AD',
    culture: 'ca-AD',
    relationshipToPartner: 'reseller',
  },
  {
    id: 'a6d273a2-8ecc-4707-9efc-027bdbbae212',
    companyName: 'Coho Winery',
    domain: 'cohowinery.onmicrosoft.com',
    country: 'CA',
    culture: 'en-CA',
    relationshipToPartner: 'reseller',
  },
  {
    id: '26ca3d84-2569-4a96-b803-01314de6f5ca',
    companyName: 'Litware, Inc.',
    domain: 'litware.onmicrosoft.com',
    country: 'GB',
    culture: 'en-GB',
    relationshipToPartner: 'reseller',
  },
  {
    id: 'a683f9e4-b6f7-4545-8866-da5d247e3002',
    companyName: 'City Power & Light',
    domain: 'citypower.onmicrosoft.com',
    country: 'US',
    culture: 'en-US',
    relationshipToPartner: 'reseller',
  },
  {
    id: '40f0f845-c7d2-48f3-b262-76273d9934ef',
    companyName: 'Trey Research',
    domain: 'treyresearch.onmicrosoft.com',
    country: 'GB',
    culture: 'en-GB',
    relationshipToPartner: 'reseller',
  },
  {
    id: '69458f67-6e89-4a12-a509-463452b30de4',
    companyName: 'Fourth Coffee',
    domain: 'fourthcoffee.onmicrosoft.com',
    country: 'JP',
    culture: 'ja-JP',
    relationshipToPartner: 'none',
  },
];

export type SeedProductType = 'OnlineServicesNCE' | 'OnlineServices' | 'Software';

export interface SeedCatalogItem {
  productId: string;
  skuId: string;
  availabilityId: string;
  title: string;
  productType: SeedProductType;
  /** Software: subscription (1 year) or perpetual. */
  softwareKind?: 'subscription' | 'perpetual';
  minimumQuantity: number;
  maximumQuantity: number;
  /** Term and billing cycles the availability offers. */
  terms: Array<{ duration: string; billingCycle: string }>;
  listPrice: number;
}

export const SEED_CATALOG: readonly SeedCatalogItem[] = [
  {
    productId: 'CFQ7TTC0LFLX',
    skuId: '0001',
    availabilityId: 'CFQ7TTC0K5BF',
    title: 'Microsoft 365 E3',
    productType: 'OnlineServicesNCE',
    minimumQuantity: 1,
    maximumQuantity: 10000,
    terms: [
      { duration: 'P1Y', billingCycle: 'annual' },
      { duration: 'P1Y', billingCycle: 'monthly' },
      { duration: 'P1M', billingCycle: 'monthly' },
    ],
    listPrice: 36,
  },
  {
    productId: 'CFQ7TTC0LFK5',
    skuId: '0002',
    availabilityId: 'CFQ7TTC0K5DJ',
    title: 'Microsoft 365 E5',
    productType: 'OnlineServicesNCE',
    minimumQuantity: 1,
    maximumQuantity: 10000,
    terms: [
      { duration: 'P1Y', billingCycle: 'annual' },
      { duration: 'P1M', billingCycle: 'monthly' },
    ],
    listPrice: 57,
  },
  {
    productId: 'CFQ7TTC0LCHC',
    skuId: '0002',
    availabilityId: 'CFQ7TTC0KHHS',
    title: 'Microsoft 365 Business Premium',
    productType: 'OnlineServicesNCE',
    minimumQuantity: 1,
    maximumQuantity: 300,
    terms: [
      { duration: 'P1Y', billingCycle: 'annual' },
      { duration: 'P1M', billingCycle: 'monthly' },
    ],
    listPrice: 22,
  },
  {
    productId: 'CFQ7TTC0LH18',
    skuId: '0001',
    availabilityId: 'CFQ7TTC0K971',
    title: 'Microsoft 365 Business Basic',
    productType: 'OnlineServicesNCE',
    minimumQuantity: 1,
    maximumQuantity: 300,
    terms: [
      { duration: 'P1Y', billingCycle: 'annual' },
      { duration: 'P1M', billingCycle: 'monthly' },
    ],
    listPrice: 6,
  },
  {
    productId: 'CFQ7TTC0LH16',
    skuId: '0001',
    availabilityId: 'CFQ7TTC0LGZT',
    title: 'Exchange Online (Plan 1)',
    productType: 'OnlineServicesNCE',
    minimumQuantity: 1,
    maximumQuantity: 10000,
    terms: [
      { duration: 'P1Y', billingCycle: 'annual' },
      { duration: 'P1M', billingCycle: 'monthly' },
    ],
    listPrice: 4,
  },
  {
    productId: 'DG7GMGF0D7FV',
    skuId: '0002',
    availabilityId: 'DG7GMGF0F4MH',
    title: 'SQL Server 2022 Standard - 2 Core License Pack (1 year)',
    productType: 'Software',
    softwareKind: 'subscription',
    minimumQuantity: 1,
    maximumQuantity: 500,
    terms: [{ duration: 'P1Y', billingCycle: 'one_time' }],
    listPrice: 876,
  },
  {
    productId: 'DG7GMGF0FKZV',
    skuId: '0003',
    availabilityId: 'DG7GMGF0DWMS',
    title: 'SQL Server Enterprise - 2 Core License Pack - 3 year',
    productType: 'Software',
    softwareKind: 'subscription',
    minimumQuantity: 1,
    maximumQuantity: 500,
    terms: [{ duration: 'P3Y', billingCycle: 'one_time' }],
    listPrice: 13748,
  },
  {
    productId: 'DG7GMGF0DVT7',
    skuId: '000C',
    availabilityId: 'DG7GMGF0FVZM',
    title: 'Windows Server CAL - 1 Device CAL - 3 year',
    productType: 'Software',
    softwareKind: 'subscription',
    minimumQuantity: 1,
    maximumQuantity: 500,
    terms: [{ duration: 'P3Y', billingCycle: 'one_time' }],
    listPrice: 64,
  },
  {
    productId: 'DG7GMGF0DWTL',
    skuId: '0001',
    availabilityId: 'DG7GMGF0DSFM',
    title: 'Office LTSC Professional Plus 2021',
    productType: 'Software',
    softwareKind: 'perpetual',
    minimumQuantity: 1,
    maximumQuantity: 500,
    terms: [{ duration: 'P100Y', billingCycle: 'one_time' }],
    listPrice: 439,
  },
];

/** `product:sku:availability`; a legacy offer id (no SKU) is the product id alone, e.g. `MS-AZR-0145P`. */
export const catalogItemIdOf = (item: SeedCatalogItem): string =>
  item.skuId === '' ? item.productId : `${item.productId}:${item.skuId}:${item.availabilityId}`;

export interface SeedSubscription {
  id: string;
  customerId: string;
  catalogItemId: string;
  quantity: number;
  billingCycle: string;
  termDuration: string;
  status: 'active' | 'suspended';
  autoRenewEnabled: boolean;
  /** Hours before the fake's start that it was bought (decides whether its windows are open). */
  boughtHoursAgo: number;
}

const CONTOSO = 'bb10c9c1-00f0-4cb2-a26d-d861965285b2';
const FABRIKAM = '53eb3134-67a9-457f-a575-e9ff997d3e0a';
const NORTHWIND = '11b5ebfd-5601-40fc-96b6-7353dfdd02b5';
const TAILSPIN = '2be68a98-ed7e-4dfe-8a18-9c2c3c8112b8';

export const SEED_SUBSCRIPTIONS: readonly SeedSubscription[] = [
  // Inside the 7-day window: can be cancelled or reduced.
  {
    id: 'a4f2c9d1-3b1e-4c55-9d0a-000000000001',
    customerId: CONTOSO,
    catalogItemId: 'CFQ7TTC0LFLX:0001:CFQ7TTC0K5BF',
    quantity: 25,
    billingCycle: 'annual',
    termDuration: 'P1Y',
    status: 'active',
    autoRenewEnabled: true,
    boughtHoursAgo: 48,
  },
  // Past the window: cancel → 900117, seat reduction → 900214.
  {
    id: 'a4f2c9d1-3b1e-4c55-9d0a-000000000002',
    customerId: CONTOSO,
    catalogItemId: 'CFQ7TTC0LH16:0001:CFQ7TTC0LGZT',
    quantity: 40,
    billingCycle: 'monthly',
    termDuration: 'P1Y',
    status: 'active',
    autoRenewEnabled: true,
    boughtHoursAgo: 24 * 40,
  },
  // Suspended: edits other than reactivation → 800091.
  {
    id: 'a4f2c9d1-3b1e-4c55-9d0a-000000000003',
    customerId: CONTOSO,
    catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971',
    quantity: 10,
    billingCycle: 'monthly',
    termDuration: 'P1M',
    status: 'suspended',
    autoRenewEnabled: false,
    boughtHoursAgo: 24 * 20,
  },
  {
    id: 'a4f2c9d1-3b1e-4c55-9d0a-000000000004',
    customerId: FABRIKAM,
    catalogItemId: 'CFQ7TTC0LFK5:0002:CFQ7TTC0K5DJ',
    quantity: 12,
    billingCycle: 'annual',
    termDuration: 'P1Y',
    status: 'active',
    autoRenewEnabled: true,
    boughtHoursAgo: 24 * 5,
  },
  {
    id: 'a4f2c9d1-3b1e-4c55-9d0a-000000000005',
    customerId: FABRIKAM,
    catalogItemId: 'CFQ7TTC0LCHC:0002:CFQ7TTC0KHHS',
    quantity: 30,
    billingCycle: 'monthly',
    termDuration: 'P1M',
    status: 'active',
    autoRenewEnabled: true,
    boughtHoursAgo: 2,
  },
  {
    id: 'a4f2c9d1-3b1e-4c55-9d0a-000000000006',
    customerId: NORTHWIND,
    catalogItemId: 'CFQ7TTC0LFLX:0001:CFQ7TTC0K5BF',
    quantity: 100,
    billingCycle: 'annual',
    termDuration: 'P1Y',
    status: 'active',
    autoRenewEnabled: false,
    boughtHoursAgo: 24 * 200,
  },
  {
    id: 'a4f2c9d1-3b1e-4c55-9d0a-000000000007',
    customerId: TAILSPIN,
    catalogItemId: 'DG7GMGF0D7FV:0002:DG7GMGF0F4MH',
    quantity: 4,
    billingCycle: 'one_time',
    termDuration: 'P1Y',
    status: 'active',
    autoRenewEnabled: false,
    boughtHoursAgo: 24 * 10,
  },
];

export const PARTNER_ID = '3b33e682-00c3-41ee-9dd2-a548adf56438';

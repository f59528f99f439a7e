/**
 * The product catalog the bot sells from. Written by `seedDatabase` on every start (catalog rows are
 * upserted, so edits here reach existing databases). Prices are USD list prices without tax:
 * - a product offering both cycles (`['monthly', 'annual']`) is priced per license per month;
 * - a product offering only `annual` is priced per license (or core pack, device, instance) per year;
 * - perpetual software is priced per license, once (its order lines are recorded with the cycle `annual`,
 *   the only one it offers, since every order line needs a billing cycle).
 */
import type {
  BillingCycle,
  BillingType,
  CancelRestriction,
  Category,
  CommercePolicy,
  ProductKind,
  Segment,
} from '../../src/domain/shared/model.js';
import type { SoftwareOptions } from '../../src/domain/software/software-options.js';

/** One row of the `products` table, as the seed writes it. */
export interface SeedProduct {
  id: string;
  name: string;
  kind: ProductKind;
  publisher: string;
  billingType: BillingType;
  category: Category;
  billingCycles: BillingCycle[];
  segments: Segment[];
  unitPrice: number;
  currency: string;
  onePerCustomer: boolean;
  trialDays: number | null;
  maxQuantity: number;
  isvSupportedCountries: string[];
  isvCspOptOut: boolean;
  privateOfferPartnerIds: string[];
  unavailableCountries: string[];
  commercePolicy: CommercePolicy;
  policySource: string;
  cancelRestriction: CancelRestriction;
  isvSetupUrl: string | null;
  softwareOptions: SoftwareOptions | null;
  /** Add-on (R-ADD-1): the products it attaches to (empty: bought on its own). */
  baseProductIds: string[];
  /** Upgrade paths (R-UPG-1), keeping the licences. */
  upgradeTargetIds: string[];
  /** The same licences on another term, as a product of its own (new commerce, R-TRM-1). */
  termOptionIds: string[];
}

export interface Market {
  /** ISO 3166-1 alpha-2 (see the notes on BQ, SJ and XK below). */
  readonly code: string;
  /** The market's name as the English source of seed 001/003 gives it. */
  readonly name: string;
}

/**
 * R-BUY-7: the markets where Azure reservations cannot be bought, in the order of the table "Azure 예약을
 * 사용할 수 없는 시장" of seed 001 (English names from seed 003, "Azure reservations unavailable markets";
 * the source notes the list was correct on 30 Nov 2019). 109 names, 106 distinct codes:
 * - Bonaire, Saba and Sint Eustatius (Korean "티위") have no code of their own: all three are BQ
 *   (Bonaire, Sint Eustatius and Saba, the Caribbean Netherlands).
 * - Svalbard and Jan Mayen are one ISO entry: both are SJ.
 * - Kosovo has no ISO 3166-1 code; XK is the user-assigned code used for it by the EU and by Microsoft.
 * - "St Helena, Ascension, Tristan da Cunha" is one entry, SH; Swaziland is Eswatini, SZ.
 */
export const AZURE_RESERVATION_UNAVAILABLE_MARKETS: readonly Market[] = [
  { code: 'AX', name: 'Åland Islands' },
  { code: 'AS', name: 'American Samoa' },
  { code: 'AD', name: 'Andorra' },
  { code: 'AI', name: 'Anguilla' },
  { code: 'AQ', name: 'Antarctica' },
  { code: 'AG', name: 'Antigua and Barbuda' },
  { code: 'AW', name: 'Aruba' },
  { code: 'AZ', name: 'Azerbaijan' },
  { code: 'BJ', name: 'Benin' },
  { code: 'BT', name: 'Bhutan' },
  { code: 'BQ', name: 'Bonaire' },
  { code: 'BV', name: 'Bouvet Island' },
  { code: 'IO', name: 'British Indian Ocean Territory' },
  { code: 'VG', name: 'British Virgin Islands' },
  { code: 'BF', name: 'Burkina Faso' },
  { code: 'BI', name: 'Burundi' },
  { code: 'KH', name: 'Cambodia' },
  { code: 'CF', name: 'Central African Republic' },
  { code: 'TD', name: 'Chad' },
  { code: 'CN', name: 'China' },
  { code: 'CX', name: 'Christmas Island' },
  { code: 'CC', name: 'Cocos (Keeling) Islands' },
  { code: 'KM', name: 'Comoros' },
  { code: 'CG', name: 'Congo' },
  { code: 'CD', name: 'Congo (DRC)' },
  { code: 'CK', name: 'Cook Islands' },
  { code: 'DJ', name: 'Djibouti' },
  { code: 'DM', name: 'Dominica' },
  { code: 'GQ', name: 'Equatorial Guinea' },
  { code: 'ER', name: 'Eritrea' },
  { code: 'FK', name: 'Falkland Islands' },
  { code: 'GF', name: 'French Guiana' },
  { code: 'PF', name: 'French Polynesia' },
  { code: 'TF', name: 'French Southern Territories' },
  { code: 'GA', name: 'Gabon' },
  { code: 'GM', name: 'Gambia' },
  { code: 'GI', name: 'Gibraltar' },
  { code: 'GL', name: 'Greenland' },
  { code: 'GD', name: 'Grenada' },
  { code: 'GP', name: 'Guadeloupe' },
  { code: 'GU', name: 'Guam' },
  { code: 'GG', name: 'Guernsey' },
  { code: 'GN', name: 'Guinea' },
  { code: 'GW', name: 'Guinea-Bissau' },
  { code: 'GY', name: 'Guyana' },
  { code: 'HT', name: 'Haiti' },
  { code: 'HM', name: 'Heard Island and McDonald Islands' },
  { code: 'IM', name: 'Isle of Man' },
  { code: 'SJ', name: 'Jan Mayen' }, // part of SJ (Svalbard and Jan Mayen)
  { code: 'JE', name: 'Jersey' },
  { code: 'KI', name: 'Kiribati' },
  { code: 'XK', name: 'Kosovo' }, // user-assigned code, not in ISO 3166-1
  { code: 'LA', name: 'Laos' },
  { code: 'LS', name: 'Lesotho' },
  { code: 'LR', name: 'Liberia' },
  { code: 'MG', name: 'Madagascar' },
  { code: 'MW', name: 'Malawi' },
  { code: 'MV', name: 'Maldives' },
  { code: 'ML', name: 'Mali' },
  { code: 'MH', name: 'Marshall Islands' },
  { code: 'MQ', name: 'Martinique' },
  { code: 'MR', name: 'Mauritania' },
  { code: 'YT', name: 'Mayotte' },
  { code: 'FM', name: 'Micronesia' },
  { code: 'MS', name: 'Montserrat' },
  { code: 'MZ', name: 'Mozambique' },
  { code: 'MM', name: 'Myanmar' },
  { code: 'NR', name: 'Nauru' },
  { code: 'NC', name: 'New Caledonia' },
  { code: 'NE', name: 'Niger' },
  { code: 'NU', name: 'Niue' },
  { code: 'NF', name: 'Norfolk Island' },
  { code: 'MP', name: 'Northern Mariana Islands' },
  { code: 'PW', name: 'Palau' },
  { code: 'PG', name: 'Papua New Guinea' },
  { code: 'PN', name: 'Pitcairn Islands' },
  { code: 'RE', name: 'Reunion' },
  { code: 'BQ', name: 'Saba' }, // part of BQ (Bonaire, Sint Eustatius and Saba)
  { code: 'BL', name: 'Saint Barthélemy' },
  { code: 'LC', name: 'Saint Lucia' },
  { code: 'MF', name: 'Saint Martin' }, // the French part; Sint Maarten is SX
  { code: 'PM', name: 'Saint Pierre and Miquelon' },
  { code: 'VC', name: 'Saint Vincent and the Grenadines' },
  { code: 'WS', name: 'Samoa' },
  { code: 'SM', name: 'San Marino' },
  { code: 'ST', name: 'São Tomé and Príncipe' },
  { code: 'SC', name: 'Seychelles' },
  { code: 'SL', name: 'Sierra Leone' },
  { code: 'BQ', name: 'Sint Eustatius' }, // part of BQ (Bonaire, Sint Eustatius and Saba)
  { code: 'SX', name: 'Sint Maarten' },
  { code: 'SB', name: 'Solomon Islands' },
  { code: 'SO', name: 'Somalia' },
  { code: 'GS', name: 'South Georgia and South Sandwich Islands' },
  { code: 'SS', name: 'South Sudan' },
  { code: 'SH', name: 'St Helena, Ascension, Tristan da Cunha' },
  { code: 'SR', name: 'Suriname' },
  { code: 'SJ', name: 'Svalbard' }, // part of SJ (Svalbard and Jan Mayen)
  { code: 'SZ', name: 'Swaziland' }, // now Eswatini
  { code: 'TL', name: 'Timor-Leste' },
  { code: 'TG', name: 'Togo' },
  { code: 'TK', name: 'Tokelau' },
  { code: 'TO', name: 'Tonga' },
  { code: 'TC', name: 'Turks and Caicos Islands' },
  { code: 'TV', name: 'Tuvalu' },
  { code: 'UM', name: 'U.S. Outlying Islands' },
  { code: 'VU', name: 'Vanuatu' },
  { code: 'VA', name: 'Vatican City' },
  { code: 'WF', name: 'Wallis and Futuna' },
  { code: 'YE', name: 'Yemen' },
];

/** The distinct billing-country codes of the list above, sorted: what a product's `unavailableCountries` holds. */
export const AZURE_RESERVATION_UNAVAILABLE_COUNTRY_CODES: readonly string[] = [
  ...new Set(AZURE_RESERVATION_UNAVAILABLE_MARKETS.map((market) => market.code)),
].sort();

const LEGACY_SOURCE = 'seed 000 (2019-2021 docs)';
const LEGACY_SOFTWARE_SOURCE = 'seeds 001-002 (2019-2021 docs)';
const NCE_SOURCE = 'Partner Center new commerce, 2026-11';

const ALL_SEGMENTS: Segment[] = ['commercial', 'education', 'government', 'nonprofit'];
const SERVER_LANGUAGES = ['en-US', 'ko-KR', 'zh-CN', 'ja-JP', 'de-DE', 'fr-FR', 'pt-BR'];
const OFFICE_LANGUAGES = [...SERVER_LANGUAGES, 'es-ES', 'it-IT', 'zh-TW'];
/** Placeholder host: never contacted; the bot hands out signed links of its own, not these. */
const DOWNLOADS = 'https://downloads.example.test';

type RequiredFields = 'id' | 'name' | 'kind' | 'billingCycles' | 'segments' | 'unitPrice';

/** A product row: Microsoft, license-based, enterprise, legacy, USD, unrestricted, unless the entry says. */
const product = (
  fields: Pick<SeedProduct, RequiredFields> & Partial<Omit<SeedProduct, RequiredFields>>,
): SeedProduct => ({
  publisher: 'Microsoft',
  billingType: 'license',
  category: 'enterprise',
  currency: 'USD',
  onePerCustomer: false,
  trialDays: null,
  maxQuantity: 10000,
  isvSupportedCountries: [],
  isvCspOptOut: false,
  privateOfferPartnerIds: [],
  unavailableCountries: [],
  commercePolicy: 'legacy',
  policySource: LEGACY_SOURCE,
  cancelRestriction: 'none',
  isvSetupUrl: null,
  softwareOptions: null,
  baseProductIds: [],
  upgradeTargetIds: [],
  termOptionIds: [],
  ...fields,
});

export const PRODUCTS: readonly SeedProduct[] = [
  // ---- Microsoft online services, legacy (license-based, 2019-2021 rules) ----
  product({
    id: 'm365-e3',
    // Upgrade path (R-UPG-1): E3 → E5 keeps the licences and the users.
    upgradeTargetIds: ['m365-e5'],
    name: 'Microsoft 365 E3',
    kind: 'online-service',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'government', 'nonprofit'],
    unitPrice: 32.0,
  }),
  product({
    // Sold to commercial customers only (R-BUY-6).
    id: 'm365-e5',
    name: 'Microsoft 365 E5',
    kind: 'online-service',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial'],
    unitPrice: 57.0,
  }),
  product({
    // Business plans are capped at 300 licenses.
    id: 'm365-business-premium',
    upgradeTargetIds: ['m365-e3', 'm365-e5'],
    name: 'Microsoft 365 Business Premium',
    kind: 'online-service',
    category: 'small-business',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'nonprofit'],
    unitPrice: 20.0,
    maxQuantity: 300,
  }),
  product({
    id: 'exchange-online-p1',
    name: 'Exchange Online (Plan 1)',
    kind: 'online-service',
    billingCycles: ['monthly', 'annual'],
    segments: ALL_SEGMENTS,
    unitPrice: 4.0,
  }),
  product({
    // Education only (R-BUY-6).
    id: 'm365-a3',
    name: 'Microsoft 365 A3 for faculty',
    kind: 'online-service',
    billingCycles: ['monthly', 'annual'],
    segments: ['education'],
    unitPrice: 3.25,
  }),
  product({
    // Government only (GCC).
    id: 'm365-g3',
    name: 'Microsoft 365 G3 GCC',
    kind: 'online-service',
    billingCycles: ['monthly', 'annual'],
    segments: ['government'],
    unitPrice: 32.0,
  }),
  product({
    // A trial offer: free for 30 days, at most 25 licenses.
    id: 'm365-e5-trial',
    name: 'Microsoft 365 E5 Trial',
    kind: 'online-service',
    category: 'trial',
    billingCycles: ['monthly'],
    segments: ['commercial'],
    unitPrice: 0,
    trialDays: 30,
    maxQuantity: 25,
  }),

  // ---- Microsoft online services, new commerce (R-NCE-*) ----
  product({
    id: 'm365-e3-nce',
    upgradeTargetIds: ['m365-e5-nce'],
    // R-TRM-1: the same licences on a monthly term.
    termOptionIds: ['m365-e3-nce-monthly'],
    name: 'Microsoft 365 E3 (NCE, annual)',
    kind: 'online-service',
    billingCycles: ['annual'],
    segments: ['commercial', 'government', 'nonprofit'],
    unitPrice: 432.0,
    commercePolicy: 'new-commerce',
    policySource: NCE_SOURCE,
  }),
  product({
    // Monthly term: list price + 20 %.
    id: 'm365-e3-nce-monthly',
    termOptionIds: ['m365-e3-nce'],
    name: 'Microsoft 365 E3 (NCE, monthly)',
    kind: 'online-service',
    billingCycles: ['monthly'],
    segments: ['commercial', 'government', 'nonprofit'],
    unitPrice: 43.2,
    commercePolicy: 'new-commerce',
    policySource: NCE_SOURCE,
  }),
  product({
    id: 'm365-e5-nce',
    name: 'Microsoft 365 E5 (NCE, annual)',
    kind: 'online-service',
    billingCycles: ['annual'],
    segments: ['commercial'],
    unitPrice: 684.0,
    commercePolicy: 'new-commerce',
    policySource: NCE_SOURCE,
  }),
  product({
    id: 'm365-business-premium-nce',
    name: 'Microsoft 365 Business Premium (NCE, annual)',
    kind: 'online-service',
    category: 'small-business',
    billingCycles: ['annual'],
    segments: ['commercial', 'nonprofit'],
    unitPrice: 264.0,
    maxQuantity: 300,
    commercePolicy: 'new-commerce',
    policySource: NCE_SOURCE,
  }),
  product({
    // Teams Essentials exists only under new commerce; capped at 300 users.
    id: 'teams-essentials',
    name: 'Microsoft Teams Essentials',
    kind: 'online-service',
    category: 'small-business',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'nonprofit'],
    unitPrice: 4.0,
    maxQuantity: 300,
    commercePolicy: 'new-commerce',
    policySource: NCE_SOURCE,
  }),
  product({
    // R-BUY-2: a tenant-wide security service; a customer holds one subscription and changes its license
    // count rather than buying a second one.
    id: 'defender-for-business',
    name: 'Microsoft Defender for Business',
    kind: 'online-service',
    category: 'small-business',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'nonprofit'],
    unitPrice: 3.0,
    maxQuantity: 300,
    onePerCustomer: true,
    commercePolicy: 'new-commerce',
    policySource: NCE_SOURCE,
  }),

  // ---- Add-ons (R-ADD-*): bought for a base subscription, never on their own ----
  product({
    id: 'teams-audio-conferencing',
    name: 'Microsoft Teams Audio Conferencing',
    kind: 'online-service',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 4.0,
    baseProductIds: ['m365-e3', 'm365-e5', 'm365-business-premium'],
  }),
  product({
    id: 'm365-e5-security',
    name: 'Microsoft 365 E5 Security add-on',
    kind: 'online-service',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'government', 'nonprofit'],
    unitPrice: 12.0,
    baseProductIds: ['m365-e3'],
  }),
  product({
    id: 'exchange-online-archiving',
    name: 'Exchange Online Archiving',
    kind: 'online-service',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 3.0,
    baseProductIds: ['exchange-online-p1', 'm365-business-premium'],
  }),
  product({
    id: 'teams-phone-nce',
    name: 'Microsoft Teams Phone Standard (NCE, annual)',
    kind: 'online-service',
    billingCycles: ['annual'],
    segments: ['commercial', 'government', 'nonprofit'],
    unitPrice: 120.0,
    commercePolicy: 'new-commerce',
    policySource: NCE_SOURCE,
    baseProductIds: ['m365-e3-nce', 'm365-e5-nce'],
  }),

  // ---- ISV marketplace SaaS (R-BUY-4, R-BUY-10) ----
  product({
    // Sold everywhere; a 30-day free trial starts automatically (R-BUY-9).
    id: 'isv-contoso-analytics',
    name: 'Contoso Analytics Cloud',
    kind: 'marketplace-saas',
    publisher: 'Contoso Analytics Ltd',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'education', 'nonprofit'],
    unitPrice: 15.0,
    trialDays: 30,
    isvSetupUrl: 'https://contoso-analytics.example/setup?offer=analytics-cloud&source=csp',
  }),
  product({
    // Sold everywhere, monthly, no trial.
    id: 'isv-adatum-helpdesk',
    name: 'A. Datum Helpdesk',
    kind: 'marketplace-saas',
    publisher: 'A. Datum Corporation',
    category: 'small-business',
    billingCycles: ['monthly'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 9.0,
    isvSetupUrl: 'https://adatum.example/setup?product=helpdesk&channel=csp',
  }),
  product({
    // The publisher supports four billing countries only.
    id: 'isv-relecloud-backup',
    name: 'Relecloud Backup for Microsoft 365',
    kind: 'marketplace-saas',
    publisher: 'Relecloud',
    billingCycles: ['monthly', 'annual'],
    segments: ['commercial', 'nonprofit'],
    unitPrice: 4.5,
    isvSupportedCountries: ['US', 'CA', 'GB', 'DE'],
    isvSetupUrl: 'https://relecloud.example/setup?plan=m365-backup',
  }),
  product({
    // The publisher does not sell through CSP.
    id: 'isv-lamna-crm',
    name: 'Lamna CRM Connector',
    kind: 'marketplace-saas',
    publisher: 'Lamna Software Ltd',
    billingCycles: ['annual'],
    segments: ['commercial'],
    unitPrice: 120.0,
    isvCspOptOut: true,
    isvSetupUrl: 'https://lamna.example/setup?app=crm-connector',
  }),
  product({
    // Private offer, exclusive to another partner.
    id: 'isv-consolidated-sign',
    name: 'Consolidated Messenger Secure Sign (private offer)',
    kind: 'marketplace-saas',
    publisher: 'Consolidated Messenger',
    billingCycles: ['annual'],
    segments: ['commercial', 'government'],
    unitPrice: 96.0,
    privateOfferPartnerIds: ['partner-other-001'],
    isvSetupUrl: 'https://consolidated-messenger.example/setup?offer=secure-sign-private',
  }),
  product({
    // R-BUY-5: usage-based (per vCPU hour); bought in the Azure portal, not through this flow.
    id: 'isv-relecloud-containers',
    name: 'Relecloud Container Runtime (pay-as-you-go)',
    kind: 'marketplace-saas',
    publisher: 'Relecloud',
    billingType: 'usage',
    billingCycles: ['monthly'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 0.12,
  }),

  // ---- Software subscriptions (seed 001) ----
  product({
    id: 'ws2022-dc-sub',
    name: 'Windows Server 2022 Datacenter - 16 Core License Pack (1 year)',
    kind: 'software-subscription',
    billingCycles: ['annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 1850.0,
    policySource: LEGACY_SOFTWARE_SOURCE,
    softwareOptions: {
      versions: ['2022', '2019'],
      languages: SERVER_LANGUAGES,
      variants: [
        { id: 'iso-x64', label: 'ISO (x64)' },
        { id: 'vhdx-x64', label: 'VHDX (x64)' },
      ],
      variantKind: 'file-type',
      fileUrlTemplate: `${DOWNLOADS}/{product}/{version}/{language}/{variant}`,
    },
  }),
  product({
    id: 'sql2022-std-sub',
    name: 'SQL Server 2022 Standard - 2 Core License Pack (1 year)',
    kind: 'software-subscription',
    billingCycles: ['annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 876.0,
    policySource: LEGACY_SOFTWARE_SOURCE,
    softwareOptions: {
      versions: ['2022', '2019'],
      languages: SERVER_LANGUAGES,
      variants: [
        { id: 'iso-x64', label: 'ISO (x64)' },
        { id: 'cab-x64', label: 'CAB (x64)' },
      ],
      variantKind: 'file-type',
      fileUrlTemplate: `${DOWNLOADS}/{product}/{version}/{language}/{variant}`,
    },
  }),
  product({
    // R-SWC-3: Azure software plans have no key or download (they discount the VM's Linux meter).
    id: 'suse-sles',
    name: 'SUSE Linux Enterprise Server Standard software plan, 1-2 vCPU (1 year)',
    kind: 'software-subscription',
    publisher: 'SUSE',
    billingCycles: ['annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 86.0,
    policySource: LEGACY_SOFTWARE_SOURCE,
    cancelRestriction: 'not-cancellable',
  }),
  product({
    id: 'rhel',
    name: 'Red Hat Enterprise Linux software plan, 1-4 vCPU (1 year)',
    kind: 'software-subscription',
    publisher: 'Red Hat',
    billingCycles: ['annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 385.0,
    policySource: LEGACY_SOFTWARE_SOURCE,
    cancelRestriction: 'not-cancellable',
  }),

  // ---- On-premises perpetual software (seed 002) ----
  product({
    id: 'office-ltsc-2021',
    name: 'Office LTSC Professional Plus 2021',
    kind: 'perpetual-software',
    billingCycles: ['annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 439.0,
    policySource: LEGACY_SOFTWARE_SOURCE,
    softwareOptions: {
      versions: ['2021'],
      languages: OFFICE_LANGUAGES,
      variants: [
        { id: 'x86', label: '32-bit' },
        { id: 'x64', label: '64-bit' },
      ],
      variantKind: 'bitness',
      fileUrlTemplate: `${DOWNLOADS}/{product}/{version}/{language}/{variant}.iso`,
    },
  }),
  product({
    // Windows Server 2022 is 64-bit only.
    id: 'ws2022-std-perpetual',
    name: 'Windows Server 2022 Standard - 16 Core License',
    kind: 'perpetual-software',
    billingCycles: ['annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 1069.0,
    policySource: LEGACY_SOFTWARE_SOURCE,
    softwareOptions: {
      versions: ['2022'],
      languages: SERVER_LANGUAGES,
      variants: [{ id: 'x64', label: '64-bit' }],
      variantKind: 'bitness',
      fileUrlTemplate: `${DOWNLOADS}/{product}/{version}/{language}/{variant}.iso`,
    },
  }),
  product({
    // R-SWC-2: cancelled only through a support request. Per device; the download is the ESU licensing
    // preparation package, the key a MAK.
    id: 'win7-esu',
    name: 'Windows 7 Extended Security Updates 2020 (per device)',
    kind: 'perpetual-software',
    billingCycles: ['annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 50.0,
    policySource: LEGACY_SOFTWARE_SOURCE,
    cancelRestriction: 'support-request-only',
    softwareOptions: {
      versions: ['2020'],
      languages: ['en-US'],
      variants: [
        { id: 'x86', label: '32-bit' },
        { id: 'x64', label: '64-bit' },
      ],
      variantKind: 'bitness',
      fileUrlTemplate: `${DOWNLOADS}/{product}/{version}/{language}/{variant}.msu`,
    },
  }),

  // ---- Azure reservations (seed 001, R-BUY-7) ----
  product({
    id: 'azure-ri-d2sv5-1y',
    name: 'Azure Reserved VM Instance D2s v5, East US, 1 year',
    kind: 'azure-reservation',
    billingCycles: ['annual'],
    segments: ['commercial', 'education', 'government', 'nonprofit'],
    unitPrice: 496.0,
    policySource: LEGACY_SOFTWARE_SOURCE,
    unavailableCountries: [...AZURE_RESERVATION_UNAVAILABLE_COUNTRY_CODES],
  }),
];

/** A product by id; throws on an unknown id (seed data is fixed, so that is a programming error). */
export const seedProduct = (id: string): SeedProduct => {
  const found = PRODUCTS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`unknown seed product ${id}`);
  return found;
};

/**
 * Arguments of the dashboard-parity commands: `products [search words] [for <customer>] [publisher X]
 * [usage|license] [enterprise|small business|trial] [software|reservations|perpetual|online|saas]`, in any
 * of the three languages, and `order ORD-…`. A customer or publisher runs until the next keyword, so search
 * words go before `for`.
 */
import type { BrowseProductsCommand, KindFilter } from '../domain/catalog/browse-products.js';
import type { BillingType, Category } from '../domain/shared/model.js';

const FOR = ['for', '고객', '给', '客户'];
const PUBLISHER = ['publisher', 'by', '게시자', '发布者'];

const BILLING_TYPES: Record<string, BillingType> = {
  usage: 'usage',
  'usage-based': 'usage',
  사용량: 'usage',
  用量: 'usage',
  license: 'license',
  licence: 'license',
  'license-based': 'license',
  라이선스: 'license',
  许可: 'license',
  许可证: 'license',
};
const CATEGORIES: Record<string, Category> = {
  enterprise: 'enterprise',
  엔터프라이즈: 'enterprise',
  企业: 'enterprise',
  'small-business': 'small-business',
  smb: 'small-business',
  중소기업: 'small-business',
  小型企业: 'small-business',
  trial: 'trial',
  trials: 'trial',
  평가판: 'trial',
  试用: 'trial',
};
const KINDS: Record<string, KindFilter> = {
  software: 'software',
  소프트웨어: 'software',
  软件: 'software',
  reservations: 'reservations',
  reservation: 'reservations',
  예약: 'reservations',
  预留: 'reservations',
  perpetual: 'perpetual',
  영구: 'perpetual',
  永久: 'perpetual',
  online: 'online',
  온라인: 'online',
  联机: 'online',
  saas: 'saas',
  marketplace: 'saas',
  마켓플레이스: 'saas',
  商城: 'saas',
};

export const ORDER_REF = /^ORD-[A-Z0-9-]{1,40}$/i;

export function parseProductsArguments(rest: string): Omit<BrowseProductsCommand, 'page'> {
  const tokens = rest.split(' ').filter(Boolean);
  const buckets: Record<'search' | 'customer' | 'publisher', string[]> = {
    search: [],
    customer: [],
    publisher: [],
  };
  let mode: keyof typeof buckets = 'search';
  const out: { billingType?: BillingType; category?: Category; type?: KindFilter } = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const lower = token.toLowerCase();
    const next = (tokens[i + 1] ?? '').toLowerCase();
    if (FOR.includes(lower)) {
      mode = 'customer';
      continue;
    }
    if (PUBLISHER.includes(lower)) {
      mode = 'publisher';
      continue;
    }
    if (lower === 'small' && next === 'business') {
      out.category = 'small-business';
      i++;
      mode = 'search';
      continue;
    }
    const billingType = BILLING_TYPES[lower];
    const category = CATEGORIES[lower];
    const kind = KINDS[lower];
    if (billingType || category || kind) {
      if (billingType) out.billingType = billingType;
      if (category) out.category = category;
      if (kind) out.type = kind;
      mode = 'search';
      continue;
    }
    buckets[mode].push(token);
  }
  const text = (words: string[], max: number) => words.join(' ').slice(0, max).trim();
  const search = text(buckets.search, 200);
  const customer = text(buckets.customer, 200);
  const publisher = text(buckets.publisher, 100);
  return {
    ...out,
    ...(search ? { search } : {}),
    ...(customer ? { customer } : {}),
    ...(publisher ? { publisher } : {}),
  };
}

const CYCLES: Record<string, 'monthly' | 'annual'> = {
  monthly: 'monthly',
  month: 'monthly',
  p1m: 'monthly',
  월간: 'monthly',
  월: 'monthly',
  按月: 'monthly',
  每月: 'monthly',
  annual: 'annual',
  annually: 'annual',
  yearly: 'annual',
  year: 'annual',
  p1y: 'annual',
  연간: 'annual',
  연: 'annual',
  按年: 'annual',
  每年: 'annual',
};

/** `billing contoso E3 annual`: the subscription, then the cycle (= term, R-ORD-2) as the last word. */
export function parseBillingArguments(
  rest: string,
): { subscription: string; billingCycle: 'monthly' | 'annual' } | undefined {
  const words = rest.split(' ').filter(Boolean);
  const last = (words.at(-1) ?? '').toLowerCase();
  const cycle = CYCLES[last];
  const subscription = words.slice(0, -1).join(' ').slice(0, 300);
  return cycle && subscription ? { subscription, billingCycle: cycle } : undefined;
}

/** `upgrade contoso E3 to Microsoft 365 E5` (ko `대상`, zh `到`); without a target, the choices are shown. */
export function parseUpgradeArguments(rest: string): { subscription: string; product?: string } | undefined {
  const [subscription, product] = rest.split(/\s+to\s+|\s+대상\s+|\s*到\s*/i, 2).map((part) => part.trim());
  if (!subscription) return undefined;
  return product
    ? { subscription: subscription.slice(0, 300), product: product.slice(0, 200) }
    : { subscription: subscription.slice(0, 300) };
}

/** Cards for what partner-center mode answers differently (R-PC-14 and the following rules). */
import type { AdaptiveCardJson } from './cards.js';
import type { Speech } from './i18n.js';
import type { KeyInPartnerCenter } from '../domain/software/locate-key-in-partner-center.js';
import type { SoftwareEntitlements } from '../domain/software/list-software-entitlements.js';
import { renderCard } from './cards.js';
import { factSourceFact } from './partner-center-words.js';
import { MAX_LIST_ITEMS, messageCard } from './common-views.js';

/**
 * The Partner Center dashboard page of a customer's orders. Microsoft documents the dashboard's customer
 * pages (Customers → a customer → Orders / "Order history", learn.microsoft.com/partner-center/customers)
 * but not a deep link to one order, so this is the nearest page: the customer's orders, where the order is
 * opened and, for software, its keys and downloads are shown.
 */
export const dashboardOrdersUrl = (customerTenantId: string): string =>
  `https://partner.microsoft.com/dashboard/commerce/customers/${encodeURIComponent(customerTenantId)}/orders`;

/** R-PC-14: no key, no link of the bot's: the dashboard page. */
export function keyInDashboardCard(s: Speech, found: KeyInPartnerCenter): AdaptiveCardJson {
  return messageCard(s, {
    title: s.m.software.keyTitle(found.productName),
    lines: [s.m.partnerCenter.keyInDashboard(dashboardOrdersUrl(found.customerTenantId))],
    facts: [{ label: found.customerName, value: found.orderId }],
  });
}

/** R-PC-16: which log an activity row comes from (Partner Center's sees only the app account). */
export const activitySourceFact = (s: Speech, source: 'partner-center' | 'bot') => ({
  label: s.m.partnerCenter.sourceLabel,
  value:
    source === 'partner-center'
      ? s.m.partnerCenter.activityFromPartnerCenter
      : s.m.partnerCenter.activityFromBot,
});

/** R-PC-14: the customer's software entitlements at Partner Center; keys and links are in the dashboard. */
export function entitlementsCard(s: Speech, result: SoftwareEntitlements): AdaptiveCardJson {
  const m = s.m.partnerCenter;
  const total = result.entitlements.length;
  return renderCard('record-list', {
    title: m.entitlementsTitle(result.customer.companyName),
    subtitle: m.keyInDashboard(dashboardOrdersUrl(result.customer.tenantId)),
    empty: total === 0 ? m.noEntitlements : '',
    items: result.entitlements.slice(0, MAX_LIST_ITEMS).map((e) => ({
      heading: [e.productId, e.skuId].filter(Boolean).join(':') || '—',
      badge: '',
      badgeColor: 'Default',
      facts: [
        { label: s.m.activity.order, value: e.orderId ?? '—' },
        ...(e.quantity !== null ? [{ label: m.entitlementQuantity, value: String(e.quantity) }] : []),
        ...(e.expiresAt ? [{ label: m.entitlementExpires, value: s.dateTime(e.expiresAt) }] : []),
        factSourceFact(s, result.source),
      ],
      buttons: [],
    })),
    footer: total > MAX_LIST_ITEMS ? `${MAX_LIST_ITEMS} / ${total}` : '',
    actions: [],
  });
}

/** Cards for what partner-center mode answers differently (R-PC-14 and the following rules). */
import type { AdaptiveCardJson } from './cards.js';
import type { Speech } from './i18n.js';
import type { KeyInPartnerCenter } from '../domain/software/locate-key-in-partner-center.js';
import { messageCard } from './views.js';

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

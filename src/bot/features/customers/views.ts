/**
 * Customers, their subscriptions (with the buttons the speaker's roles allow) and their orders.
 */
import { factSourceFact, factSourceLine } from '../../partner-center-words.js';
import type { Actor } from '../../../domain/shared/actor.js';
import type { CustomerOrders } from '../../../domain/customers/list-orders.js';
import type { CustomerSubscriptions } from '../../../domain/customers/list-subscriptions.js';
import type { Customer, Subscription } from '../../../domain/shared/model.js';
import { can } from '../../../domain/shared/roles.js';
import { VERBS } from '../../card-actions.js';
import { renderCard } from '../../cards.js';
import type { AdaptiveCardJson } from '../../cards.js';
import type { Speech } from '../../i18n.js';
import { dashboardWords } from '../../messages/dashboard.js';
import { MAX_LIST_ITEMS, type Button, type Color } from '../../common-views.js';

const customerButtons = (s: Speech, customer: Customer): Button[] => [
  {
    title: s.m.common.subscriptionsButton,
    verb: VERBS.customerSubscriptions,
    data: { customerId: customer.id },
  },
  { title: s.m.common.ordersButton, verb: VERBS.customerOrders, data: { customerId: customer.id } },
];

/** Previous/Next for a paged list of a customer's records (the same verb, with the page). */
const pageButtons = (
  s: Speech,
  verb: string,
  customer: Customer,
  result: { page: number; hasMore: boolean },
): Button[] => [
  ...(result.page > 0
    ? [{ title: s.m.common.previousPage, verb, data: { customerId: customer.id, page: result.page - 1 } }]
    : []),
  ...(result.hasMore
    ? [{ title: s.m.common.nextPage, verb, data: { customerId: customer.id, page: result.page + 1 } }]
    : []),
];

const pageFooter = (s: Speech, result: { page: number; hasMore: boolean }): string =>
  result.page > 0 || result.hasMore ? s.m.common.pageNumber(result.page + 1) : '';

export function customersCard(s: Speech, query: string, customers: readonly Customer[]): AdaptiveCardJson {
  return renderCard('record-list', {
    title: s.m.customers.title(query),
    subtitle: `${s.m.customers.count(customers.length)} · ${factSourceLine(s, customers[0]?.source)}`,
    empty: '',
    items: customers.slice(0, MAX_LIST_ITEMS).map((c) => ({
      heading: c.companyName,
      badge: c.billingCountry,
      badgeColor: 'Accent',
      facts: [
        { label: s.m.customers.domain, value: c.primaryDomain },
        { label: s.m.customers.segment, value: s.m.segments[c.segment] },
        { label: s.m.customers.tenant, value: c.tenantId },
      ],
      buttons: customerButtons(s, c),
    })),
    footer: '',
    actions: [],
  });
}

const statusColor = (status: Subscription['status']): Color =>
  status === 'active'
    ? 'Good'
    : status === 'suspended'
      ? 'Warning'
      : status === 'cancelled'
        ? 'Attention'
        : 'Default';

function subscriptionButtons(s: Speech, actor: Actor, sub: Subscription): Button[] {
  const b = s.m.change.startButton;
  const buttons: Button[] = [];
  if (sub.status === 'active' && can(actor.roles, 'subscription.suspend'))
    buttons.push({ title: b.suspend, verb: VERBS.suspendStart, data: { ref: sub.id } });
  if (sub.status === 'active' && !sub.cancelAt && can(actor.roles, 'subscription.cancel'))
    buttons.push({ title: b.cancel, verb: VERBS.cancelStart, data: { ref: sub.id } });
  if (sub.status === 'suspended' && can(actor.roles, 'subscription.reactivate'))
    buttons.push({ title: b.reactivate, verb: VERBS.reactivateStart, data: { ref: sub.id } });
  // R-ADD-1: a base subscription lists its add-ons and what can be added to it.
  if (sub.status === 'active' && !sub.baseSubscriptionId)
    buttons.push({
      title: dashboardWords(s.locale).addOns.button,
      verb: VERBS.addOnList,
      data: { subscriptionId: sub.id },
    });
  // R-TRM-1, R-UPG-1: the previews say whether it applies; the click checks again (R-ROLE-9).
  const plan = dashboardWords(s.locale).plan;
  if (sub.status === 'active' && !sub.cancelAt && !sub.baseSubscriptionId) {
    if (can(actor.roles, 'subscription.billing')) {
      const other = sub.billingCycle === 'annual' ? 'monthly' : 'annual';
      buttons.push({
        title: plan.switchTo(s.m.cycles[other]),
        verb: VERBS.billingStart,
        data: { ref: sub.id, billingCycle: other },
      });
    }
    if (can(actor.roles, 'subscription.upgrade'))
      buttons.push({ title: plan.upgradeButton, verb: VERBS.upgradeStart, data: { ref: sub.id } });
  }
  return buttons;
}

/** R-ADD-1: add-ons listed right under their base subscription (newest first otherwise). */
function withAddOnsUnderBase(subscriptions: readonly Subscription[]): Subscription[] {
  const ids = new Set(subscriptions.map((s) => s.id));
  const isChild = (s: Subscription) => Boolean(s.baseSubscriptionId && ids.has(s.baseSubscriptionId));
  return subscriptions
    .filter((s) => !isChild(s))
    .flatMap((base) => [
      base,
      ...subscriptions.filter((s) => isChild(s) && s.baseSubscriptionId === base.id),
    ]);
}

export function subscriptionsCard(s: Speech, result: CustomerSubscriptions, actor: Actor): AdaptiveCardJson {
  const m = s.m.subscriptions;
  const total = result.subscriptions.length;
  return renderCard('record-list', {
    title: m.title(result.customer.companyName),
    subtitle: `${result.customer.primaryDomain} · ${s.m.common.timesIn(s.zoneLabel)} · ${factSourceLine(s, result.subscriptions[0]?.source ?? result.customer.source)}`,
    empty: total === 0 ? m.empty : '',
    items: withAddOnsUnderBase(result.subscriptions)
      .slice(0, MAX_LIST_ITEMS)
      .map((sub) => {
        const notes = [
          ...(sub.status === 'active' && !sub.autoRenew ? [m.autoRenewOff] : []),
          ...(sub.cancelAt && sub.status === 'active' ? [m.cancelsOn(s.date(sub.cancelAt))] : []),
          ...(sub.status === 'suspended' && sub.dataDeletedAt
            ? [m.dataDeletedOn(s.date(sub.dataDeletedAt))]
            : []),
        ];
        return {
          heading: sub.baseSubscriptionId
            ? `↳ ${sub.productName} · ${sub.id}`
            : `${sub.productName} · ${sub.id}`,
          badge: [
            s.m.statuses[sub.status],
            ...(sub.baseSubscriptionId
              ? [dashboardWords(s.locale).addOns.addOnOf(sub.baseSubscriptionId)]
              : []),
            ...notes,
          ].join(' · '),
          badgeColor: statusColor(sub.status),
          facts: [
            { label: m.quantity, value: String(sub.quantity) },
            { label: m.cycle, value: s.m.cycles[sub.billingCycle] },
            { label: m.ordered, value: s.dateTime(sub.orderedAt) },
            { label: m.renews, value: sub.status === 'active' ? s.date(sub.renewsAt) : '—' },
            {
              label: m.trialEnds,
              // In its trial while the trial's end is the next renewal (R-BUY-9: it converts to paid there);
              // once converted the renewal moves on and the trial is over.
              value:
                sub.status === 'active' && sub.trialEndsAt && !sub.trialEndsAt.isBefore(sub.renewsAt)
                  ? s.date(sub.trialEndsAt)
                  : '—',
            },
          ],
          buttons: subscriptionButtons(s, actor, sub),
        };
      }),
    footer: pageFooter(s, result),
    actions: pageButtons(s, VERBS.customerSubscriptions, result.customer, result),
  });
}

export function ordersCard(s: Speech, result: CustomerOrders): AdaptiveCardJson {
  const m = s.m.orders;
  const total = result.orders.length;
  return renderCard('record-list', {
    title: m.title(result.customer.companyName),
    subtitle: `${result.customer.primaryDomain} · ${s.m.common.timesIn(s.zoneLabel)} · ${factSourceLine(s, result.orders[0]?.source ?? result.customer.source)}`,
    empty: total === 0 ? m.empty : '',
    items: result.orders.slice(0, MAX_LIST_ITEMS).map((order) => ({
      heading: order.id,
      badge: s.m.orderStatuses[order.status] ?? order.status,
      badgeColor: order.status === 'completed' ? 'Good' : 'Attention',
      facts: [
        { label: m.placed, value: s.dateTime(order.placedAt) },
        ...order.lines.map((line, index) => ({
          label: index === 0 ? s.m.subscriptions.product : ' ',
          value: m.line(line.quantity, line.productName, s.m.cycles[line.billingCycle]),
        })),
        // R-PC-12: Partner Center's orders carry no prices, so no total is shown for them.
        ...(order.source?.system === 'partner-center'
          ? [factSourceFact(s, order.source)]
          : [{ label: m.total, value: s.money(order.total, order.currency) }]),
      ],
      // `order ORD-…`: every line, what it produced and the actions that apply now (R-ORD-1).
      // Partner Center's own order ids are not the bot's: those rows have no Details.
      buttons:
        order.source?.system === 'partner-center'
          ? []
          : [
              {
                title: dashboardWords(s.locale).order.details,
                verb: VERBS.orderShow,
                data: { orderId: order.id },
              },
            ],
    })),
    footer: pageFooter(s, result),
    actions: pageButtons(s, VERBS.customerOrders, result.customer, result),
  });
}

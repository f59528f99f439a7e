/** The order card (R-ORD-1..4) and the catalog card (R-CAT-2..6): the domain decided, these put it in words. */
import type { OrderDetail, OrderLineDetail } from '../../../domain/catalog/show-order.js';
import type { ProductListing, ProductPage } from '../../../domain/catalog/browse-products.js';
import { VERBS } from '../../card-actions.js';
import { renderCard, type AdaptiveCardJson } from '../../cards.js';
import { messageCard, type Button, type Color } from '../../common-views.js';
import type { AddOnListing, AddOnPreview, AddOnResult } from '../../../domain/subscriptions/add-ons.js';
import type { Speech } from '../../i18n.js';
import { dashboardWords } from '../../messages/dashboard.js';
import { factSourceLine } from '../../partner-center-words.js';

const lineStatus = (
  s: Speech,
  line: OrderLineDetail,
  orderStatus: string,
): { text: string; color: Color } => {
  const p = line.produced;
  if (p.kind === 'subscription')
    return {
      text: s.m.statuses[p.status],
      color: p.status === 'active' ? 'Good' : p.status === 'suspended' ? 'Warning' : 'Attention',
    };
  const status = p.kind === 'software' ? p.status : orderStatus;
  return { text: s.m.orderStatuses[status] ?? status, color: status === 'completed' ? 'Good' : 'Attention' };
};

export function orderCard(s: Speech, detail: OrderDetail): AdaptiveCardJson {
  const w = dashboardWords(s.locale).order;
  const money = (n: number) => s.money(n, detail.order.currency);
  const buttons: Button[] = [];
  const a = detail.actions;
  if (a.cancelOrder)
    buttons.push({
      title: w.cancelOrder(a.cancelOrder.daysLeft),
      verb: VERBS.softwareCancelStart,
      data: { product: a.cancelOrder.productId, customer: detail.customer.id },
    });
  for (const id of a.cancelSubscriptions)
    buttons.push({ title: w.cancelSubscription(id), verb: VERBS.cancelStart, data: { ref: id } });
  if (a.key)
    buttons.push({
      title: w.key,
      verb: VERBS.keyStart,
      data: { product: a.key.productId, customer: detail.customer.id },
    });
  if (a.supportRequest)
    buttons.push({ title: w.support, verb: VERBS.supportStart, data: { ref: detail.order.id } });
  const backend = detail.backend;
  const notes = [
    detail.taxIncluded ? w.taxIncluded(detail.customer.billingCountry) : w.taxExcluded,
    ...(backend?.read === true ? [w.backendRead(backend.backendOrderId, backend.status)] : []),
    ...(backend?.read === false
      ? [backend.reason === 'not-found' ? w.backendNotFound : w.backendUnreadable]
      : []),
    ...(buttons.length === 0 ? [w.actionsNone] : []),
  ];
  return renderCard('order-detail', {
    title: w.title(detail.order.id),
    subtitle: `${w.subtitle(detail.customer.companyName, detail.customer.primaryDomain, s.dateTime(detail.order.placedAt))} · ${s.m.orderStatuses[detail.order.status] ?? detail.order.status} · ${factSourceLine(s, backend?.read === true ? backend.source : undefined)}`,
    lines: detail.lines.map((line) => {
      const status = lineStatus(s, line, detail.order.status);
      const p = line.produced;
      return {
        heading: line.productName,
        badge: status.text,
        badgeColor: status.color,
        facts: [
          { label: w.quantity, value: String(line.quantity) },
          { label: w.unitPrice, value: money(line.unitPrice) },
          { label: w.cycle, value: s.m.cycles[line.billingCycle] },
          { label: w.term, value: w.terms[line.term] },
          { label: w.amount, value: money(line.amount) },
          {
            label: w.produced,
            value:
              p.kind === 'subscription'
                ? w.subscription(p.subscriptionId)
                : p.kind === 'software'
                  ? w.software(p.activeKeys)
                  : w.nothing,
          },
        ],
      };
    }),
    totals: [{ label: w.total, value: money(detail.total) }],
    notes: notes.map((text) => ({ text })),
    actions: buttons,
  });
}

function priceText(s: Speech, p: ProductListing): string {
  const w = dashboardWords(s.locale).catalog;
  if (p.unitPrice === 0) return w.free;
  const price = s.money(p.unitPrice, p.currency);
  if (p.kind === 'perpetual-software') return w.once(price);
  // The catalog's convention: a product offering monthly billing is priced per month, else per year.
  return p.billingCycles.includes('monthly') ? w.perMonth(price) : w.perYear(price);
}

function filtersText(s: Speech, page: ProductPage): string {
  const w = dashboardWords(s.locale).catalog;
  const f = page.filters;
  const parts = [
    ...(f.publisher ? [`${w.publisher}: ${f.publisher}`] : []),
    ...(f.billingType ? [w.billingTypes[f.billingType]] : []),
    ...(f.category ? [w.categories[f.category]] : []),
    ...(f.type ? [f.type] : []),
    ...(f.search ? [`“${f.search}”`] : []),
  ];
  return w.filters(parts.length > 0 ? parts.join(' · ') : w.noFilters);
}

export function productsCard(s: Speech, page: ProductPage): AdaptiveCardJson {
  const w = dashboardWords(s.locale).catalog;
  const o = dashboardWords(s.locale).order;
  const pageButton = (title: string, to: number): Button => ({
    title,
    verb: VERBS.catalogPage,
    data: { ...page.filters, page: to },
  });
  const leftOut = page.excluded.reduce((sum, e) => sum + e.count, 0);
  const footer = [
    ...(page.customer
      ? [page.taxIncluded ? o.taxIncluded(page.customer.billingCountry) : o.taxExcluded]
      : [w.noCustomerBuy]),
    ...(page.offers ? [page.offers.read ? w.offersRead : w.offersUnreadable] : []),
    ...(leftOut > 0
      ? [
          w.leftOut(leftOut),
          ...page.excluded.map((e) => w.leftOutLine(e.count, w.exclusions[e.reason] ?? e.reason, e.rule)),
        ]
      : []),
  ];
  return renderCard('record-list', {
    title: page.customer ? w.titleFor(page.customer.companyName) : w.title,
    subtitle: `${filtersText(s, page)} · ${w.count(page.total, page.page + 1, page.pageCount)}`,
    empty: page.items.length === 0 ? w.empty : '',
    items: page.items.map((p) => ({
      heading: p.name,
      badge: priceText(s, p),
      badgeColor: 'Accent',
      facts: [
        { label: w.publisher, value: p.publisher },
        { label: w.kind, value: w.kinds[p.kind] },
        { label: w.billingType, value: w.billingTypes[p.billingType] },
        { label: w.category, value: w.categories[p.category] },
        { label: w.cycles, value: s.list(p.billingCycles.map((c) => s.m.cycles[c])) },
        { label: w.trial, value: p.trialDays ? w.trialDays(p.trialDays) : w.noTrial },
        { label: w.segments, value: s.list(p.segments.map((seg) => s.m.segments[seg])) },
        ...(p.addOnFor.length > 0 ? [{ label: w.addOnFor, value: s.list(p.addOnFor) }] : []),
      ],
      buttons:
        p.buyable && page.customer
          ? [{ title: w.buy, verb: VERBS.buyStart, data: { customer: page.customer.id, product: p.id } }]
          : [],
    })),
    footer: footer.join('\n\n'),
    actions: [
      ...(page.page > 0 ? [pageButton(w.previous, page.page - 1)] : []),
      ...(page.page + 1 < page.pageCount ? [pageButton(w.next, page.page + 1)] : []),
    ],
  });
}

const statusColor = (status: string): Color =>
  status === 'active' ? 'Good' : status === 'suspended' ? 'Warning' : 'Attention';

/** `addons <subscription>`: attached add-ons, then those that can be bought for it (R-ADD-1, R-ADD-2). */
export function addOnsCard(s: Speech, listing: AddOnListing): AdaptiveCardJson {
  const w = dashboardWords(s.locale).addOns;
  const b = listing.base;
  const items = [
    ...listing.held.map((a) => ({
      heading: `${a.productName} · ${a.id}`,
      badge: `${w.attached} · ${s.m.statuses[a.status]}`,
      badgeColor: statusColor(a.status),
      facts: [{ label: w.licences, value: String(a.quantity) }],
      buttons: [] as Button[],
    })),
    ...listing.available.map((p) => ({
      heading: p.name,
      badge: w.canBuy,
      badgeColor: 'Accent' as Color,
      facts: [
        { label: w.fullTerm, value: w.perTerm(s.money(p.unitPrice, p.currency), s.m.cycles[b.billingCycle]) },
        { label: w.room, value: w.roomValue(p.room) },
      ],
      buttons: p.buyable
        ? [
            {
              title: w.buy,
              verb: VERBS.addOnStart,
              data: { baseSubscriptionId: b.id, productId: p.productId },
            },
          ]
        : [],
    })),
  ];
  const o = dashboardWords(s.locale).order;
  return renderCard('record-list', {
    title: w.title(b.productName, b.id),
    subtitle: `${w.subtitle(b.customerName, b.quantity, s.date(b.renewsAt))} · ${s.m.statuses[b.status]}`,
    empty: items.length === 0 ? w.none : '',
    items,
    footer: [listing.taxIncluded ? o.taxIncludedShort : o.taxExcluded, w.followsBase].join('\n\n'),
    actions: [],
  });
}

/** The Buy button of an add-on: its price now and for a full term, its renewal, and the licence count. */
export function addOnPreviewCard(s: Speech, p: AddOnPreview): AdaptiveCardJson {
  const w = dashboardWords(s.locale).addOns;
  const o = dashboardWords(s.locale).order;
  return renderCard('addon-buy', {
    title: w.previewTitle(p.productName),
    summary: w.previewSummary(p.productName, `${p.baseName} (${p.baseId})`, p.customerName),
    facts: [
      { label: w.base, value: `${p.baseName} · ${p.baseId}` },
      {
        label: w.fullTerm,
        value: w.perTerm(s.money(p.unitFullTerm, p.currency), s.m.cycles[p.billingCycle]),
      },
      { label: w.firstCharge, value: s.money(p.unitFirstCharge, p.currency) },
      { label: w.renews, value: s.date(p.renewsAt) },
    ],
    quantityLabel: w.quantityLabel,
    defaultQuantity: 1,
    maxQuantity: p.room,
    quantityError: w.quantityError(p.room),
    notes: [
      w.coterminous,
      w.atMost(p.room, p.room),
      w.followsBase,
      p.taxIncluded ? o.taxIncludedShort : o.taxExcluded,
    ].map((text) => ({ text })),
    expiry: s.m.common.expiresAt(s.dateTime(p.expiresAt)),
    confirmTitle: w.confirm,
    confirmVerb: VERBS.addOnConfirm,
    confirmData: { pendingId: p.pendingId },
    cancelTitle: s.m.common.cancel,
    cancelVerb: VERBS.pendingDiscard,
    cancelData: { pendingId: p.pendingId, action: 'subscription.addon' },
  });
}

export function addOnResultCard(s: Speech, r: AddOnResult, note?: string): AdaptiveCardJson {
  const w = dashboardWords(s.locale).addOns;
  const o = dashboardWords(s.locale).order;
  return messageCard(s, {
    title: w.doneTitle(r.productName),
    color: 'Good',
    lines: [
      ...(note ? [note] : []),
      w.done(r.quantity, r.productName, r.baseId, r.orderId),
      r.taxIncluded ? o.taxIncludedShort : o.taxExcluded,
    ],
    facts: [
      { label: w.subscription, value: r.subscriptionId },
      { label: w.charged, value: s.money(r.charge, r.currency) },
      { label: w.renews, value: s.date(r.renewsAt) },
    ],
    buttons: [{ title: o.details, verb: VERBS.orderShow, data: { orderId: r.orderId } }],
  });
}

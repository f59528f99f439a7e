/** Cards for buying and changing subscriptions: the cart, previews with their consequences, results. */
import type { CartView } from '../domain/purchase/cart.js';
import type { PurchaseResult } from '../domain/purchase/purchase-cart.js';
import type { CancellationEffect } from '../domain/subscriptions/cancellation-policy.js';
import type { CancelPreview } from '../domain/subscriptions/preview-cancellation.js';
import type { CancelResult } from '../domain/subscriptions/cancel-subscription.js';
import type { CancelTarget } from '../domain/subscriptions/start-cancellation.js';
import type { SubscriptionChange } from '../domain/subscriptions/subscription-change.js';
import { VERBS } from './card-actions.js';
import { renderCard, type AdaptiveCardJson } from './cards.js';
import type { Speech } from './i18n.js';
import { messageCard } from './views.js';

/** "3 h 12 m", "3시간 12분", "3 小时 12 分钟"; days when over 48 hours. */
export function formatDuration(s: Speech, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const unit = {
    en: { d: (n: number) => `${n} d`, h: (n: number) => `${n} h`, m: (n: number) => `${n} m` },
    ko: { d: (n: number) => `${n}일`, h: (n: number) => `${n}시간`, m: (n: number) => `${n}분` },
    zh: { d: (n: number) => `${n} 天`, h: (n: number) => `${n} 小时`, m: (n: number) => `${n} 分钟` },
  }[s.locale];
  if (minutes >= 48 * 60) return `${unit.d(days)} ${unit.h(hours)}`;
  const totalHours = Math.floor(minutes / 60);
  return totalHours > 0 ? `${unit.h(totalHours)} ${unit.m(mins)}` : unit.m(mins);
}

export function cartCard(s: Speech, cart: CartView, notice?: string): AdaptiveCardJson {
  const m = s.m.cart;
  return renderCard('cart', {
    title: m.title(cart.customerName),
    notice: notice ?? '',
    lines: cart.lines.map((line, i) => ({
      productName: line.productName,
      priceText: m.unitPrice(s.money(line.unitPrice, line.currency), s.m.cycles[line.billingCycle]),
      quantityInputId: `quantity-${i}`,
      quantity: line.quantity,
      maxQuantity: line.maxQuantity,
      quantityError: s.m.refusals.quantity({ max: line.maxQuantity }),
      cycleInputId: `cycle-${i}`,
      billingCycle: line.billingCycle,
      cycleChoices: line.cyclesOffered.map((c) => ({ title: s.m.cycles[c], value: c })),
      lineTotalText: s.money(line.lineTotal, line.currency),
      trialText: line.trialDays ? m.trial(line.trialDays) : '',
      setupText: line.isvSetup ? m.isvSetup : '',
      catalogText: line.catalogItemId ? s.m.partnerCenter.catalogItem(line.catalogItemId) : '',
      removable: cart.lines.length > 1,
      removeData: { pendingId: cart.pendingId, index: i },
    })),
    quantityLabel: m.quantity,
    cycleLabel: m.cycle,
    lineTotalLabel: m.lineTotal,
    removeTitle: m.remove,
    totalLabel: m.total,
    totalText: s.money(cart.total, cart.currency),
    taxText: cart.taxIncluded ? m.taxIncluded(cart.billingCountry) : m.taxExcluded,
    autoRenewText: m.autoRenew,
    expiryText: m.expires(s.dateTime(cart.expiresAt)),
    purchaseTitle: m.purchase,
    updateTitle: m.update,
    addTitle: m.addTitle,
    addPlaceholder: m.addPlaceholder,
    addButton: m.add,
    discardTitle: m.discard,
    pendingData: { pendingId: cart.pendingId },
    discardData: { pendingId: cart.pendingId, action: 'subscription.buy' },
    catalog: cart.catalog.map((p) => ({ title: p.name, value: p.id })),
  });
}

export function purchaseResultCard(s: Speech, result: PurchaseResult, note?: string): AdaptiveCardJson {
  const m = s.m.purchase;
  return messageCard(s, {
    title: m.title(result.orderId),
    color: 'Good',
    lines: [
      ...(note ? [note] : []),
      m.summary(result.customerName, s.money(result.total, result.currency)),
      ...result.lines.map((line) =>
        [
          m.line(line.quantity, line.productName, s.m.cycles[line.billingCycle], line.subscriptionId),
          line.trialEndsAt ? m.trialUntil(s.date(line.trialEndsAt)) : m.renews(s.date(line.renewsAt)),
        ].join(' · '),
      ),
      ...result.lines.filter((l) => l.setupUrl).map((l) => `[${m.setup(l.productName)}](${l.setupUrl})`),
      result.taxIncluded ? s.m.cart.taxIncluded(result.billingCountry) : s.m.cart.taxExcluded,
    ],
  });
}

const changeFacts = (s: Speech, c: SubscriptionChange) => [
  { label: s.m.change.subscription, value: `${c.productName} · ${c.subscriptionId}` },
  { label: s.m.change.customer, value: c.customerName },
  { label: s.m.change.status, value: s.m.statuses[c.status] },
  { label: s.m.change.licenses, value: `${c.quantity} · ${s.m.cycles[c.billingCycle]}` },
];

function changeConsequences(s: Speech, c: SubscriptionChange): string[] {
  const m = s.m.change;
  switch (c.action) {
    case 'subscription.suspend':
      return [
        m.suspendLosesAccess,
        m.suspendDataDeleted(s.dateTime(c.dataDeletedAt), c.retentionDays ?? 0),
        ...(c.stillBilled ? [m.suspendStillBilled] : []),
      ];
    case 'subscription.reactivate':
      return [
        m.reactivateRestores,
        ...(c.dataDeletedAt ? [m.reactivateDeadline(s.dateTime(c.dataDeletedAt))] : []),
      ];
    case 'subscription.autorenew':
      return c.autoRenew
        ? [m.autoRenewOn(s.date(c.renewsAt)), ...(c.cancelAt === null ? [] : [])]
        : [m.autoRenewOff(s.date(c.renewsAt))];
    case 'subscription.licenses':
      return [
        m.licensesFromTo(c.fromQuantity ?? 0, c.toQuantity ?? 0),
        m.licensesCharge(
          `${(c.chargeDelta ?? 0) >= 0 ? '+' : '−'}${s.money(Math.abs(c.chargeDelta ?? 0), c.currency ?? 'USD')}`,
        ),
      ];
    default:
      return [];
  }
}

const CONFIRM_VERB: Record<string, string> = {
  'subscription.suspend': VERBS.suspendConfirm,
  'subscription.reactivate': VERBS.reactivateConfirm,
  'subscription.autorenew': VERBS.autoRenewConfirm,
  'subscription.licenses': VERBS.licensesConfirm,
};

const changeTitle = (s: Speech, c: SubscriptionChange): string => {
  const m = s.m.change;
  return c.action === 'subscription.suspend'
    ? m.suspendTitle
    : c.action === 'subscription.reactivate'
      ? m.reactivateTitle
      : c.action === 'subscription.autorenew'
        ? m.autoRenewTitle(Boolean(c.autoRenew))
        : m.licensesTitle;
};

export function changePreviewCard(s: Speech, change: SubscriptionChange): AdaptiveCardJson {
  const destructive =
    change.action === 'subscription.suspend' ||
    (change.action === 'subscription.autorenew' && !change.autoRenew);
  return renderCard('confirm', {
    title: changeTitle(s, change),
    summary: `${change.productName} — ${change.customerName}`,
    facts: changeFacts(s, change),
    consequences: changeConsequences(s, change).map((text) => ({ text })),
    consequenceStyle: destructive ? 'attention' : 'emphasis',
    expiry: s.m.common.expiresAt(s.dateTime(change.expiresAt)),
    confirmTitle: s.m.common.confirm,
    confirmVerb: CONFIRM_VERB[change.action],
    confirmData: { pendingId: change.pendingId },
    confirmStyle: destructive ? 'destructive' : 'positive',
    cancelTitle: s.m.common.cancel,
    cancelVerb: VERBS.pendingDiscard,
    cancelData: { pendingId: change.pendingId, action: change.action },
  });
}

export function changeResultCard(s: Speech, change: SubscriptionChange, note?: string): AdaptiveCardJson {
  const m = s.m.change;
  const title =
    change.action === 'subscription.suspend'
      ? m.suspended
      : change.action === 'subscription.reactivate'
        ? m.reactivated
        : change.action === 'subscription.autorenew'
          ? m.autoRenewChanged(Boolean(change.autoRenew))
          : m.licensesChanged(change.toQuantity ?? change.quantity);
  return messageCard(s, {
    title,
    color: 'Good',
    lines: [...(note ? [note] : []), ...changeConsequences(s, change)],
    facts: changeFacts(s, change),
  });
}

export function cancelReasonCard(s: Speech, target: CancelTarget): AdaptiveCardJson {
  const m = s.m.cancel;
  return renderCard('cancel-reason', {
    title: m.reasonTitle,
    prompt: m.reasonPrompt(`${target.productName} (${target.subscriptionId})`, target.customerName),
    label: m.reasonLabel,
    placeholder: m.reasonPlaceholder,
    continueTitle: m.continue,
    data: { subscriptionId: target.subscriptionId },
  });
}

/** The effect in words (R-CAN-1..4, R-NCE-1). */
export function effectText(s: Speech, effect: CancellationEffect): string {
  const m = s.m.cancel;
  switch (effect.kind) {
    case 'cancel-now-full-credit':
      return m.fullCredit(s.money(effect.credit, effect.currency));
    case 'cancel-at-renewal':
      return m.atRenewal(s.date(effect.cancelAt));
    case 'deprovision-now':
      return m.deprovision;
    case 'cancel-now-prorated-refund':
      return m.prorated(s.money(effect.refund, effect.currency));
    case 'cancel-now-trial':
      return m.trial;
  }
}

export function cancelPreviewCard(s: Speech, preview: CancelPreview, notice?: string): AdaptiveCardJson {
  const m = s.m.cancel;
  return renderCard('confirm', {
    title: m.title,
    summary: notice ?? `${preview.productName} — ${preview.customerName}`,
    facts: [
      { label: s.m.change.subscription, value: `${preview.productName} · ${preview.subscriptionId}` },
      { label: s.m.change.customer, value: preview.customerName },
      { label: s.m.change.licenses, value: `${preview.quantity} · ${s.m.cycles[preview.billingCycle]}` },
      { label: m.reason, value: preview.reason },
    ],
    consequences: [
      { text: effectText(s, preview.effect) },
      ...(preview.windowLeftMs !== null ? [{ text: m.left(formatDuration(s, preview.windowLeftMs)) }] : []),
    ],
    consequenceStyle: 'attention',
    expiry: s.m.common.expiresAt(s.dateTime(preview.expiresAt)),
    confirmTitle: m.yes,
    confirmVerb: VERBS.cancelConfirm,
    confirmData: { pendingId: preview.pendingId },
    confirmStyle: 'destructive',
    cancelTitle: m.keep,
    cancelVerb: VERBS.pendingDiscard,
    cancelData: { pendingId: preview.pendingId, action: 'subscription.cancel' },
  });
}

export function cancelResultCard(s: Speech, result: CancelResult, note?: string): AdaptiveCardJson {
  const m = s.m.cancel;
  return messageCard(s, {
    title: result.effect.kind === 'cancel-at-renewal' ? m.scheduledTitle : m.doneTitle,
    color: 'Good',
    lines: [...(note ? [note] : []), effectText(s, result.effect)],
    facts: [
      { label: s.m.change.subscription, value: `${result.productName} · ${result.subscriptionId}` },
      { label: s.m.change.customer, value: result.customerName },
      { label: m.reason, value: result.reason },
    ],
  });
}

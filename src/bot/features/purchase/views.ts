/**
 * The cart under review and the result of a purchase.
 */
import type { CartView } from '../../../domain/purchase/cart.js';
import type { PurchaseResult } from '../../../domain/purchase/purchase-cart.js';
import { renderCard } from '../../cards.js';
import type { AdaptiveCardJson } from '../../cards.js';
import type { Speech } from '../../i18n.js';
import { messageCard } from '../../common-views.js';

export function cartCard(s: Speech, cart: CartView, notice?: string): AdaptiveCardJson {
  const m = s.m.cart;
  return renderCard('cart', {
    title: m.title(cart.customerName),
    notice: notice ?? '',
    lines: cart.lines.map((line, i) => ({
      productName: line.productName,
      priceText: m.unitPrice(s.money(line.unitPrice, line.currency), s.m.cycles[line.billingCycle]),
      catalogText: line.catalogItemId ? s.m.partnerCenter.catalogItem(line.catalogItemId) : '',
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
    autoRenewText: cart.lines.some((line) => line.renews) ? m.autoRenew : m.perpetual,
    expiryText: m.expires(s.dateTime(cart.expiresAt)),
    purchaseTitle: m.purchase,
    updateTitle: m.update,
    addTitle: m.addTitle,
    addPlaceholder: m.addPlaceholder,
    addLabel: s.m.common.productLabel,
    addError: s.m.common.chooseOne,
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
          m.line(
            line.quantity,
            line.productName,
            line.renews ? s.m.cycles[line.billingCycle] : m.oneTime,
            line.subscriptionId ?? m.provisioning,
          ),
          line.trialEndsAt
            ? m.trialUntil(s.date(line.trialEndsAt))
            : line.renews
              ? m.renews(s.date(line.renewsAt))
              : m.perpetual,
        ].join(' · '),
      ),
      ...result.lines.filter((l) => l.setupUrl).map((l) => `[${m.setup(l.productName)}](${l.setupUrl})`),
      result.taxIncluded ? s.m.cart.taxIncluded(result.billingCountry) : s.m.cart.taxExcluded,
    ],
  });
}

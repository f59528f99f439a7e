/**
 * Changes to a subscription (preview, result) and cancellation (reason, preview with its effect, result).
 */
import { factSourceFact, windowDiffersText } from '../../partner-center-words.js';
import type { CancellationEffect } from '../../../domain/subscriptions/cancellation-policy.js';
import type { CancelPreview } from '../../../domain/subscriptions/preview-cancellation.js';
import type { CancelResult } from '../../../domain/subscriptions/cancel-subscription.js';
import type { CancelTarget } from '../../../domain/subscriptions/start-cancellation.js';
import type { SubscriptionChange } from '../../../domain/subscriptions/subscription-change.js';
import { VERBS } from '../../card-actions.js';
import { renderCard } from '../../cards.js';
import type { AdaptiveCardJson } from '../../cards.js';
import type { Speech } from '../../i18n.js';
import { messageCard, formatDuration } from '../../common-views.js';
import { dashboardWords } from '../../messages/dashboard.js';

/** R-ADD-4, R-ADD-5: the add-ons that follow the change of their base. */
const followers = (s: Speech, addOns: readonly string[] | undefined): string[] =>
  addOns && addOns.length > 0 ? [dashboardWords(s.locale).addOns.follow(s.list(addOns))] : [];

const changeFacts = (s: Speech, c: SubscriptionChange) => [
  { label: s.m.change.subscription, value: `${c.productName} · ${c.subscriptionId}` },
  { label: s.m.change.customer, value: c.customerName },
  { label: s.m.change.status, value: s.m.statuses[c.status] },
  { label: s.m.change.licenses, value: `${c.quantity} · ${s.m.cycles[c.billingCycle]}` },
];

function changeConsequences(s: Speech, c: SubscriptionChange, done = false): string[] {
  const m = s.m.change;
  switch (c.action) {
    case 'subscription.suspend':
      return [
        m.suspendLosesAccess,
        m.suspendDataDeleted(s.dateTime(c.dataDeletedAt), c.retentionDays ?? 0),
        ...(c.stillBilled ? [m.suspendStillBilled] : []),
      ];
    case 'subscription.reactivate':
      // Once reactivated there is no deadline left to tell (it was the suspension's).
      return done
        ? [m.reactivatedRestored]
        : [
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
    case 'subscription.billing':
    case 'subscription.upgrade':
      return planConsequences(s, c);
    default:
      return [];
  }
}

/** R-TRM-1, R-TRM-2, R-UPG-3: what changes, when, and the price. */
function planConsequences(s: Speech, c: SubscriptionChange): string[] {
  const w = dashboardWords(s.locale).plan;
  const money = (n: number) => s.money(n, c.currency ?? 'USD');
  const from = `${c.productName} (${s.m.cycles[c.billingCycle]})`;
  const to = `${c.toProductName ?? c.productName} (${s.m.cycles[c.toBillingCycle ?? c.billingCycle]})`;
  const charge = c.chargeNow ?? 0;
  return [
    w.fromTo(from, to),
    c.effective === 'at-renewal'
      ? w.atRenewal(s.date(c.renewsAt))
      : c.action === 'subscription.upgrade'
        ? w.upgradeNow
        : w.now,
    w.perTerm(money(c.fromTermCharge ?? 0), money(c.toTermCharge ?? 0)),
    charge > 0 ? w.chargeNow(money(charge)) : charge < 0 ? w.creditNow(money(-charge)) : w.nothingNow,
  ];
}

const CONFIRM_VERB: Record<string, string> = {
  'subscription.suspend': VERBS.suspendConfirm,
  'subscription.reactivate': VERBS.reactivateConfirm,
  'subscription.autorenew': VERBS.autoRenewConfirm,
  'subscription.licenses': VERBS.licensesConfirm,
  'subscription.billing': VERBS.billingConfirm,
  'subscription.upgrade': VERBS.upgradeConfirm,
};

const changeTitle = (s: Speech, c: SubscriptionChange): string => {
  const m = s.m.change;
  return c.action === 'subscription.suspend'
    ? m.suspendTitle
    : c.action === 'subscription.reactivate'
      ? m.reactivateTitle
      : c.action === 'subscription.autorenew'
        ? m.autoRenewTitle(Boolean(c.autoRenew))
        : c.action === 'subscription.billing'
          ? dashboardWords(s.locale).plan.billingTitle
          : c.action === 'subscription.upgrade'
            ? dashboardWords(s.locale).plan.upgradeTitle
            : m.licensesTitle;
};

export function changePreviewCard(s: Speech, change: SubscriptionChange): AdaptiveCardJson {
  const destructive =
    change.action === 'subscription.suspend' ||
    (change.action === 'subscription.autorenew' && !change.autoRenew);
  return renderCard('confirm', {
    title: changeTitle(s, change),
    summary: `${change.productName} — ${change.customerName}`,
    facts: [...changeFacts(s, change), factSourceFact(s, change.source)],
    consequences: [
      ...changeConsequences(s, change),
      ...followers(s, change.addOns),
      ...(change.partnerCenterRefundable !== undefined
        ? [s.m.partnerCenter.refundableQuantity(change.partnerCenterRefundable)]
        : []),
    ].map((text) => ({ text })),
    consequenceStyle: destructive ? 'attention' : 'emphasis',
    expiry: s.m.common.expiresAt(s.dateTime(change.expiresAt)),
    confirmTitle: s.m.common.confirm,
    confirmVerb: CONFIRM_VERB[change.action],
    confirmData: { pendingId: change.pendingId },
    confirmStyle: destructive ? 'destructive' : 'positive',
    cancelTitle: s.m.common.notNow,
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
          : change.action === 'subscription.billing'
            ? change.effective === 'at-renewal'
              ? dashboardWords(s.locale).plan.billingScheduled
              : dashboardWords(s.locale).plan.billingDone
            : change.action === 'subscription.upgrade'
              ? dashboardWords(s.locale).plan.upgradeDone
              : m.licensesChanged(change.toQuantity ?? change.quantity);
  return messageCard(s, {
    title,
    color: 'Good',
    lines: [...(note ? [note] : []), ...changeConsequences(s, change, true), ...followers(s, change.addOns)],
    facts: [...changeFacts(s, change), factSourceFact(s, change.source)],
    // A suspension is undone by reactivating: the way back is on the card that reports it.
    buttons:
      change.action === 'subscription.suspend' && change.status === 'suspended'
        ? [
            {
              title: m.startButton.reactivate,
              verb: VERBS.reactivateStart,
              data: { ref: change.subscriptionId },
            },
          ]
        : [],
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
      factSourceFact(s, preview.source),
    ],
    consequences: [
      { text: effectText(s, preview.effect) },
      ...followers(s, preview.addOns).map((text) => ({ text })),
      ...(preview.windowLeftMs !== null ? [{ text: m.left(formatDuration(s, preview.windowLeftMs)) }] : []),
      ...windowDiffersText(
        s,
        'windowClosesAt' in preview.effect ? preview.effect.windowClosesAt : undefined,
        'ruleWindowClosesAt' in preview.effect ? preview.effect.ruleWindowClosesAt : undefined,
      ).map((text) => ({ text })),
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
    lines: [...(note ? [note] : []), effectText(s, result.effect), ...followers(s, result.addOns)],
    facts: [
      { label: s.m.change.subscription, value: `${result.productName} · ${result.subscriptionId}` },
      { label: s.m.change.customer, value: result.customerName },
      { label: m.reason, value: result.reason },
    ],
  });
}

/**
 * Software: a customer's purchases, the key chooser and the key, cancelling an order, the activity report.
 */
import { activitySourceFact } from '../../views-partner-center.js';
import type { Actor } from '../../../domain/shared/actor.js';
import type { Customer } from '../../../domain/shared/model.js';
import { can } from '../../../domain/shared/roles.js';
import type { ActivityPage } from '../../../domain/software/activity.js';
import type { SoftwarePurchase } from '../../../domain/ports/software.js';
import type { SoftwareCancelPreview } from '../../../domain/software/start-software-cancel.js';
import type { SoftwareCancelResult } from '../../../domain/software/cancel-software-order.js';
import type { KeyChooser } from '../../../domain/software/request-key.js';
import type { RevealedKey } from '../../../domain/software/reveal-key.js';
import { VERBS } from '../../card-actions.js';
import { renderCard } from '../../cards.js';
import type { AdaptiveCardJson } from '../../cards.js';
import type { Speech } from '../../i18n.js';
import { MAX_LIST_ITEMS, messageCard, formatDuration } from '../../common-views.js';

export function softwareListCard(
  s: Speech,
  actor: Actor,
  customer: Customer,
  purchases: readonly SoftwarePurchase[],
): AdaptiveCardJson {
  const m = s.m.software;
  return renderCard('record-list', {
    title: m.listTitle(customer.companyName),
    subtitle: `${customer.primaryDomain} · ${s.m.common.timesIn(s.zoneLabel)}`,
    empty: purchases.length === 0 ? m.empty : '',
    items: purchases.slice(0, MAX_LIST_ITEMS).map((p) => ({
      heading: `${p.productName} · ${p.orderId}`,
      badge: s.m.orderStatuses[p.status] ?? p.status,
      badgeColor: p.status === 'completed' ? 'Good' : 'Attention',
      facts: [
        { label: m.placed, value: s.dateTime(p.placedAt) },
        { label: m.quantity, value: String(p.quantity) },
        ...(p.status === 'completed' && p.cancelRestriction === 'not-cancellable'
          ? [{ label: m.cancellation, value: m.notCancellable }]
          : []),
        {
          label: m.keyStatus,
          value:
            p.status === 'cancelled'
              ? m.cancelledNoKey(s.date(p.cancelledAt), s.money(p.creditAmount ?? 0, p.currency))
              : p.activeKeys > 0
                ? m.keysIssued(p.activeKeys)
                : m.noKey,
        },
      ],
      buttons:
        p.status === 'completed'
          ? [
              ...(can(actor.roles, 'software.key') && p.softwareOptions
                ? [{ title: m.getKey, verb: VERBS.keyStart, data: { product: p.orderId, customer: '' } }]
                : []),
              // Only a button that can lead somewhere: SUSE and Red Hat plans cannot be cancelled at all
              // (R-SWC-3), Windows 7 ESU only through a support request (R-SWC-2).
              ...(can(actor.roles, 'software.cancel') && p.cancelRestriction === 'none'
                ? [
                    {
                      title: m.cancelOrder,
                      verb: VERBS.softwareCancelStart,
                      data: { product: p.orderId, customer: '' },
                    },
                  ]
                : []),
              ...(can(actor.roles, 'support.request') && p.cancelRestriction === 'support-request-only'
                ? [{ title: m.supportButton, verb: VERBS.supportStart, data: { ref: p.orderId } }]
                : []),
            ]
          : [],
    })),
    footer: '',
    actions: [],
  });
}

export function keyChooserCard(s: Speech, chooser: KeyChooser): AdaptiveCardJson {
  const m = s.m.software;
  const o = chooser.options;
  const preferred = o.languages.find((l) => l.toLowerCase().startsWith(s.locale)) ?? o.languages[0];
  return renderCard('key-options', {
    title: m.chooserTitle(chooser.productName),
    prompt: m.chooserPrompt(chooser.customerName, chooser.orderId),
    versionLabel: m.version,
    languageLabel: m.language,
    requiredError: s.m.common.chooseOne,
    variantLabel: o.variantKind === 'bitness' ? m.bitness : m.fileType,
    versions: o.versions.map((v) => ({ title: v, value: v })),
    languages: o.languages.map((l) => ({ title: l, value: l })),
    variants: o.variants.map((v) => ({ title: v.label, value: v.id })),
    defaultVersion: o.versions[0],
    defaultLanguage: preferred,
    defaultVariant: o.variants[0]?.id,
    note: `${m.privateNote} ${s.m.common.expiresAt(s.dateTime(chooser.expiresAt))}`,
    confirmTitle: m.getKeyAndLink,
    cancelTitle: s.m.common.notNow,
    pendingData: { pendingId: chooser.pendingId },
    discardData: { pendingId: chooser.pendingId, action: 'software.key' },
  });
}

export function keyCard(s: Speech, key: RevealedKey, notice?: string): AdaptiveCardJson {
  const m = s.m.software;
  return renderCard('software-key', {
    title: m.keyTitle(key.productName),
    notice: notice ?? '',
    facts: [
      { label: s.m.change.customer, value: key.customerName },
      { label: m.order, value: key.orderId },
      { label: m.version, value: m.edition(key.version, key.language, key.variantLabel) },
    ],
    keyLabel: m.keyLabel,
    productKey: key.productKey,
    linkRules: m.linkRules(s.dateTime(key.linkExpiresAt), key.downloadsLeft),
    privateNote: m.privateNote,
    downloadTitle: m.download,
    downloadUrl: key.downloadUrl,
  });
}

export function softwareCancelCard(
  s: Speech,
  preview: SoftwareCancelPreview,
  notice?: string,
): AdaptiveCardJson {
  const m = s.m.software;
  const credit = s.money(preview.credit, preview.currency);
  return renderCard('acknowledge', {
    title: m.cancelTitle,
    notice: notice ?? '',
    summary: m.cancelSummary(preview.productName, preview.customerName),
    facts: [
      { label: m.order, value: preview.orderId },
      { label: m.placed, value: s.dateTime(preview.placedAt) },
    ],
    consequences: [
      m.daysLeft(formatDuration(s, preview.windowLeftMs), s.dateTime(preview.windowClosesAt)),
      preview.creditKind === 'full' ? m.creditFull(credit) : m.creditProrated(credit),
      m.revokes(preview.activeKeys),
      m.stillListed,
    ].map((text) => ({ text })),
    acknowledgement: m.acknowledge,
    acknowledgeLabel: s.m.common.acknowledgeLabel,
    expiry: s.m.common.expiresAt(s.dateTime(preview.expiresAt)),
    confirmTitle: m.confirmCancel,
    confirmVerb: VERBS.softwareCancelConfirm,
    confirmData: { pendingId: preview.pendingId },
    cancelTitle: m.keep,
    cancelData: { pendingId: preview.pendingId, action: 'software.cancel' },
  });
}

export function softwareCancelResultCard(
  s: Speech,
  result: SoftwareCancelResult,
  note?: string,
): AdaptiveCardJson {
  const m = s.m.software;
  return messageCard(s, {
    title: m.cancelledTitle(result.orderId),
    color: 'Good',
    lines: [
      ...(note ? [note] : []),
      m.cancelledCredit(s.money(result.credit, result.currency)),
      m.revoked(result.keysRevoked, result.linksRevoked),
      m.stillListed,
      m.dashboardDelay,
    ],
  });
}

export function activityCard(s: Speech, page: ActivityPage): AdaptiveCardJson {
  const m = s.m.activity;
  const filters = {
    from: page.fromDay,
    to: page.toDay,
    ...(page.customerId ? { customer: page.customerId } : {}),
  };
  return renderCard('record-list', {
    title: m.title,
    subtitle: [
      m.range(page.fromDay, page.toDay),
      ...(page.customerName ? [m.forCustomer(page.customerName)] : []),
      s.m.common.timesIn(s.zoneLabel),
    ].join(' · '),
    empty: page.total === 0 ? m.empty : '',
    // Two lines per event: when, what and who; then the customer, with the product, order and source.
    items: page.events.map((e) => ({
      heading: [
        s.dateTime(e.at),
        e.source === 'partner-center' ? e.action : e.action === 'software.download' ? m.download : m.keyView,
        e.actorName ?? e.actorAadObjectId ?? '—',
      ].join(' · '),
      badge: '',
      badgeColor: 'Default',
      facts: [
        {
          label: e.customerName ?? e.customerId ?? '—',
          value: [
            e.productName ?? e.productId ?? '—',
            e.subjectId ?? '—',
            ...(e.source ? [activitySourceFact(s, e.source).value] : []),
          ].join(' · '),
        },
      ],
      buttons: [],
    })),
    footer: page.total > 0 ? m.page(page.page + 1, page.pages, page.total) : '',
    actions: [
      ...(page.page > 0
        ? [{ title: m.previous, verb: VERBS.activityPage, data: { ...filters, page: page.page - 1 } }]
        : []),
      ...(page.page + 1 < page.pages
        ? [{ title: m.next, verb: VERBS.activityPage, data: { ...filters, page: page.page + 1 } }]
        : []),
      ...(page.total > 0 ? [{ title: m.export, verb: VERBS.activityExport, data: filters }] : []),
    ],
  });
}

export function activityExportCard(s: Speech, url: string, expiresAt: string): AdaptiveCardJson {
  const m = s.m.activity;
  return messageCard(s, {
    title: m.exportTitle,
    lines: [m.exportBody(s.dateTime(expiresAt)), `[${m.exportLink}](${url})`],
  });
}

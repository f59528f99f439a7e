/** Cards for software purchases: the list, the edition chooser, the key, cancellation, support, activity. */
import type { Actor } from '../domain/shared/actor.js';
import type { ActivityPage } from '../domain/software/activity.js';
import type { Customer } from '../domain/shared/model.js';
import type { SoftwarePurchase } from '../domain/ports/software.js';
import { can } from '../domain/shared/roles.js';
import type { SoftwareCancelPreview } from '../domain/software/start-software-cancel.js';
import type { SoftwareCancelResult } from '../domain/software/cancel-software-order.js';
import type { KeyChooser } from '../domain/software/request-key.js';
import type { RevealedKey } from '../domain/software/reveal-key.js';
import type { SupportForm, SupportReceipt } from '../domain/support/support-request.js';
import { IMPACTS } from '../domain/support/support-request.js';
import { VERBS } from './card-actions.js';
import { renderCard, type AdaptiveCardJson } from './cards.js';
import type { Speech } from './i18n.js';
import { messageCard, MAX_LIST_ITEMS } from './views.js';
import { activitySourceFact } from './views-partner-center.js';
import { formatDuration } from './views-subscriptions.js';

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
              ...(can(actor.roles, 'software.cancel')
                ? [
                    {
                      title: m.cancelOrder,
                      verb: VERBS.softwareCancelStart,
                      data: { product: p.orderId, customer: '' },
                    },
                  ]
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
    variantLabel: o.variantKind === 'bitness' ? m.bitness : m.fileType,
    versions: o.versions.map((v) => ({ title: v, value: v })),
    languages: o.languages.map((l) => ({ title: l, value: l })),
    variants: o.variants.map((v) => ({ title: v.label, value: v.id })),
    defaultVersion: o.versions[0],
    defaultLanguage: preferred,
    defaultVariant: o.variants[0]?.id,
    note: `${m.privateNote} ${s.m.common.expiresAt(s.dateTime(chooser.expiresAt))}`,
    confirmTitle: m.getKeyAndLink,
    cancelTitle: s.m.common.cancel,
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

export const sentPrivatelyCard = (s: Speech) =>
  messageCard(s, { title: s.m.software.privateTitle, lines: [s.m.software.sentPrivately] });

export const openChatFirstCard = (s: Speech) =>
  messageCard(s, { title: s.m.software.privateTitle, color: 'Warning', lines: [s.m.software.openChatFirst] });

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

export function supportFormCard(
  s: Speech,
  form: SupportForm,
  notice?: string,
  values: Partial<
    Record<'reason' | 'impact' | 'title' | 'contactName' | 'contactEmail' | 'contactPhone', string>
  > = {},
): AdaptiveCardJson {
  const m = s.m.support;
  return renderCard('support-form', {
    title: m.formTitle,
    notice: notice ?? '',
    intro: m.formIntro,
    facts: [
      { label: m.customer, value: form.customerName },
      { label: m.tenant, value: `${form.tenantId} · ${form.primaryDomain}` },
      ...(form.orderId ? [{ label: m.order, value: form.orderId }] : []),
      ...(form.subscriptionId ? [{ label: m.subscription, value: form.subscriptionId }] : []),
      ...(form.amount !== null
        ? [{ label: m.amount, value: s.money(form.amount, form.currency ?? 'USD') }]
        : []),
    ],
    reasonLabel: m.reason,
    reasonPlaceholder: m.reasonPlaceholder,
    reason: values.reason ?? '',
    impactLabel: m.impact,
    impact: values.impact ?? 'moderate',
    impacts: IMPACTS.map((i) => ({ title: m.impacts[i] ?? i, value: i })),
    titleLabel: m.title,
    requestTitle: values.title ?? form.suggestedTitle,
    contactNameLabel: m.contactName,
    contactName: values.contactName ?? form.contactName,
    contactEmailLabel: m.contactEmail,
    contactEmail: values.contactEmail ?? '',
    contactPhoneLabel: m.contactPhone,
    contactPhone: values.contactPhone ?? '',
    submitTitle: m.submit,
    cancelTitle: s.m.common.cancel,
    pendingData: { pendingId: form.pendingId },
    discardData: { pendingId: form.pendingId, action: 'support.request' },
  });
}

export function supportReceiptCard(s: Speech, receipt: SupportReceipt, note?: string): AdaptiveCardJson {
  const m = s.m.support;
  return messageCard(s, {
    title: m.doneTitle(receipt.reference),
    color: 'Good',
    lines: [...(note ? [note] : []), m.doneBody, ...receipt.description.split('\n')],
    facts: [
      { label: m.title, value: receipt.title },
      { label: m.customer, value: receipt.customerName },
      { label: m.impact, value: m.impacts[receipt.impact] ?? receipt.impact },
    ],
    reference: receipt.reference,
  });
}

export function supportListCard(
  s: Speech,
  requests: ReadonlyArray<{
    reference: string;
    title: string;
    customerName: string;
    status: string;
    createdAt: { toISOString(): string };
    impact: string;
  }>,
): AdaptiveCardJson {
  const m = s.m.support;
  return renderCard('record-list', {
    title: m.listTitle,
    subtitle: '',
    empty: requests.length === 0 ? m.empty : '',
    items: requests.map((r) => ({
      heading: `${r.reference} · ${r.title}`,
      badge: m.impacts[r.impact] ?? r.impact,
      badgeColor: r.impact === 'critical' || r.impact === 'high' ? 'Attention' : 'Default',
      facts: [
        { label: m.customer, value: r.customerName },
        { label: m.created, value: s.dateTime(r.createdAt.toISOString()) },
      ],
      buttons: [],
    })),
    footer: '',
    actions: [],
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
    items: page.events.map((e) => ({
      heading: `${s.dateTime(e.at)} · ${e.source === 'partner-center' ? e.action : e.action === 'software.download' ? m.download : m.keyView}`,
      badge: '',
      badgeColor: 'Default',
      facts: [
        { label: m.who, value: e.actorName ?? e.actorAadObjectId ?? '—' },
        { label: m.customer, value: e.customerName ?? e.customerId ?? '—' },
        { label: m.product, value: e.productName ?? e.productId ?? '—' },
        { label: m.order, value: e.subjectId ?? '—' },
        ...(e.source ? [activitySourceFact(s, e.source)] : []),
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

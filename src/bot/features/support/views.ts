/**
 * The support form, its receipt and the list of requests.
 */
import type { SupportForm, SupportReceipt } from '../../../domain/support/support-request.js';
import { IMPACTS } from '../../../domain/support/support-request.js';
import { renderCard } from '../../cards.js';
import type { AdaptiveCardJson } from '../../cards.js';
import type { Speech } from '../../i18n.js';
import { messageCard } from '../../common-views.js';

export function supportFormCard(
  s: Speech,
  form: SupportForm,
  notice?: string,
  values: Partial<
    Record<'reason' | 'impact' | 'title' | 'contactName' | 'contactEmail' | 'contactPhone' | 'amount', string>
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
      // R-SUP-2: what may be asked (charged less credited); the amount itself is an input the user may lower.
      ...(form.maxAmount !== null && form.maxAmount !== undefined
        ? [{ label: m.refundable, value: s.money(form.maxAmount, form.currency ?? 'USD') }]
        : form.amount !== null
          ? [{ label: m.amount, value: s.money(form.amount, form.currency ?? 'USD') }]
          : []),
    ],
    hasAmount: form.maxAmount !== null && form.maxAmount !== undefined,
    amountLabel: `${m.amount} (${form.currency ?? 'USD'})`,
    amount: Number(values.amount ?? form.maxAmount ?? 0) || (form.maxAmount ?? 0),
    maxAmount: form.maxAmount ?? 0,
    amountError: m.amountError(s.money(form.maxAmount ?? 0, form.currency ?? 'USD')),
    requiredError: s.m.common.required,
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
    cancelTitle: s.m.common.notNow,
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

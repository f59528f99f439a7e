/**
 * Outcomes → cards. No policy here: the domain decided; these functions only put it into words in the
 * turn's language and time zone.
 */
import { externalRefusalText, factSourceLine, windowDiffersText } from './partner-center-words.js';
import type { Actor } from '../domain/shared/actor.js';
import type { Candidate, DomainError, InvalidInputReason, NoChangeReason } from '../domain/shared/errors.js';
import type { CustomerOrders } from '../domain/customers/list-orders.js';
import type { CustomerSubscriptions } from '../domain/customers/list-subscriptions.js';
import type { RoleChangePreview, RoleChangeResult } from '../domain/staff/role-change.js';
import type { Customer, Staff, Subscription } from '../domain/shared/model.js';
import { can, ROLES, type Role } from '../domain/shared/roles.js';
import { VERBS } from './card-actions.js';
import { renderCard, type AdaptiveCardJson } from './cards.js';
import { COMMANDS } from './commands.js';
import type { Speech } from './i18n.js';
import type { ParseError } from './parse-command.js';

export const MAX_LIST_ITEMS = 30;

interface Button {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style?: 'positive' | 'destructive' | 'default';
}

interface Fact {
  label: string;
  value: string;
}

type Color = 'Default' | 'Good' | 'Attention' | 'Warning' | 'Accent';

export function messageCard(
  s: Speech,
  content: {
    title: string;
    lines?: string[];
    facts?: Fact[];
    color?: Color;
    buttons?: Button[];
    reference?: string;
    footer?: string;
  },
): AdaptiveCardJson {
  return renderCard('message', {
    title: content.title,
    color: content.color ?? 'Default',
    lines: (content.lines ?? []).map((text) => ({ text })),
    facts: content.facts ?? [],
    buttons: (content.buttons ?? []).map((b) => ({ ...b, style: b.style ?? 'default' })),
    reference: content.reference ?? '',
    footer: content.footer ?? '',
  });
}

const roleNames = (s: Speech, roles: readonly Role[]) => s.list(roles.map((r) => s.m.roles[r]));

export function helpCard(s: Speech, actor: Actor): AdaptiveCardJson {
  const visible = COMMANDS.filter((c) => !c.action || can(actor.roles, c.action));
  return renderCard('help', {
    title: s.m.help.title,
    intro: s.m.help.intro(actor.displayName, roleNames(s, actor.roles)),
    commands: visible.map((c) => ({
      name: c.words[s.locale][0],
      description: s.m.commands[c.id],
      exampleLabel: s.m.common.example,
      example: c.example[s.locale],
    })),
    footer: `${s.m.help.languages} ${s.m.common.timesIn(s.zoneLabel)}`,
  });
}

export function noRoleCard(s: Speech, actor: Actor, admins: readonly string[]): AdaptiveCardJson {
  return messageCard(s, {
    title: s.m.noRole.title,
    color: 'Warning',
    lines: [
      s.m.noRole.body(actor.displayName),
      admins.length > 0 ? s.m.noRole.ask(s.list(admins)) : s.m.noRole.askNobody,
      s.m.noRole.help,
    ],
  });
}

export function whoamiCard(s: Speech, actor: Actor): AdaptiveCardJson {
  return messageCard(s, {
    title: s.m.whoami.title,
    facts: [
      { label: s.m.whoami.name, value: actor.displayName },
      { label: s.m.whoami.objectId, value: actor.aadObjectId ?? s.m.common.none },
      { label: s.m.whoami.roles, value: roleNames(s, actor.roles) },
      { label: s.m.whoami.language, value: s.m.languageName },
      { label: s.m.whoami.timeZone, value: s.zoneLabel },
    ],
  });
}

const customerButtons = (s: Speech, customer: Customer): Button[] => [
  {
    title: s.m.common.subscriptionsButton,
    verb: VERBS.customerSubscriptions,
    data: { customerId: customer.id },
  },
  { title: s.m.common.ordersButton, verb: VERBS.customerOrders, data: { customerId: customer.id } },
];

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

/** A choice card for an ambiguous reference; `toButton` says what choosing a candidate does. */
export function choiceCard(
  s: Speech,
  error: Extract<DomainError, { kind: 'ambiguous' }>,
  toButton: (candidate: Candidate) => { verb: string; data: Record<string, unknown> },
): AdaptiveCardJson {
  return renderCard('choice', {
    title: s.m.choice.title(s.m.subjects[error.what]),
    prompt: s.m.choice.prompt(error.candidates.length, error.ref),
    choices: error.candidates.slice(0, MAX_LIST_ITEMS).map((c) => ({
      label: c.label,
      detail: c.detail ?? '',
      button: s.m.common.choose,
      ...toButton(c),
    })),
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
  return buttons;
}

export function subscriptionsCard(s: Speech, result: CustomerSubscriptions, actor: Actor): AdaptiveCardJson {
  const m = s.m.subscriptions;
  const total = result.subscriptions.length;
  return renderCard('record-list', {
    title: m.title(result.customer.companyName),
    subtitle: `${result.customer.primaryDomain} · ${s.m.common.timesIn(s.zoneLabel)} · ${factSourceLine(s, result.subscriptions[0]?.source ?? result.customer.source)}`,
    empty: total === 0 ? m.empty : '',
    items: result.subscriptions.slice(0, MAX_LIST_ITEMS).map((sub) => {
      const notes = [
        ...(sub.status === 'active' && !sub.autoRenew ? [m.autoRenewOff] : []),
        ...(sub.cancelAt && sub.status === 'active' ? [m.cancelsOn(s.date(sub.cancelAt))] : []),
        ...(sub.status === 'suspended' && sub.dataDeletedAt
          ? [m.dataDeletedOn(s.date(sub.dataDeletedAt))]
          : []),
      ];
      return {
        heading: `${sub.productName} · ${sub.id}`,
        badge: [s.m.statuses[sub.status], ...notes].join(' · '),
        badgeColor: statusColor(sub.status),
        facts: [
          { label: m.quantity, value: String(sub.quantity) },
          { label: m.cycle, value: s.m.cycles[sub.billingCycle] },
          { label: m.ordered, value: s.dateTime(sub.orderedAt) },
          { label: m.renews, value: sub.status === 'active' ? s.date(sub.renewsAt) : '—' },
          {
            label: m.trialEnds,
            value: sub.trialEndsAt && sub.trialEndsAt.isSame(sub.renewsAt) ? s.date(sub.trialEndsAt) : '—',
          },
        ],
        buttons: subscriptionButtons(s, actor, sub),
      };
    }),
    footer: total > MAX_LIST_ITEMS ? `${MAX_LIST_ITEMS} / ${total}` : '',
    actions: [],
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
        { label: m.total, value: s.money(order.total, order.currency) },
      ],
      buttons: [],
    })),
    footer: total > MAX_LIST_ITEMS ? `${MAX_LIST_ITEMS} / ${total}` : '',
    actions: [],
  });
}

export function staffCard(s: Speech, staff: readonly Staff[]): AdaptiveCardJson {
  return renderCard('record-list', {
    title: s.m.staff.title,
    subtitle: '',
    empty: '',
    items: staff.slice(0, 100).map((person) => ({
      heading: person.displayName,
      badge: person.roles.length === 0 ? s.m.staff.noRoles : '',
      badgeColor: 'Warning',
      facts: [
        { label: s.m.whoami.roles, value: roleNames(s, person.roles) },
        { label: s.m.whoami.objectId, value: person.aadObjectId },
      ],
      buttons: [],
    })),
    footer: '',
    actions: [],
  });
}

export function roleChangePreviewCard(s: Speech, preview: RoleChangePreview): AdaptiveCardJson {
  const m = s.m.roleChange;
  const grant = preview.change === 'grant';
  const action = grant ? 'staff.grant' : 'staff.revoke';
  return renderCard('confirm', {
    title: grant ? m.grantTitle : m.revokeTitle,
    summary: (grant ? m.grantSummary : m.revokeSummary)(preview.person.displayName, s.m.roles[preview.role]),
    facts: [
      { label: m.person, value: `${preview.person.displayName} (${preview.person.aadObjectId})` },
      { label: m.currentRoles, value: roleNames(s, preview.person.roles) },
      { label: m.role, value: s.m.roles[preview.role] },
    ],
    consequences: [],
    consequenceStyle: 'default',
    expiry: s.m.common.expiresAt(s.dateTime(preview.expiresAt)),
    confirmTitle: s.m.common.confirm,
    confirmVerb: grant ? VERBS.staffGrantConfirm : VERBS.staffRevokeConfirm,
    confirmData: { pendingId: preview.pendingId },
    confirmStyle: grant ? 'positive' : 'destructive',
    cancelTitle: s.m.common.cancel,
    cancelVerb: VERBS.pendingDiscard,
    cancelData: { pendingId: preview.pendingId, action },
  });
}

export function roleChangeResultCard(s: Speech, result: RoleChangeResult, note?: string): AdaptiveCardJson {
  const m = s.m.roleChange;
  const grant = result.change === 'grant';
  return messageCard(s, {
    title: grant ? m.grantedTitle : m.revokedTitle,
    color: 'Good',
    lines: [
      ...(note ? [note] : []),
      (grant ? m.granted : m.revoked)(result.displayName, s.m.roles[result.role]),
    ],
    facts: [{ label: m.rolesNow, value: roleNames(s, result.roles) }],
  });
}

export function discardedCard(s: Speech): AdaptiveCardJson {
  return messageCard(s, { title: s.m.discarded.title, lines: [s.m.discarded.body] });
}

/** Words for every expected failure. Adding a kind to DomainError does not compile until it is here. */
export function domainErrorText(s: Speech, actor: Actor, error: DomainError): string {
  const m = s.m.errors;
  switch (error.kind) {
    case 'forbidden':
      return m.forbidden(
        s.m.actions[error.action],
        roleNames(s, error.allowedRoles),
        roleNames(s, actor.roles),
      );
    case 'no-role':
      return s.m.noRole.body(actor.displayName);
    case 'not-found':
      return error.what === 'pending-action'
        ? m.notFoundPending
        : m.notFound(s.m.subjects[error.what], error.ref);
    case 'ambiguous':
      return s.m.choice.prompt(error.candidates.length, error.ref);
    case 'invalid-input':
      return invalidInputText(s, error.field, error.reason);
    case 'invalid-state':
      return error.status === 'last-global-admin'
        ? m.lastGlobalAdmin
        : m.invalidState(s.m.subjects[error.what], statusName(s, error.status));
    case 'not-initiator':
      return m.notInitiator;
    case 'expired':
      return m.expired;
    case 'already-done':
      return m.alreadyDone;
    case 'discarded':
      return m.discarded;
    case 'no-change':
      return noChangeText(s, error.reason);
    case 'conflict':
      return m.conflict;
    case 'refused':
      return [
        s.m.refusals[error.reason](localFacts(s, error.facts ?? {})),
        ...windowDiffersText(s, String(error.facts?.closedAt ?? ''), error.facts?.ruleClosedAt),
      ].join(' ');
    case 'effect-changed':
      return m.effectChanged('');
    case 'partner-center-refused':
      return externalRefusalText(s, error);
  }
}

/** Exhaustive over the reasons: a new one does not compile until it has words here (and in every language). */
function invalidInputText(s: Speech, field: string, reason: InvalidInputReason): string {
  const m = s.m.errors;
  // Dates and editions have sentences of their own, whatever the reason.
  const byField = (otherwise: string) =>
    field === 'date' ? m.badDate : field === 'edition' ? m.editionNotOffered : otherwise;
  switch (reason) {
    case 'cart-full':
      return m.cartFull;
    case 'stale':
      return m.cartStale;
    case 'from-after-to':
      return field === 'date' ? m.fromAfterTo : byField(m.invalidInput(fieldName(s, field)));
    case 'range-too-long':
      return field === 'date' ? m.rangeTooLong : byField(m.invalidInput(fieldName(s, field)));
    case 'empty':
      return byField(m.emptyField(fieldName(s, field)));
    case 'too-long':
      return byField(m.tooLongField(fieldName(s, field)));
    case 'invalid':
    case 'not-offered':
      return byField(m.invalidInput(fieldName(s, field)));
  }
}

function noChangeText(s: Speech, reason: NoChangeReason): string {
  const m = s.m.errors;
  const words: Record<NoChangeReason, string> = {
    'role-already-held': m.roleAlreadyHeld,
    'role-not-held': m.roleNotHeld,
    'auto-renew-already-on': m.autoRenewAlreadyOn,
    'auto-renew-already-off': m.autoRenewAlreadyOff,
    'same-quantity': m.sameQuantity,
  };
  return words[reason];
}

/** Facts for refusal sentences, with instants as dates in the user's zone and codes in their words. */
function localFacts(
  s: Speech,
  facts: Readonly<Record<string, string | number>>,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(facts)) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) out[key] = s.dateTime(value);
    else if (key === 'segment' && typeof value === 'string' && value in s.m.segments)
      out[key] = s.m.segments[value as keyof typeof s.m.segments];
    else if (key === 'cycle' && typeof value === 'string' && value in s.m.cycles)
      out[key] = s.m.cycles[value as keyof typeof s.m.cycles];
    else out[key] = value;
  }
  return out;
}

const fieldName = (s: Speech, field: string): string =>
  field in s.m.subjects
    ? s.m.subjects[field as keyof typeof s.m.subjects]
    : field === 'person'
      ? s.m.subjects.staff
      : field;

const statusName = (s: Speech, status: string): string =>
  status in s.m.statuses ? s.m.statuses[status as keyof typeof s.m.statuses] : status;

export function domainErrorCard(s: Speech, actor: Actor, error: DomainError): AdaptiveCardJson {
  const reactivate =
    error.kind === 'refused' &&
    error.reason === 'suspended-exists' &&
    typeof error.facts?.subscriptionId === 'string'
      ? [
          {
            title: s.m.refusals.reactivateInstead,
            verb: VERBS.reactivateStart,
            data: { ref: error.facts.subscriptionId },
          },
        ]
      : [];
  // R-SWC-2, R-SWC-5: where the cancel flow cannot complete, offer the support request.
  const support =
    error.kind === 'refused' &&
    (error.reason === 'support-request-only' || error.reason === 'cancel-window-passed') &&
    typeof error.facts?.orderId === 'string'
      ? [{ title: s.m.software.supportButton, verb: VERBS.supportStart, data: { ref: error.facts.orderId } }]
      : [];
  return messageCard(s, {
    title: s.m.errors.title,
    color: error.kind === 'forbidden' || error.kind === 'not-initiator' ? 'Attention' : 'Warning',
    lines: [domainErrorText(s, actor, error)],
    buttons: [...reactivate, ...support],
  });
}

export function parseErrorCard(s: Speech, error: ParseError): AdaptiveCardJson {
  const m = s.m.parse;
  const example = (id: string) => COMMANDS.find((c) => c.id === id)?.example[s.locale] ?? 'help';
  const line = ((): string => {
    switch (error.kind) {
      case 'empty':
        return m.empty;
      case 'too-long':
        return m.tooLong(error.max);
      case 'unknown-command':
        return error.suggestion
          ? m.unknownSuggest(
              error.word.slice(0, 40),
              COMMANDS.find((c) => c.id === error.suggestion)!.words[s.locale][0]!,
            )
          : m.unknown(error.word.slice(0, 40));
      case 'missing-argument':
        return m.missingArgument(example(error.command));
      case 'bad-role':
        return m.badRole(error.text.slice(0, 100), ROLES.join(', '));
      case 'bad-quantity':
        return m.badQuantity(error.text.slice(0, 40));
    }
  })();
  return messageCard(s, {
    title: m.title,
    lines: [line],
    buttons: [{ title: COMMANDS[0]!.words[s.locale][0]!, verb: VERBS.help, data: {} }],
  });
}

export function badCardCard(s: Speech): AdaptiveCardJson {
  return messageCard(s, { title: s.m.parse.title, color: 'Warning', lines: [s.m.parse.badCard] });
}

export function turnErrorCard(s: Speech, reference: string): AdaptiveCardJson {
  return messageCard(s, {
    title: s.m.turnError.title,
    color: 'Attention',
    lines: [s.m.turnError.body],
    reference,
  });
}

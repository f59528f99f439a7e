/**
 * Cards every feature shares: the message card, failures put into words (domain errors, parse errors, a
 * bad button, a failed turn), the choice among candidates, the no-role card, durations, private replies.
 * No policy here: the domain decided; these functions only put it into words in the turn's language.
 */
import { externalRefusalText, windowDiffersText } from './partner-center-words.js';
import type { Actor } from '../domain/shared/actor.js';
import type { Candidate, DomainError, InvalidInputReason, NoChangeReason } from '../domain/shared/errors.js';
import { ROLES } from '../domain/shared/roles.js';
import type { Role } from '../domain/shared/roles.js';
import { VERBS } from './card-actions.js';
import { renderCard } from './cards.js';
import type { AdaptiveCardJson } from './cards.js';
import { COMMANDS } from './commands.js';
import type { Speech } from './i18n.js';
import type { ParseError } from './parse-command.js';

export const MAX_LIST_ITEMS = 30;

export interface Button {
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style?: 'positive' | 'destructive' | 'default';
}

export interface Fact {
  label: string;
  value: string;
}

export type Color = 'Default' | 'Good' | 'Attention' | 'Warning' | 'Accent';

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

export const roleNames = (s: Speech, roles: readonly Role[]) => s.list(roles.map((r) => s.m.roles[r]));

export function noRoleCard(s: Speech, actor: Actor, admins: readonly string[]): AdaptiveCardJson {
  return messageCard(s, {
    title: s.m.noRole.title,
    color: 'Warning',
    lines: [
      s.m.noRole.body(actor.displayName),
      admins.length > 0 ? s.m.noRole.ask(s.list(admins)) : s.m.noRole.askNobody,
      ...(actor.aadObjectId ? [s.m.noRole.yourId(actor.aadObjectId)] : []),
      s.m.noRole.help,
    ],
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
    case 'partner-center-refused':
      return externalRefusalText(s, error);
    case 'effect-changed':
      return m.effectChanged('');
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
    'same-plan': m.samePlan,
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

const CUSTOMER_COMMANDS = new Set<string>(['orders', 'subscriptions', 'software', 'invite']);

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
        // A command about one customer, said without one: ask which customer.
        return CUSTOMER_COMMANDS.has(error.command)
          ? m.whichCustomer(example(error.command))
          : m.missingArgument(example(error.command));
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

/** Answered when the work of a turn outlasts what Teams waits for; the result replaces it (R-PC-17). */
export const workingCard = (s: Speech): AdaptiveCardJson =>
  messageCard(s, { title: s.m.working.title, lines: [s.m.working.body] });

export function turnErrorCard(s: Speech, reference: string): AdaptiveCardJson {
  return messageCard(s, {
    title: s.m.turnError.title,
    color: 'Attention',
    lines: [s.m.turnError.body],
    reference,
  });
}

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

/** With a link to the one-to-one chat (a Teams deep link), so the reader gets there in one click. */
const chatLink = (s: Speech, url?: string) => (url ? [`[${s.m.software.openChat}](${url})`] : []);

export const sentPrivatelyCard = (s: Speech, chatUrl?: string) =>
  messageCard(s, {
    title: s.m.software.privateTitle,
    lines: [s.m.software.sentPrivately, ...chatLink(s, chatUrl)],
  });

export const openChatFirstCard = (s: Speech, chatUrl?: string) =>
  messageCard(s, {
    title: s.m.software.privateTitle,
    color: 'Warning',
    lines: [s.m.software.openChatFirst, ...chatLink(s, chatUrl)],
  });

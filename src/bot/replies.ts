/** How every route turns a domain result into a card: the value rendered, or the failure put into words. */
import type { Candidate, DomainError } from '../domain/shared/errors.js';
import type { Result } from '../domain/shared/result.js';
import type { Recalled } from '../domain/confirmations/confirm-or-recall.js';
import type { AdaptiveCardJson } from './cards.js';
import type { Turn } from './turn.js';
import { choiceCard, domainErrorCard, noRoleCard } from './common-views.js';
import { openChatFirstCard, sentPrivatelyCard } from './common-views.js';

/** For an ambiguous reference: the button each candidate gets (a verb and its data). */
export type ChoiceButton = (candidate: Candidate) => { verb: string; data: Record<string, unknown> };

/**
 * For someone without a role: whom to ask (R-ROLE-10). R-ID-4: "a global admin of your organisation" and
 * their own id; the admins' names only when the partner configured that (NO_ROLE_SHOWS_ADMINS).
 */
export async function noRoleReply(turn: Turn): Promise<AdaptiveCardJson> {
  return noRoleCard(turn.s, turn.actor, turn.showAdminNames ? await turn.useCases.whoCanGrantRoles() : []);
}

const PRESSER_ONLY = new Set<DomainError['kind']>(['not-initiator', 'forbidden', 'no-role']);

export async function failure(
  turn: Turn,
  error: DomainError,
  onChoice?: ChoiceButton,
): Promise<AdaptiveCardJson> {
  // In a group chat or channel, a colleague pressing someone else's button (or one they may not use) is
  // answered to them alone, and the shared card stays as it was.
  if (PRESSER_ONLY.has(error.kind)) turn.delivery.presserOnly = true;
  if (error.kind === 'no-role') return noRoleReply(turn);
  if (error.kind === 'ambiguous' && onChoice) return choiceCard(turn.s, error, onChoice);
  return domainErrorCard(turn.s, turn.actor, error);
}

export async function reply<T>(
  turn: Turn,
  result: Result<T, DomainError>,
  render: (value: T) => AdaptiveCardJson | Promise<AdaptiveCardJson>,
  onChoice?: ChoiceButton,
): Promise<AdaptiveCardJson> {
  return result.ok ? render(result.value) : failure(turn, result.error, onChoice);
}

/** A confirmation's result card; a repeated press shows the first result with a note saying so. */
export function confirmed<R>(
  turn: Turn,
  result: Result<Recalled<R>, DomainError>,
  render: (result: R, note?: string) => AdaptiveCardJson,
): Promise<AdaptiveCardJson> {
  return reply(turn, result, (r) => {
    turn.delivery.everyone = true;
    return render(r.result, r.again ? turn.s.m.errors.alreadyDone : undefined);
  });
}

/** R-KEY-6: keys and download links only in a one-to-one chat with the person who asked. */
export async function privately(turn: Turn, card: AdaptiveCardJson): Promise<AdaptiveCardJson> {
  if (turn.conversationType === 'personal') return card;
  return (await turn.sendPrivately(card))
    ? sentPrivatelyCard(turn.s, turn.privateChatUrl)
    : openChatFirstCard(turn.s, turn.privateChatUrl);
}

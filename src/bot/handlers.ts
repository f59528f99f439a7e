/**
 * Commands (typed or from a button) → domain call → card. A typed command and the matching button lead to
 * the same use case. Handlers translate only; the domain decides.
 */
import type { Actor } from '../domain/actor.js';
import { confirmPendingAction, discardPendingAction } from '../domain/confirmations.js';
import type { Candidate, DomainError } from '../domain/errors.js';
import { findCustomers } from '../domain/find-customers.js';
import { whoCanGrantRoles } from '../domain/identify-actor.js';
import { listOrders, listSubscriptions } from '../domain/list-customer-records.js';
import {
  grantRoleExecutor,
  listStaff,
  previewGrantRole,
  previewRevokeRole,
  revokeRoleExecutor,
  type RoleChangeResult,
} from '../domain/manage-staff.js';
import type { Deps } from '../domain/ports.js';
import type { Result } from '../domain/result.js';
import { VERBS, type CardAction } from './card-actions.js';
import type { AdaptiveCardJson } from './cards.js';
import type { Speech } from './i18n.js';
import type { Command } from './parse-command.js';
import {
  choiceCard,
  customersCard,
  discardedCard,
  domainErrorCard,
  helpCard,
  noRoleCard,
  ordersCard,
  roleChangePreviewCard,
  roleChangeResultCard,
  staffCard,
  subscriptionsCard,
  whoamiCard,
} from './views.js';

export interface TurnContextInfo {
  readonly deps: Deps;
  readonly actor: Actor;
  readonly s: Speech;
}

type ChoiceButton = (candidate: Candidate) => { verb: string; data: Record<string, unknown> };

async function failure(turn: TurnContextInfo, error: DomainError, onChoice?: ChoiceButton): Promise<AdaptiveCardJson> {
  if (error.kind === 'no-role') return noRoleCard(turn.s, turn.actor, await whoCanGrantRoles(turn.deps));
  if (error.kind === 'ambiguous' && onChoice) return choiceCard(turn.s, error, onChoice);
  return domainErrorCard(turn.s, turn.actor, error);
}

async function reply<T>(
  turn: TurnContextInfo,
  result: Result<T, DomainError>,
  render: (value: T) => AdaptiveCardJson,
  onChoice?: ChoiceButton,
): Promise<AdaptiveCardJson> {
  return result.ok ? render(result.value) : failure(turn, result.error, onChoice);
}

const subscriptionsChoice: ChoiceButton = (c) => ({ verb: VERBS.customerSubscriptions, data: { customerId: c.id } });
const ordersChoice: ChoiceButton = (c) => ({ verb: VERBS.customerOrders, data: { customerId: c.id } });

function roleChangeOutcome(turn: TurnContextInfo, result: Result<{ result: RoleChangeResult }, DomainError>) {
  if (!result.ok && result.error.kind === 'already-done') {
    const previous = result.error.previous as RoleChangeResult | null;
    if (previous) return Promise.resolve(roleChangeResultCard(turn.s, previous, turn.s.m.errors.alreadyDone));
  }
  return reply(turn, result, (value) => roleChangeResultCard(turn.s, value.result));
}

export async function handleCommand(turn: TurnContextInfo, command: Command): Promise<AdaptiveCardJson> {
  const { deps, actor, s } = turn;
  if (actor.roles.length === 0 && command.kind !== 'whoami') {
    return noRoleCard(s, actor, await whoCanGrantRoles(deps));
  }
  switch (command.kind) {
    case 'help':
      return helpCard(s, actor);
    case 'whoami':
      return whoamiCard(s, actor);
    case 'customers':
      return reply(turn, await findCustomers(deps, actor, { query: command.query }), (found) =>
        customersCard(s, command.query, found),
      );
    case 'subscriptions':
      return reply(
        turn,
        await listSubscriptions(deps, actor, { customer: command.customer }),
        (value) => subscriptionsCard(s, value),
        subscriptionsChoice,
      );
    case 'orders':
      return reply(
        turn,
        await listOrders(deps, actor, { customer: command.customer }),
        (value) => ordersCard(s, value),
        ordersChoice,
      );
    case 'staff':
      return reply(turn, await listStaff(deps, actor), (staff) => staffCard(s, staff));
    case 'grant':
      return reply(
        turn,
        await previewGrantRole(deps, actor, { person: command.person, role: command.role }),
        (preview) => roleChangePreviewCard(s, preview),
        (c) => ({ verb: VERBS.staffGrantPick, data: { aadObjectId: c.id, role: command.role } }),
      );
    case 'revoke':
      return reply(
        turn,
        await previewRevokeRole(deps, actor, { person: command.person, role: command.role }),
        (preview) => roleChangePreviewCard(s, preview),
        (c) => ({ verb: VERBS.staffRevokePick, data: { aadObjectId: c.id, role: command.role } }),
      );
  }
}

export async function handleCardAction(turn: TurnContextInfo, action: CardAction): Promise<AdaptiveCardJson> {
  const { deps, actor, s } = turn;
  switch (action.verb) {
    case VERBS.help:
      return handleCommand(turn, { kind: 'help' });
    case VERBS.customerSubscriptions:
      return handleCommand(turn, { kind: 'subscriptions', customer: action.customerId });
    case VERBS.customerOrders:
      return handleCommand(turn, { kind: 'orders', customer: action.customerId });
    case VERBS.staffGrantPick:
      return handleCommand(turn, { kind: 'grant', person: action.aadObjectId, role: action.role });
    case VERBS.staffRevokePick:
      return handleCommand(turn, { kind: 'revoke', person: action.aadObjectId, role: action.role });
    case VERBS.staffGrantConfirm:
      return roleChangeOutcome(turn, await confirmPendingAction(deps, actor, grantRoleExecutor, action.pendingId));
    case VERBS.staffRevokeConfirm:
      return roleChangeOutcome(turn, await confirmPendingAction(deps, actor, revokeRoleExecutor, action.pendingId));
    case VERBS.pendingDiscard:
      return reply(turn, await discardPendingAction(deps, actor, action.action, action.pendingId), () => discardedCard(s));
  }
}

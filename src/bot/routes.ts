/**
 * The route tables: every command kind and every card verb to its feature's handler. The tables are typed
 * over all kinds and verbs, so a new command or verb without a handler does not compile
 * (test/bot/routes.test.ts proves it).
 */
import type { CardAction } from './card-actions.js';
import type { AdaptiveCardJson } from './cards.js';
import type { Command } from './parse-command.js';
import type { ActionRoutes, CommandRoutes, CommandKind, Turn, Verb } from './turn.js';
import { noRoleReply } from './replies.js';
import { customerActions, customerCommands } from './features/customers/routes.js';
import { helpActions, helpCommands } from './features/help/routes.js';
import { purchaseActions, purchaseCommands } from './features/purchase/routes.js';
import { relationshipActions, relationshipCommands } from './features/relationships/routes.js';
import { reminderCommands } from './features/reminders/routes.js';
import { softwareActions, softwareCommands } from './features/software/routes.js';
import { staffActions, staffCommands } from './features/staff/routes.js';
import { subscriptionActions, subscriptionCommands } from './features/subscriptions/routes.js';
import { supportActions, supportCommands } from './features/support/routes.js';
import { dashboardActions, dashboardCommands } from './features/dashboard/routes.js';

export const COMMAND_ROUTES: CommandRoutes<CommandKind> = {
  ...helpCommands,
  ...customerCommands,
  ...staffCommands,
  ...purchaseCommands,
  ...subscriptionCommands,
  ...softwareCommands,
  ...supportCommands,
  ...relationshipCommands,
  ...reminderCommands,
  ...dashboardCommands,
};

export const ACTION_ROUTES: ActionRoutes<Verb> = {
  ...helpActions,
  ...customerActions,
  ...staffActions,
  ...purchaseActions,
  ...subscriptionActions,
  ...softwareActions,
  ...supportActions,
  ...relationshipActions,
  ...dashboardActions,
};

/** Someone without any role asks for more than `whoami`: they are told whom to ask (a denied turn). */
export const deniedForNoRole = (turn: Turn, command: Command): boolean =>
  turn.actor.roles.length === 0 && command.kind !== 'whoami';

/** A typed command (or a button standing for one). Without a role, only `whoami`, else whom to ask. */
export async function routeCommand(turn: Turn, command: Command): Promise<AdaptiveCardJson> {
  if (deniedForNoRole(turn, command)) return noRoleReply(turn);
  const handler = COMMAND_ROUTES[command.kind] as (
    turn: Turn,
    command: Command,
  ) => ReturnType<(typeof COMMAND_ROUTES)[CommandKind]>;
  return handler(turn, command);
}

/** A card button, already checked against the verb table. */
export async function routeCardAction(turn: Turn, action: CardAction): Promise<AdaptiveCardJson> {
  const handler = ACTION_ROUTES[action.verb] as (
    turn: Turn,
    action: CardAction,
  ) => ReturnType<(typeof ACTION_ROUTES)[Verb]>;
  return handler(turn, action);
}

/** `invite <customer>`: the reseller invitation and what to tell the customer. */
import type { ActionRoutes, CommandRoutes, VerbOf } from '../../turn.js';
import { reply } from '../../replies.js';
import { invitationCard } from './views.js';
import { RELATIONSHIP_VERBS as V } from './verbs.js';

export const relationshipCommands: CommandRoutes<'invite'> = {
  invite: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.requestRelationship(turn.actor, command),
      (invitation) => invitationCard(turn.s, invitation),
      (c) => ({ verb: V.inviteStart, data: { customer: c.id } }),
    ),
};

export const relationshipActions: ActionRoutes<VerbOf<typeof V>> = {
  [V.inviteStart]: (turn, action) => turn.runCommand({ kind: 'invite', customer: action.customer }),
};

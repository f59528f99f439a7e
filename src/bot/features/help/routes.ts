/** `help`, `whoami`, the help button and the Cancel button of any preview. */
import type { ActionRoutes, CommandRoutes, VerbOf } from '../../turn.js';
import { reply } from '../../replies.js';
import { discardedCard } from '../../common-views.js';
import { helpCard, whoamiCard } from './views.js';
import { HELP_VERBS as V } from './verbs.js';

export const helpCommands: CommandRoutes<'help' | 'whoami'> = {
  help: (turn) => helpCard(turn.s, turn.actor),
  whoami: (turn) => whoamiCard(turn.s, turn.actor),
};

export const helpActions: ActionRoutes<VerbOf<typeof V>> = {
  [V.help]: (turn) => turn.runCommand({ kind: 'help' }),
  [V.run]: (turn, action) => turn.runCommand({ kind: action.command }),
  [V.pendingDiscard]: async (turn, action) =>
    reply(turn, await turn.useCases.discardPendingAction(turn.actor, action.action, action.pendingId), () =>
      discardedCard(turn.s),
    ),
};

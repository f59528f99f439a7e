/** `staff`, `grant`, `revoke`: previews, picking among candidates, confirmations. */
import type { ActionRoutes, CommandRoutes, VerbOf } from '../../turn.js';
import { confirmed, reply } from '../../replies.js';
import { roleChangePreviewCard, roleChangeResultCard, staffCard } from './views.js';
import { STAFF_VERBS as V } from './verbs.js';

export const staffCommands: CommandRoutes<'staff' | 'grant' | 'revoke'> = {
  staff: async (turn) =>
    reply(turn, await turn.useCases.listStaff(turn.actor), (staff) => staffCard(turn.s, staff)),
  grant: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.previewGrantRole(turn.actor, {
        person: command.person,
        role: command.role,
        people: await turn.people(),
      }),
      (preview) => roleChangePreviewCard(turn.s, preview),
      (c) => ({ verb: V.staffGrantPick, data: { aadObjectId: c.id, role: command.role } }),
    ),
  revoke: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.previewRevokeRole(turn.actor, {
        person: command.person,
        role: command.role,
        people: await turn.people(),
      }),
      (preview) => roleChangePreviewCard(turn.s, preview),
      (c) => ({ verb: V.staffRevokePick, data: { aadObjectId: c.id, role: command.role } }),
    ),
};

export const staffActions: ActionRoutes<VerbOf<typeof V>> = {
  [V.staffGrantPick]: (turn, action) =>
    turn.runCommand({ kind: 'grant', person: action.aadObjectId, role: action.role }),
  [V.staffRevokePick]: (turn, action) =>
    turn.runCommand({ kind: 'revoke', person: action.aadObjectId, role: action.role }),
  [V.staffGrantConfirm]: async (turn, action) =>
    confirmed(turn, await turn.useCases.confirmGrantRole(turn.actor, action.pendingId), (r, n) =>
      roleChangeResultCard(turn.s, r, n),
    ),
  [V.staffRevokeConfirm]: async (turn, action) =>
    confirmed(turn, await turn.useCases.confirmRevokeRole(turn.actor, action.pendingId), (r, n) =>
      roleChangeResultCard(turn.s, r, n),
    ),
};

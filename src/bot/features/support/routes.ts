/** `support request …`, `support list`, and submitting the form. */
import type { ActionRoutes, CommandRoutes, VerbOf } from '../../turn.js';
import { cardInputs } from '../../card-actions.js';
import { failure, reply } from '../../replies.js';
import { supportFormCard, supportListCard, supportReceiptCard } from './views.js';
import { SUPPORT_VERBS as V } from './verbs.js';

const FIELDS = [
  'reason',
  'impact',
  'title',
  'contactName',
  'contactEmail',
  'contactPhone',
  'amount',
] as const;

export const supportCommands: CommandRoutes<'support' | 'support-list'> = {
  support: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.startSupportRequest(turn.actor, command),
      (form) => supportFormCard(turn.s, form),
      (c) => ({ verb: V.supportStart, data: { ref: c.id } }),
    ),
  'support-list': async (turn) =>
    reply(turn, await turn.useCases.listSupportRequests(turn.actor), (list) => supportListCard(turn.s, list)),
};

export const supportActions: ActionRoutes<VerbOf<typeof V>> = {
  [V.supportStart]: (turn, action) => turn.runCommand({ kind: 'support', ref: action.ref }),
  [V.supportSubmit]: async (turn, action) => {
    const s = turn.s;
    const input = cardInputs(action, FIELDS);
    const outcome = await turn.useCases.confirmSupportRequest(turn.actor, action.pendingId, input);
    if (!outcome.ok) return failure(turn, outcome.error);
    const value = outcome.value;
    if (value.kind === 'submitted')
      return supportReceiptCard(s, value.result, value.again ? s.m.errors.alreadyDone : undefined);
    // The form again with what they typed and the field to fix (a fresh confirmation).
    const label = (s.m.support as unknown as Record<string, unknown>)[value.field];
    return supportFormCard(
      s,
      value.form,
      s.m.support.invalidField(typeof label === 'string' ? label : value.field),
      input as Record<string, string>,
    );
  },
};

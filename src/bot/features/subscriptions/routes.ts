/** Suspend, reactivate, auto-renew, license count, cancel: preview, confirmation, result. */
import type { ActionRoutes, CommandRoutes, VerbOf } from '../../turn.js';
import { confirmed, failure, reply, type ChoiceButton } from '../../replies.js';
import {
  cancelPreviewCard,
  cancelReasonCard,
  cancelResultCard,
  changePreviewCard,
  changeResultCard,
  effectText,
} from './views.js';
import { SUBSCRIPTION_VERBS as V } from './verbs.js';

const subscriptionChoice =
  (verb: string, extra: Record<string, unknown> = {}): ChoiceButton =>
  (c) => ({ verb, data: { ref: c.id, ...extra } });

export const subscriptionCommands: CommandRoutes<
  'suspend' | 'reactivate' | 'autorenew' | 'licenses' | 'cancel'
> = {
  suspend: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.previewSuspend(turn.actor, command),
      (c) => changePreviewCard(turn.s, c),
      subscriptionChoice(V.suspendStart),
    ),
  reactivate: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.previewReactivate(turn.actor, command),
      (c) => changePreviewCard(turn.s, c),
      subscriptionChoice(V.reactivateStart),
    ),
  autorenew: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.previewAutoRenew(turn.actor, command),
      (c) => changePreviewCard(turn.s, c),
      subscriptionChoice(V.autoRenewStart, { autoRenew: command.autoRenew }),
    ),
  licenses: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.previewLicenses(turn.actor, command),
      (c) => changePreviewCard(turn.s, c),
      subscriptionChoice(V.licensesStart, { quantity: command.quantity }),
    ),
  cancel: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.requestCancellation(turn.actor, command),
      (request) =>
        request.kind === 'preview'
          ? cancelPreviewCard(turn.s, request.preview)
          : cancelReasonCard(turn.s, request.target),
      subscriptionChoice(V.cancelStart),
    ),
};

export const subscriptionActions: ActionRoutes<VerbOf<typeof V>> = {
  [V.suspendStart]: (turn, action) => turn.runCommand({ kind: 'suspend', subscription: action.ref }),
  [V.reactivateStart]: (turn, action) => turn.runCommand({ kind: 'reactivate', subscription: action.ref }),
  [V.cancelStart]: (turn, action) => turn.runCommand({ kind: 'cancel', subscription: action.ref }),
  [V.autoRenewStart]: (turn, action) =>
    turn.runCommand({ kind: 'autorenew', subscription: action.ref, autoRenew: action.autoRenew }),
  [V.licensesStart]: (turn, action) =>
    turn.runCommand({ kind: 'licenses', subscription: action.ref, quantity: action.quantity }),
  [V.cancelReason]: async (turn, action) =>
    reply(
      turn,
      await turn.useCases.previewCancellation(turn.actor, {
        subscriptionId: action.subscriptionId,
        reason: action.reason ?? '',
      }),
      (p) => cancelPreviewCard(turn.s, p),
    ),
  [V.suspendConfirm]: async (turn, action) =>
    confirmed(turn, await turn.useCases.confirmSuspend(turn.actor, action.pendingId), (r, n) =>
      changeResultCard(turn.s, r, n),
    ),
  [V.reactivateConfirm]: async (turn, action) =>
    confirmed(turn, await turn.useCases.confirmReactivate(turn.actor, action.pendingId), (r, n) =>
      changeResultCard(turn.s, r, n),
    ),
  [V.autoRenewConfirm]: async (turn, action) =>
    confirmed(turn, await turn.useCases.confirmAutoRenew(turn.actor, action.pendingId), (r, n) =>
      changeResultCard(turn.s, r, n),
    ),
  [V.licensesConfirm]: async (turn, action) =>
    confirmed(turn, await turn.useCases.confirmLicenses(turn.actor, action.pendingId), (r, n) =>
      changeResultCard(turn.s, r, n),
    ),
  [V.cancelConfirm]: async (turn, action) => {
    const s = turn.s;
    const outcome = await turn.useCases.confirmCancellation(turn.actor, action.pendingId);
    if (!outcome.ok) return failure(turn, outcome.error);
    const value = outcome.value;
    // The window closed between preview and click: what applies now, as a new confirmation.
    if (value.kind === 'effect-changed')
      return cancelPreviewCard(
        s,
        value.preview,
        s.m.errors.effectChanged(effectText(s, value.preview.effect)),
      );
    return cancelResultCard(s, value.result, value.again ? s.m.errors.alreadyDone : undefined);
  },
};

/** `software`, `key`, `cancel order`, `activity`: lists, keys sent privately, cancellations, the report. */
import { entitlementsCard, keyInDashboardCard } from '../../views-partner-center.js';
import type { ActionRoutes, CommandRoutes, VerbOf } from '../../turn.js';
import { cardInputs } from '../../card-actions.js';
import { exportUrl } from '../../links.js';
import { failure, privately, reply } from '../../replies.js';
import { domainErrorText } from '../../common-views.js';
import {
  activityCard,
  activityExportCard,
  keyCard,
  keyChooserCard,
  softwareCancelCard,
  softwareCancelResultCard,
  softwareListCard,
} from './views.js';
import { SOFTWARE_VERBS as V } from './verbs.js';

export const softwareCommands: CommandRoutes<'software' | 'key' | 'cancel-order' | 'activity'> = {
  software: async (turn, command) => {
    const atPartnerCenter = turn.useCases.softwareAtPartnerCenter;
    if (atPartnerCenter)
      return reply(
        turn,
        await atPartnerCenter.listEntitlements(turn.actor, command),
        (v) => entitlementsCard(turn.s, v),
        (c) => ({ verb: V.softwareList, data: { customer: c.id } }),
      );
    return reply(
      turn,
      await turn.useCases.listSoftwarePurchases(turn.actor, command),
      (v) => softwareListCard(turn.s, turn.actor, v.customer, v.purchases),
      (c) => ({ verb: V.softwareList, data: { customer: c.id } }),
    );
  },
  key: async (turn, command) => {
    const atPartnerCenter = turn.useCases.softwareAtPartnerCenter;
    if (atPartnerCenter)
      return reply(turn, await atPartnerCenter.locateKey(turn.actor, command), (k) =>
        keyInDashboardCard(turn.s, k),
      );
    const chooser = await turn.useCases.startKeyRequest(turn.actor, command);
    if (!chooser.ok) {
      return failure(turn, chooser.error, (c) => ({
        verb: V.keyStart,
        data:
          chooser.error.kind === 'ambiguous' && chooser.error.what === 'customer'
            ? { product: command.product, customer: c.id }
            : { product: c.id, customer: '' },
      }));
    }
    return privately(turn, keyChooserCard(turn.s, chooser.value));
  },
  'cancel-order': async (turn, command) =>
    reply(
      turn,
      await turn.useCases.startSoftwareCancel(turn.actor, command),
      (p) => softwareCancelCard(turn.s, p),
      (c) => ({
        verb: V.softwareCancelStart,
        data: /^ORD-/i.test(c.id)
          ? { product: c.id, customer: '' }
          : { product: command.product, customer: c.id },
      }),
    ),
  activity: async (turn, command) =>
    reply(
      turn,
      await turn.useCases.queryActivity(turn.actor, command, turn.s.timeZone),
      (page) => activityCard(turn.s, page),
      (c) => ({
        verb: V.activityPage,
        data: {
          ...(command.from ? { from: command.from } : {}),
          ...(command.to ? { to: command.to } : {}),
          customer: c.id,
          page: 0,
        },
      }),
    ),
};

export const softwareActions: ActionRoutes<VerbOf<typeof V>> = {
  [V.softwareList]: (turn, action) => turn.runCommand({ kind: 'software', customer: action.customer }),
  [V.keyStart]: (turn, action) =>
    turn.runCommand({ kind: 'key', product: action.product, customer: action.customer }),
  [V.keyConfirm]: async (turn, action) => {
    const input = cardInputs(action, ['version', 'language', 'variant']);
    const shown = await turn.useCases.issueAndRevealKey(turn.actor, action.pendingId, input);
    if (!shown.ok) return failure(turn, shown.error);
    const note = shown.value.again ? turn.s.m.errors.alreadyDone : undefined;
    return privately(turn, keyCard(turn.s, shown.value.key, note));
  },
  [V.softwareCancelStart]: (turn, action) =>
    turn.runCommand({ kind: 'cancel-order', product: action.product, customer: action.customer }),
  [V.softwareCancelConfirm]: async (turn, action) => {
    const s = turn.s;
    const input = cardInputs(action, ['acknowledged']);
    const outcome = await turn.useCases.confirmSoftwareCancel(turn.actor, action.pendingId, input);
    if (!outcome.ok) return failure(turn, outcome.error);
    const value = outcome.value;
    if (value.kind === 'acknowledgement-required')
      return softwareCancelCard(s, value.proposal, domainErrorText(s, turn.actor, value.refusal));
    return softwareCancelResultCard(s, value.result, value.again ? s.m.errors.alreadyDone : undefined);
  },
  [V.activityPage]: async (turn, action) =>
    reply(turn, await turn.useCases.queryActivity(turn.actor, action, turn.s.timeZone), (page) =>
      activityCard(turn.s, page),
    ),
  [V.activityExport]: async (turn, action) =>
    reply(turn, await turn.useCases.startActivityExport(turn.actor, action, turn.s.timeZone), (e) =>
      activityExportCard(turn.s, exportUrl(turn.publicBaseUrl(), e.exportId), e.expiresAt),
    ),
};

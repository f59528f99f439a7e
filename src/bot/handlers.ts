/**
 * Commands (typed or from a button) → domain call → card. A typed command and the matching button lead to
 * the same use case. Handlers translate only; the domain decides.
 */
import type { Actor } from '../domain/shared/actor.js';
import { confirmPendingAction } from '../domain/confirmations/confirm-pending-action.js';
import { discardPendingAction } from '../domain/confirmations/discard-pending-action.js';
import type { Candidate, DomainError } from '../domain/shared/errors.js';
import { findCustomers } from '../domain/customers/find-customers.js';
import { whoCanGrantRoles } from '../domain/staff/who-can-grant-roles.js';
import { listOrders } from '../domain/customers/list-orders.js';
import { listSubscriptions } from '../domain/customers/list-subscriptions.js';
import { grantRoleExecutor, previewGrantRole } from '../domain/staff/grant-role.js';
import { listStaff } from '../domain/staff/list-staff.js';
import { previewRevokeRole, revokeRoleExecutor } from '../domain/staff/revoke-role.js';
import type { AllDeps } from '../domain/ports/deps.js';
import type { Result } from '../domain/shared/result.js';
import { VERBS, cartLineInputs, type CardAction } from './card-actions.js';
import { editCart } from '../domain/purchase/edit-cart.js';
import { purchaseExecutor, type PurchaseResult } from '../domain/purchase/purchase-cart.js';
import { showCart } from '../domain/purchase/show-cart.js';
import { startPurchase } from '../domain/purchase/start-purchase.js';
import { cancelExecutor, type CancelResult } from '../domain/subscriptions/cancel-subscription.js';
import { previewCancellation } from '../domain/subscriptions/preview-cancellation.js';
import { startCancellation } from '../domain/subscriptions/start-cancellation.js';
import { autoRenewExecutor, previewAutoRenew } from '../domain/subscriptions/set-auto-renew.js';
import { licensesExecutor, previewLicenses } from '../domain/subscriptions/change-license-count.js';
import { previewReactivate, reactivateExecutor } from '../domain/subscriptions/reactivate-subscription.js';
import { previewSuspend, suspendExecutor } from '../domain/subscriptions/suspend-subscription.js';
import { type SubscriptionChange } from '../domain/subscriptions/subscription-change.js';
import type { Executor } from '../domain/confirmations/executor.js';
import { exportUrl } from './links.js';
import { queryActivity } from '../domain/software/query-activity.js';
import { startActivityExport } from '../domain/software/export-activity.js';
import {
  softwareCancelExecutor,
  type SoftwareCancelResult,
} from '../domain/software/cancel-software-order.js';
import { startSoftwareCancel } from '../domain/software/start-software-cancel.js';
import { issueKeyExecutor, type IssuedKey } from '../domain/software/issue-key.js';
import { listSoftwarePurchases } from '../domain/software/list-software-purchases.js';
import { revealKey } from '../domain/software/reveal-key.js';
import { startKeyRequest } from '../domain/software/request-key.js';
import { locateKeyInPartnerCenter } from '../domain/software/locate-key-in-partner-center.js';
import { entitlementsCard, keyInDashboardCard, ordersWithSourceCard } from './views-partner-center.js';
import { listSoftwareEntitlements } from '../domain/software/list-software-entitlements.js';
import { listSupportRequests } from '../domain/support/list-support-requests.js';
import { startSupportRequest } from '../domain/support/start-support-request.js';
import { submitSupportRequestExecutor } from '../domain/support/submit-support-request.js';
import { type SupportReceipt } from '../domain/support/support-request.js';
import { cardInputs } from './card-actions.js';
import { requestRelationship } from '../domain/relationships/request-relationship.js';
import { setReminderPreferences } from '../domain/reminders/set-reminder-preferences.js';
import { invitationCard, reminderSettingsCard } from './views-reach-out.js';
import {
  activityCard,
  activityExportCard,
  keyCard,
  keyChooserCard,
  openChatFirstCard,
  sentPrivatelyCard,
  softwareCancelCard,
  softwareCancelResultCard,
  softwareListCard,
  supportFormCard,
  supportListCard,
  supportReceiptCard,
} from './views-software.js';
import {
  cancelPreviewCard,
  cancelReasonCard,
  cancelResultCard,
  cartCard,
  changePreviewCard,
  changeResultCard,
  effectText,
  purchaseResultCard,
} from './views-subscriptions.js';
import type { AdaptiveCardJson } from './cards.js';
import type { Speech } from './i18n.js';
import type { Command } from './parse-command.js';
import {
  domainErrorText,
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
  readonly deps: AllDeps;
  readonly actor: Actor;
  readonly s: Speech;
  /** personal, channel or groupChat. */
  readonly conversationType: string;
  /** Sends a card to the speaker's one-to-one chat; false when the bot has none with them yet. */
  readonly sendPrivately: (card: AdaptiveCardJson) => Promise<boolean>;
}

/** R-KEY-6: keys and download links only in a one-to-one chat with the person who asked. */
async function privately(turn: TurnContextInfo, card: AdaptiveCardJson): Promise<AdaptiveCardJson> {
  if (turn.conversationType === 'personal') return card;
  return (await turn.sendPrivately(card)) ? sentPrivatelyCard(turn.s) : openChatFirstCard(turn.s);
}

type ChoiceButton = (candidate: Candidate) => { verb: string; data: Record<string, unknown> };

async function failure(
  turn: TurnContextInfo,
  error: DomainError,
  onChoice?: ChoiceButton,
): Promise<AdaptiveCardJson> {
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

const subscriptionsChoice: ChoiceButton = (c) => ({
  verb: VERBS.customerSubscriptions,
  data: { customerId: c.id },
});
const ordersChoice: ChoiceButton = (c) => ({ verb: VERBS.customerOrders, data: { customerId: c.id } });

/** Presses Confirm: the result card, or the first result again for a repeated press. */
async function confirm<P, R>(
  turn: TurnContextInfo,
  executor: Executor<P, R>,
  pendingId: string,
  render: (result: R, note?: string) => AdaptiveCardJson,
  onFailure?: (error: DomainError) => Promise<AdaptiveCardJson | undefined>,
  input: Readonly<Record<string, unknown>> = {},
): Promise<AdaptiveCardJson> {
  const result = await confirmPendingAction(turn.deps, turn.actor, executor, pendingId, input);
  if (result.ok) return render(result.value.result);
  if (result.error.kind === 'already-done' && result.error.previous) {
    return render(result.error.previous as R, turn.s.m.errors.alreadyDone);
  }
  return (await onFailure?.(result.error)) ?? failure(turn, result.error);
}

/** The confirmations that change a subscription, by their button's verb. */
const CHANGE_EXECUTORS = {
  [VERBS.suspendConfirm]: suspendExecutor,
  [VERBS.reactivateConfirm]: reactivateExecutor,
  [VERBS.autoRenewConfirm]: autoRenewExecutor,
  [VERBS.licensesConfirm]: licensesExecutor,
} as Record<
  | typeof VERBS.suspendConfirm
  | typeof VERBS.reactivateConfirm
  | typeof VERBS.autoRenewConfirm
  | typeof VERBS.licensesConfirm,
  Executor<unknown, SubscriptionChange>
>;

const subscriptionChoice =
  (verb: string, extra: Record<string, unknown> = {}): ChoiceButton =>
  (c) => ({ verb, data: { ref: c.id, ...extra } });

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
        (value) => subscriptionsCard(s, value, actor),
        subscriptionsChoice,
      );
    case 'orders':
      return reply(
        turn,
        await listOrders(deps, actor, { customer: command.customer }),
        (value) =>
          deps.commerceBackend === 'partner-center'
            ? ordersWithSourceCard(s, value, deps.clock.now())
            : ordersCard(s, value),
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
    case 'buy': {
      const result = await startPurchase(deps, actor, command);
      return reply(
        turn,
        result,
        (cart) => cartCard(s, cart),
        (c) => ({
          verb: VERBS.buyStart,
          data: {
            ...(result.ok || result.error.kind !== 'ambiguous' || result.error.what !== 'product'
              ? { customer: c.id, product: command.product }
              : { customer: command.customer, product: c.id }),
            ...(command.quantity !== undefined ? { quantity: command.quantity } : {}),
            ...(command.billingCycle ? { billingCycle: command.billingCycle } : {}),
          },
        }),
      );
    }
    case 'suspend':
      return reply(
        turn,
        await previewSuspend(deps, actor, command),
        (c) => changePreviewCard(s, c),
        subscriptionChoice(VERBS.suspendStart),
      );
    case 'reactivate':
      return reply(
        turn,
        await previewReactivate(deps, actor, command),
        (c) => changePreviewCard(s, c),
        subscriptionChoice(VERBS.reactivateStart),
      );
    case 'autorenew':
      return reply(
        turn,
        await previewAutoRenew(deps, actor, command),
        (c) => changePreviewCard(s, c),
        subscriptionChoice(VERBS.autoRenewStart, { autoRenew: command.autoRenew }),
      );
    case 'licenses':
      return reply(
        turn,
        await previewLicenses(deps, actor, command),
        (c) => changePreviewCard(s, c),
        subscriptionChoice(VERBS.licensesStart, { quantity: command.quantity }),
      );
    case 'cancel': {
      if (command.reason) {
        const target = await startCancellation(deps, actor, { subscription: command.subscription });
        if (!target.ok) return failure(turn, target.error, subscriptionChoice(VERBS.cancelStart));
        return reply(
          turn,
          await previewCancellation(deps, actor, {
            subscriptionId: target.value.subscriptionId,
            reason: command.reason,
          }),
          (p) => cancelPreviewCard(s, p),
        );
      }
      return reply(
        turn,
        await startCancellation(deps, actor, command),
        (t) => cancelReasonCard(s, t),
        subscriptionChoice(VERBS.cancelStart),
      );
    }
    case 'software':
      if (deps.entitlements)
        return reply(
          turn,
          await listSoftwareEntitlements({ ...deps, entitlements: deps.entitlements }, actor, command),
          (v) => entitlementsCard(s, v, deps.clock.now()),
          (c) => ({ verb: VERBS.softwareList, data: { customer: c.id } }),
        );
      return reply(
        turn,
        await listSoftwarePurchases(deps, actor, command),
        (v) => softwareListCard(s, actor, v.customer, v.purchases),
        (c) => ({ verb: VERBS.softwareList, data: { customer: c.id } }),
      );
    case 'key': {
      if (deps.commerceBackend === 'partner-center')
        return reply(turn, await locateKeyInPartnerCenter(deps, actor, command), (k) =>
          keyInDashboardCard(s, k),
        );
      const chooser = await startKeyRequest(deps, actor, command);
      if (!chooser.ok) {
        return failure(turn, chooser.error, (c) => ({
          verb: VERBS.keyStart,
          data:
            chooser.error.kind === 'ambiguous' && chooser.error.what === 'customer'
              ? { product: command.product, customer: c.id }
              : { product: c.id, customer: '' },
        }));
      }
      return privately(turn, keyChooserCard(s, chooser.value));
    }
    case 'cancel-order':
      return reply(
        turn,
        await startSoftwareCancel(deps, actor, command),
        (p) => softwareCancelCard(s, p),
        (c) => ({
          verb: VERBS.softwareCancelStart,
          data: /^ORD-/i.test(c.id)
            ? { product: c.id, customer: '' }
            : { product: command.product, customer: c.id },
        }),
      );
    case 'activity':
      return reply(
        turn,
        await queryActivity(deps, actor, command, s.timeZone),
        (page) => activityCard(s, page),
        (c) => ({
          verb: VERBS.activityPage,
          data: {
            ...(command.from ? { from: command.from } : {}),
            ...(command.to ? { to: command.to } : {}),
            customer: c.id,
            page: 0,
          },
        }),
      );
    case 'support':
      return reply(
        turn,
        await startSupportRequest(deps, actor, command),
        (form) => supportFormCard(s, form),
        (c) => ({ verb: VERBS.supportStart, data: { ref: c.id } }),
      );
    case 'support-list':
      return reply(turn, await listSupportRequests(deps, actor), (list) => supportListCard(s, list));
    case 'invite':
      return reply(
        turn,
        await requestRelationship(deps, actor, command),
        (invitation) => invitationCard(s, invitation),
        (c) => ({ verb: VERBS.inviteStart, data: { customer: c.id } }),
      );
    case 'reminders': {
      const changes = {
        ...(command.enabled !== undefined ? { enabled: command.enabled } : {}),
        ...(command.digest !== undefined ? { digest: command.digest } : {}),
      };
      const preferences = Object.keys(changes).length
        ? await setReminderPreferences(deps, actor, changes)
        : actor.aadObjectId
          ? await deps.staff.reminderPreferences(actor.aadObjectId)
          : null;
      const hasChat = actor.aadObjectId
        ? Boolean(await deps.staff.conversationReference(actor.aadObjectId))
        : false;
      return reminderSettingsCard(s, preferences, hasChat);
    }
  }
}

/** The cart card again, with a notice (a refused edit leaves the cart as it was). */
async function cartAgain(
  turn: TurnContextInfo,
  pendingId: string,
  notice: string,
): Promise<AdaptiveCardJson> {
  const cart = await showCart(turn.deps, turn.actor, pendingId);
  return cart.ok ? cartCard(turn.s, cart.value, notice) : failure(turn, cart.error);
}

async function editAndShow(
  turn: TurnContextInfo,
  pendingId: string,
  edit: Parameters<typeof editCart>[3],
): Promise<AdaptiveCardJson> {
  const edited = await editCart(turn.deps, turn.actor, pendingId, edit);
  if (edited.ok) return cartCard(turn.s, edited.value);
  const error = edited.error;
  if (
    error.kind === 'refused' ||
    error.kind === 'not-found' ||
    error.kind === 'ambiguous' ||
    error.kind === 'invalid-input'
  ) {
    if (error.kind === 'not-found' && error.what === 'pending-action') return failure(turn, error);
    return cartAgain(turn, pendingId, domainErrorText(turn.s, turn.actor, error));
  }
  return failure(turn, error);
}

async function purchase(
  turn: TurnContextInfo,
  pendingId: string,
  data: Record<string, unknown>,
): Promise<AdaptiveCardJson> {
  const inputs = cartLineInputs(data);
  if (inputs === 'invalid') return cartAgain(turn, pendingId, turn.s.m.refusals.quantity({ max: '…' }));
  if (inputs) {
    const current = await showCart(turn.deps, turn.actor, pendingId);
    if (current.ok) {
      const changed = current.value.lines.some(
        (line, i) =>
          !inputs[i] ||
          inputs[i]!.quantity !== line.quantity ||
          inputs[i]!.billingCycle !== line.billingCycle,
      );
      if (changed) {
        const edited = await editCart(turn.deps, turn.actor, pendingId, { kind: 'set', lines: inputs });
        if (!edited.ok) return editAndShow(turn, pendingId, { kind: 'set', lines: inputs });
        return cartCard(turn.s, edited.value, turn.s.m.cart.reviewChanged);
      }
    }
  }
  return confirm<unknown, PurchaseResult>(
    turn,
    purchaseExecutor as Executor<unknown, PurchaseResult>,
    pendingId,
    (r, note) => purchaseResultCard(turn.s, r, note),
  );
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
      return confirm(turn, grantRoleExecutor, action.pendingId, (r, n) => roleChangeResultCard(s, r, n));
    case VERBS.staffRevokeConfirm:
      return confirm(turn, revokeRoleExecutor, action.pendingId, (r, n) => roleChangeResultCard(s, r, n));
    case VERBS.pendingDiscard:
      return reply(turn, await discardPendingAction(deps, actor, action.action, action.pendingId), () =>
        discardedCard(s),
      );
    case VERBS.buyStart:
      return handleCommand(turn, {
        kind: 'buy',
        customer: action.customer,
        product: action.product,
        ...(action.quantity !== undefined ? { quantity: action.quantity } : {}),
        ...(action.billingCycle ? { billingCycle: action.billingCycle } : {}),
      });
    case VERBS.cartUpdate: {
      const inputs = cartLineInputs(action);
      if (inputs === 'invalid') return cartAgain(turn, action.pendingId, s.m.refusals.quantity({ max: '…' }));
      return inputs
        ? editAndShow(turn, action.pendingId, { kind: 'set', lines: inputs })
        : cartAgain(turn, action.pendingId, '');
    }
    case VERBS.cartAdd:
      return editAndShow(turn, action.pendingId, { kind: 'add', product: action.addProduct ?? '' });
    case VERBS.cartRemove:
      return editAndShow(turn, action.pendingId, { kind: 'remove', index: action.index });
    case VERBS.cartPurchase:
      return purchase(turn, action.pendingId, action);
    case VERBS.suspendStart:
      return handleCommand(turn, { kind: 'suspend', subscription: action.ref });
    case VERBS.reactivateStart:
      return handleCommand(turn, { kind: 'reactivate', subscription: action.ref });
    case VERBS.cancelStart:
      return handleCommand(turn, { kind: 'cancel', subscription: action.ref });
    case VERBS.autoRenewStart:
      return handleCommand(turn, {
        kind: 'autorenew',
        subscription: action.ref,
        autoRenew: action.autoRenew,
      });
    case VERBS.licensesStart:
      return handleCommand(turn, { kind: 'licenses', subscription: action.ref, quantity: action.quantity });
    case VERBS.cancelReason:
      return reply(
        turn,
        await previewCancellation(deps, actor, {
          subscriptionId: action.subscriptionId,
          reason: action.reason ?? '',
        }),
        (p) => cancelPreviewCard(s, p),
      );
    case VERBS.suspendConfirm:
    case VERBS.reactivateConfirm:
    case VERBS.autoRenewConfirm:
    case VERBS.licensesConfirm:
      return confirm(turn, CHANGE_EXECUTORS[action.verb], action.pendingId, (r, n) =>
        changeResultCard(s, r, n),
      );
    case VERBS.cancelConfirm:
      return confirm<unknown, CancelResult>(
        turn,
        cancelExecutor as Executor<unknown, CancelResult>,
        action.pendingId,
        (r, n) => cancelResultCard(s, r, n),
        async (error) => {
          // The window closed between preview and click: show what applies now, as a new confirmation.
          if (error.kind !== 'effect-changed') return undefined;
          const fresh = await previewCancellation(deps, actor, {
            subscriptionId: error.subscriptionId,
            reason: error.reason,
          });
          if (!fresh.ok) return failure(turn, fresh.error);
          return cancelPreviewCard(
            s,
            fresh.value,
            s.m.errors.effectChanged(effectText(s, fresh.value.effect)),
          );
        },
      );
    case VERBS.softwareList:
      return handleCommand(turn, { kind: 'software', customer: action.customer });
    case VERBS.keyStart:
      return handleCommand(turn, { kind: 'key', product: action.product, customer: action.customer });
    case VERBS.keyConfirm: {
      const input = cardInputs(action, ['version', 'language', 'variant']);
      const issued = await confirmPendingAction(deps, actor, issueKeyExecutor, action.pendingId, input);
      const again = !issued.ok && issued.error.kind === 'already-done' && issued.error.previous;
      if (!issued.ok && !again) return failure(turn, issued.error);
      const which = (
        issued.ok ? issued.value.result : (issued.error as { previous: IssuedKey }).previous
      ) as IssuedKey;
      const revealed = await revealKey(deps, actor, which, Boolean(again));
      if (!revealed.ok) return failure(turn, revealed.error);
      return privately(turn, keyCard(s, revealed.value, again ? s.m.errors.alreadyDone : undefined));
    }
    case VERBS.softwareCancelStart:
      return handleCommand(turn, {
        kind: 'cancel-order',
        product: action.product,
        customer: action.customer,
      });
    case VERBS.softwareCancelConfirm:
      return confirm<unknown, SoftwareCancelResult>(
        turn,
        softwareCancelExecutor as Executor<unknown, SoftwareCancelResult>,
        action.pendingId,
        (r, n) => softwareCancelResultCard(s, r, n),
        async (error) => {
          if (error.kind !== 'refused' || error.reason !== 'acknowledgement-required') return undefined;
          const pending = await deps.pending.find(action.pendingId);
          const orderId = (pending?.payload as { orderId?: string } | undefined)?.orderId;
          if (!orderId) return undefined;
          const again = await startSoftwareCancel(deps, actor, { product: orderId, customer: '' });
          return again.ok
            ? softwareCancelCard(s, again.value, domainErrorText(s, actor, error))
            : failure(turn, again.error);
        },
        cardInputs(action, ['acknowledged']),
      );
    case VERBS.inviteStart:
      return handleCommand(turn, { kind: 'invite', customer: action.customer });
    case VERBS.supportStart:
      return handleCommand(turn, { kind: 'support', ref: action.ref });
    case VERBS.supportSubmit: {
      const fields = ['reason', 'impact', 'title', 'contactName', 'contactEmail', 'contactPhone'] as const;
      const input = cardInputs(action, fields);
      return confirm<unknown, SupportReceipt>(
        turn,
        submitSupportRequestExecutor as Executor<unknown, SupportReceipt>,
        action.pendingId,
        (r, n) => supportReceiptCard(s, r, n),
        async (error) => {
          if (error.kind !== 'invalid-input') return undefined;
          // Show the form again with what they typed and the field to fix (a fresh confirmation).
          const pending = await deps.pending.find(action.pendingId);
          const draft = pending?.payload as
            { orderId?: string | null; subscriptionId?: string | null; customerId?: string } | undefined;
          const ref = draft?.subscriptionId ?? draft?.orderId ?? draft?.customerId;
          if (!ref) return undefined;
          const form = await startSupportRequest(deps, actor, { ref });
          if (!form.ok) return failure(turn, form.error);
          const label = (s.m.support as unknown as Record<string, unknown>)[error.field];
          return supportFormCard(
            s,
            form.value,
            s.m.support.invalidField(typeof label === 'string' ? label : error.field),
            input as Record<string, string>,
          );
        },
        input,
      );
    }
    case VERBS.activityPage:
      return reply(turn, await queryActivity(deps, actor, action, s.timeZone), (page) =>
        activityCard(s, page),
      );
    case VERBS.activityExport: {
      const started = await startActivityExport(deps, actor, action, s.timeZone);
      return reply(turn, started, (e) =>
        activityExportCard(s, exportUrl(deps.publicBaseUrl(), e.exportId), e.expiresAt),
      );
    }
  }
}

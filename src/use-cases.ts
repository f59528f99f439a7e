/**
 * The use cases bound to their dependencies: what the composition root hands to the bot (see
 * src/bot/use-cases.ts). Each entry only passes `deps` on; the domain decides.
 */
import { listSoftwareEntitlements } from './domain/software/list-software-entitlements.js';
import { locateKeyInPartnerCenter } from './domain/software/locate-key-in-partner-center.js';
import type { UseCases } from './bot/use-cases.js';
import { createDashboardUseCases } from './dashboard-use-cases.js';
import type { AllDeps } from './domain/ports/deps.js';
import type { Executor } from './domain/confirmations/executor.js';
import { confirmOrRecall } from './domain/confirmations/confirm-or-recall.js';
import { discardPendingAction } from './domain/confirmations/discard-pending-action.js';
import { findCustomers } from './domain/customers/find-customers.js';
import { listOrders } from './domain/customers/list-orders.js';
import { listSubscriptions } from './domain/customers/list-subscriptions.js';
import { suggestCustomers } from './domain/customers/suggest-customers.js';
import { purchaseEditedCart } from './domain/purchase/purchase-edited-cart.js';
import { reviseCart } from './domain/purchase/revise-cart.js';
import { showCart } from './domain/purchase/show-cart.js';
import { startPurchase } from './domain/purchase/start-purchase.js';
import { suggestProducts } from './domain/purchase/suggest-products.js';
import { requestRelationship } from './domain/relationships/request-relationship.js';
import { showReminderSettings } from './domain/reminders/show-reminder-settings.js';
import { confirmSoftwareCancel } from './domain/software/confirm-software-cancel.js';
import { startActivityExport } from './domain/software/export-activity.js';
import { issueAndRevealKey } from './domain/software/issue-and-reveal-key.js';
import { listSoftwarePurchases } from './domain/software/list-software-purchases.js';
import { queryActivity } from './domain/software/query-activity.js';
import { startKeyRequest } from './domain/software/request-key.js';
import { startSoftwareCancel } from './domain/software/start-software-cancel.js';
import { findChatLanguage, findChatReference } from './domain/staff/find-chat-contact.js';
import { grantRoleExecutor, previewGrantRole } from './domain/staff/grant-role.js';
import { identifyActor } from './domain/staff/identify-actor.js';
import { listStaff } from './domain/staff/list-staff.js';
import { previewRevokeRole, revokeRoleExecutor } from './domain/staff/revoke-role.js';
import { whoCanGrantRoles } from './domain/staff/who-can-grant-roles.js';
import { autoRenewExecutor, previewAutoRenew } from './domain/subscriptions/set-auto-renew.js';
import { licensesExecutor, previewLicenses } from './domain/subscriptions/change-license-count.js';
import { confirmCancellation } from './domain/subscriptions/confirm-cancellation.js';
import { previewCancellation } from './domain/subscriptions/preview-cancellation.js';
import { previewReactivate, reactivateExecutor } from './domain/subscriptions/reactivate-subscription.js';
import { requestCancellation } from './domain/subscriptions/request-cancellation.js';
import type { SubscriptionChange } from './domain/subscriptions/subscription-change.js';
import { previewSuspend, suspendExecutor } from './domain/subscriptions/suspend-subscription.js';
import { confirmSupportRequest } from './domain/support/confirm-support-request.js';
import { listSupportRequests } from './domain/support/list-support-requests.js';
import { startSupportRequest } from './domain/support/start-support-request.js';

const asChange = (executor: unknown) => executor as Executor<unknown, SubscriptionChange>;

export function createUseCases(deps: AllDeps): UseCases {
  const entitlements = deps.entitlements;
  return {
    ...(entitlements
      ? {
          softwareAtPartnerCenter: {
            listEntitlements: (actor, command) =>
              listSoftwareEntitlements({ ...deps, entitlements }, actor, command),
            locateKey: (actor, command) => locateKeyInPartnerCenter(deps, actor, command),
          },
        }
      : {}),
    identifyActor: (identity) => identifyActor(deps, identity),
    whoCanGrantRoles: () => whoCanGrantRoles(deps),
    findChatReference: (aadObjectId) => findChatReference(deps, aadObjectId),
    findChatLanguage: (aadObjectId) => findChatLanguage(deps, aadObjectId),
    discardPendingAction: (actor, action, pendingId) => discardPendingAction(deps, actor, action, pendingId),
    findCustomers: (actor, command) => findCustomers(deps, actor, command),
    listSubscriptions: (actor, command) => listSubscriptions(deps, actor, command),
    listOrders: (actor, command) => listOrders(deps, actor, command),
    suggestCustomers: (actor, text) => suggestCustomers(deps, actor, text),
    listStaff: (actor) => listStaff(deps, actor),
    previewGrantRole: (actor, command) => previewGrantRole(deps, actor, command),
    previewRevokeRole: (actor, command) => previewRevokeRole(deps, actor, command),
    confirmGrantRole: (actor, pendingId) => confirmOrRecall(deps, actor, grantRoleExecutor, pendingId),
    confirmRevokeRole: (actor, pendingId) => confirmOrRecall(deps, actor, revokeRoleExecutor, pendingId),
    startPurchase: (actor, command) => startPurchase(deps, actor, command),
    showCart: (actor, pendingId) => showCart(deps, actor, pendingId),
    reviseCart: (actor, pendingId, edit) => reviseCart(deps, actor, pendingId, edit),
    purchaseEditedCart: (actor, pendingId, lines) => purchaseEditedCart(deps, actor, pendingId, lines),
    suggestProducts: (actor, text) => suggestProducts(deps, actor, text),
    previewSuspend: (actor, command) => previewSuspend(deps, actor, command),
    previewReactivate: (actor, command) => previewReactivate(deps, actor, command),
    previewAutoRenew: (actor, command) => previewAutoRenew(deps, actor, command),
    previewLicenses: (actor, command) => previewLicenses(deps, actor, command),
    confirmSuspend: (actor, pendingId) => confirmOrRecall(deps, actor, asChange(suspendExecutor), pendingId),
    confirmReactivate: (actor, pendingId) =>
      confirmOrRecall(deps, actor, asChange(reactivateExecutor), pendingId),
    confirmAutoRenew: (actor, pendingId) =>
      confirmOrRecall(deps, actor, asChange(autoRenewExecutor), pendingId),
    confirmLicenses: (actor, pendingId) =>
      confirmOrRecall(deps, actor, asChange(licensesExecutor), pendingId),
    requestCancellation: (actor, command) => requestCancellation(deps, actor, command),
    previewCancellation: (actor, command) => previewCancellation(deps, actor, command),
    confirmCancellation: (actor, pendingId) => confirmCancellation(deps, actor, pendingId),
    listSoftwarePurchases: (actor, command) => listSoftwarePurchases(deps, actor, command),
    startKeyRequest: (actor, command) => startKeyRequest(deps, actor, command),
    issueAndRevealKey: (actor, pendingId, input) => issueAndRevealKey(deps, actor, pendingId, input),
    startSoftwareCancel: (actor, command) => startSoftwareCancel(deps, actor, command),
    confirmSoftwareCancel: (actor, pendingId, input) => confirmSoftwareCancel(deps, actor, pendingId, input),
    queryActivity: (actor, query, timeZone) => queryActivity(deps, actor, query, timeZone),
    startActivityExport: (actor, query, timeZone) => startActivityExport(deps, actor, query, timeZone),
    startSupportRequest: (actor, command) => startSupportRequest(deps, actor, command),
    confirmSupportRequest: (actor, pendingId, input) => confirmSupportRequest(deps, actor, pendingId, input),
    listSupportRequests: (actor) => listSupportRequests(deps, actor),
    requestRelationship: (actor, command) => requestRelationship(deps, actor, command),
    showReminderSettings: (actor, changes) => showReminderSettings(deps, actor, changes),
    dashboard: createDashboardUseCases(deps),
  };
}

/**
 * What the bot may ask of the domain: the use cases, already bound to their dependencies by the
 * composition root (src/use-cases.ts). The bot never sees a repository.
 */
import type { listSoftwareEntitlements } from '../domain/software/list-software-entitlements.js';
import type { locateKeyInPartnerCenter } from '../domain/software/locate-key-in-partner-center.js';
import type { Actor } from '../domain/shared/actor.js';
import type { DomainError } from '../domain/shared/errors.js';
import type { Result } from '../domain/shared/result.js';
import type { Recalled } from '../domain/confirmations/confirm-or-recall.js';
import type { discardPendingAction } from '../domain/confirmations/discard-pending-action.js';
import type { findCustomers } from '../domain/customers/find-customers.js';
import type { listOrders } from '../domain/customers/list-orders.js';
import type { listSubscriptions } from '../domain/customers/list-subscriptions.js';
import type { suggestCustomers } from '../domain/customers/suggest-customers.js';
import type { purchaseEditedCart } from '../domain/purchase/purchase-edited-cart.js';
import type { reviseCart } from '../domain/purchase/revise-cart.js';
import type { showCart } from '../domain/purchase/show-cart.js';
import type { startPurchase } from '../domain/purchase/start-purchase.js';
import type { suggestProducts } from '../domain/purchase/suggest-products.js';
import type { requestRelationship } from '../domain/relationships/request-relationship.js';
import type { showReminderSettings } from '../domain/reminders/show-reminder-settings.js';
import type { confirmSoftwareCancel } from '../domain/software/confirm-software-cancel.js';
import type { startActivityExport } from '../domain/software/export-activity.js';
import type { issueAndRevealKey } from '../domain/software/issue-and-reveal-key.js';
import type { listSoftwarePurchases } from '../domain/software/list-software-purchases.js';
import type { queryActivity } from '../domain/software/query-activity.js';
import type { startKeyRequest } from '../domain/software/request-key.js';
import type { startSoftwareCancel } from '../domain/software/start-software-cancel.js';
import type { findChatLanguage, findChatReference } from '../domain/staff/find-chat-contact.js';
import type { previewGrantRole } from '../domain/staff/grant-role.js';
import type { identifyActor } from '../domain/staff/identify-actor.js';
import type { listStaff } from '../domain/staff/list-staff.js';
import type { previewRevokeRole } from '../domain/staff/revoke-role.js';
import type { RoleChangeResult } from '../domain/staff/role-change.js';
import type { whoCanGrantRoles } from '../domain/staff/who-can-grant-roles.js';
import type { previewAutoRenew } from '../domain/subscriptions/set-auto-renew.js';
import type { previewLicenses } from '../domain/subscriptions/change-license-count.js';
import type { confirmCancellation } from '../domain/subscriptions/confirm-cancellation.js';
import type { previewCancellation } from '../domain/subscriptions/preview-cancellation.js';
import type { previewReactivate } from '../domain/subscriptions/reactivate-subscription.js';
import type { requestCancellation } from '../domain/subscriptions/request-cancellation.js';
import type { SubscriptionChange } from '../domain/subscriptions/subscription-change.js';
import type { previewSuspend } from '../domain/subscriptions/suspend-subscription.js';
import type { confirmSupportRequest } from '../domain/support/confirm-support-request.js';
import type { listSupportRequests } from '../domain/support/list-support-requests.js';
import type { startSupportRequest } from '../domain/support/start-support-request.js';
import type { DashboardUseCases } from './dashboard-use-cases.js';

/** A use case with its dependencies already given: the same function minus its first parameter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Bound<F> = F extends (deps: any, ...args: infer A) => infer R ? (...args: A) => R : never;

/** Pressing Confirm on a preview that needs nothing but its id. */
type Confirm<R> = (actor: Actor, pendingId: string) => Promise<Result<Recalled<R>, DomainError>>;

export interface UseCases {
  // Who is speaking, whom to ask for a role, how to reach someone privately.
  readonly identifyActor: Bound<typeof identifyActor>;
  readonly whoCanGrantRoles: Bound<typeof whoCanGrantRoles>;
  readonly findChatReference: Bound<typeof findChatReference>;
  readonly findChatLanguage: Bound<typeof findChatLanguage>;
  readonly discardPendingAction: Bound<typeof discardPendingAction>;
  // Customers
  readonly findCustomers: Bound<typeof findCustomers>;
  readonly listSubscriptions: Bound<typeof listSubscriptions>;
  readonly listOrders: Bound<typeof listOrders>;
  readonly suggestCustomers: Bound<typeof suggestCustomers>;
  // Staff
  readonly listStaff: Bound<typeof listStaff>;
  readonly previewGrantRole: Bound<typeof previewGrantRole>;
  readonly previewRevokeRole: Bound<typeof previewRevokeRole>;
  readonly confirmGrantRole: Confirm<RoleChangeResult>;
  readonly confirmRevokeRole: Confirm<RoleChangeResult>;
  // Purchase
  readonly startPurchase: Bound<typeof startPurchase>;
  readonly showCart: Bound<typeof showCart>;
  readonly reviseCart: Bound<typeof reviseCart>;
  readonly purchaseEditedCart: Bound<typeof purchaseEditedCart>;
  readonly suggestProducts: Bound<typeof suggestProducts>;
  // Subscriptions
  readonly previewSuspend: Bound<typeof previewSuspend>;
  readonly previewReactivate: Bound<typeof previewReactivate>;
  readonly previewAutoRenew: Bound<typeof previewAutoRenew>;
  readonly previewLicenses: Bound<typeof previewLicenses>;
  readonly confirmSuspend: Confirm<SubscriptionChange>;
  readonly confirmReactivate: Confirm<SubscriptionChange>;
  readonly confirmAutoRenew: Confirm<SubscriptionChange>;
  readonly confirmLicenses: Confirm<SubscriptionChange>;
  readonly requestCancellation: Bound<typeof requestCancellation>;
  readonly previewCancellation: Bound<typeof previewCancellation>;
  readonly confirmCancellation: Bound<typeof confirmCancellation>;
  // Software
  readonly listSoftwarePurchases: Bound<typeof listSoftwarePurchases>;
  readonly startKeyRequest: Bound<typeof startKeyRequest>;
  readonly issueAndRevealKey: Bound<typeof issueAndRevealKey>;
  readonly startSoftwareCancel: Bound<typeof startSoftwareCancel>;
  readonly confirmSoftwareCancel: Bound<typeof confirmSoftwareCancel>;
  readonly queryActivity: Bound<typeof queryActivity>;
  readonly startActivityExport: Bound<typeof startActivityExport>;
  /**
   * Partner-center mode only (R-PC-14): no documented endpoint gives keys or links, so `key` points to the
   * dashboard and `software` lists Partner Center's entitlements.
   */
  readonly softwareAtPartnerCenter?: {
    readonly listEntitlements: Bound<typeof listSoftwareEntitlements>;
    readonly locateKey: Bound<typeof locateKeyInPartnerCenter>;
  };
  // Support
  readonly startSupportRequest: Bound<typeof startSupportRequest>;
  readonly confirmSupportRequest: Bound<typeof confirmSupportRequest>;
  readonly listSupportRequests: Bound<typeof listSupportRequests>;
  // Relationships and reminders
  readonly requestRelationship: Bound<typeof requestRelationship>;
  readonly showReminderSettings: Bound<typeof showReminderSettings>;
  // Dashboard parity: order view, catalog browse, add-ons, billing and term changes, upgrades
  readonly dashboard: DashboardUseCases;
}

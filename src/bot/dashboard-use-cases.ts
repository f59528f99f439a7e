/**
 * The dashboard-parity use cases (issue 11) the bot may call, grouped so that the features can grow
 * without touching the shared UseCases list: order view, catalog browse, add-ons, billing and term
 * changes, upgrades.
 */
import type { browseProducts } from '../domain/catalog/browse-products.js';
import type { showOrder } from '../domain/catalog/show-order.js';
import type { AddOnResult, listAddOns, previewAddOn } from '../domain/subscriptions/add-ons.js';
import type { Actor } from '../domain/shared/actor.js';
import type { DomainError } from '../domain/shared/errors.js';
import type { Result } from '../domain/shared/result.js';
import type { Recalled } from '../domain/confirmations/confirm-or-recall.js';
import type { previewBillingChange, previewUpgrade } from '../domain/subscriptions/change-plan.js';
import type { SubscriptionChange } from '../domain/subscriptions/subscription-change.js';
import type { Bound } from './use-cases.js';

export interface DashboardUseCases {
  readonly showOrder: Bound<typeof showOrder>;
  readonly browseProducts: Bound<typeof browseProducts>;
  readonly listAddOns: Bound<typeof listAddOns>;
  readonly previewAddOn: Bound<typeof previewAddOn>;
  /** Confirm with the licence count the card sends (`quantity`). */
  readonly confirmAddOn: (
    actor: Actor,
    pendingId: string,
    input: Readonly<Record<string, unknown>>,
  ) => Promise<Result<Recalled<AddOnResult>, DomainError>>;
  readonly previewBillingChange: Bound<typeof previewBillingChange>;
  readonly confirmBillingChange: (
    actor: Actor,
    pendingId: string,
  ) => Promise<Result<Recalled<SubscriptionChange>, DomainError>>;
  readonly previewUpgrade: Bound<typeof previewUpgrade>;
  readonly confirmUpgrade: (
    actor: Actor,
    pendingId: string,
  ) => Promise<Result<Recalled<SubscriptionChange>, DomainError>>;
}

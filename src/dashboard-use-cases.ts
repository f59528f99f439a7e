/** Binds the dashboard-parity use cases (src/bot/dashboard-use-cases.ts) to their dependencies. */
import type { DashboardUseCases } from './bot/dashboard-use-cases.js';
import type { AllDeps } from './domain/ports/deps.js';
import { browseProducts } from './domain/catalog/browse-products.js';
import { showOrder } from './domain/catalog/show-order.js';
import { addOnExecutor, listAddOns, previewAddOn } from './domain/subscriptions/add-ons.js';
import { confirmOrRecall } from './domain/confirmations/confirm-or-recall.js';
import type { Executor } from './domain/confirmations/executor.js';
import type { AddOnPayload, AddOnResult } from './domain/subscriptions/add-ons.js';
import {
  billingExecutor,
  previewBillingChange,
  previewUpgrade,
  upgradeExecutor,
  type PlanPayload,
} from './domain/subscriptions/change-plan.js';
import type { SubscriptionChange } from './domain/subscriptions/subscription-change.js';

const asPlan = (executor: unknown) => executor as Executor<PlanPayload, SubscriptionChange>;

export function createDashboardUseCases(deps: AllDeps): DashboardUseCases {
  return {
    showOrder: (actor, command) => showOrder(deps, actor, command),
    browseProducts: (actor, command) => browseProducts(deps, actor, command),
    listAddOns: (actor, command) => listAddOns(deps, actor, command),
    previewAddOn: (actor, command) => previewAddOn(deps, actor, command),
    confirmAddOn: (actor, pendingId, input) =>
      confirmOrRecall(deps, actor, addOnExecutor as Executor<AddOnPayload, AddOnResult>, pendingId, input),
    previewBillingChange: (actor, command) => previewBillingChange(deps, actor, command),
    confirmBillingChange: (actor, pendingId) =>
      confirmOrRecall(deps, actor, asPlan(billingExecutor), pendingId),
    previewUpgrade: (actor, command) => previewUpgrade(deps, actor, command),
    confirmUpgrade: (actor, pendingId) => confirmOrRecall(deps, actor, asPlan(upgradeExecutor), pendingId),
  };
}

/** Binds the dashboard-parity use cases (src/bot/dashboard-use-cases.ts) to their dependencies. */
import type { DashboardUseCases } from './bot/dashboard-use-cases.js';
import type { AllDeps } from './domain/ports/deps.js';
import { browseProducts } from './domain/catalog/browse-products.js';
import { showOrder } from './domain/catalog/show-order.js';

export function createDashboardUseCases(deps: AllDeps): DashboardUseCases {
  return {
    showOrder: (actor, command) => showOrder(deps, actor, command),
    browseProducts: (actor, command) => browseProducts(deps, actor, command),
  };
}

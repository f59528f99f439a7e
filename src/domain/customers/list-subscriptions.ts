/** `subscriptions <customer>` and `orders <customer>` (R-ROLE-7, R-CAT-1). */
import type { Actor } from '../shared/actor.js';
import { requireRole } from '../shared/authorize.js';
import type { DomainError } from '../shared/errors.js';
import { resolveCustomer } from './find-customers.js';
import type { Customer, Order, Subscription } from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import { ok, type Result } from '../shared/result.js';
import { effectiveSubscription } from '../subscriptions/subscription-state.js';

export interface CustomerSubscriptions {
  readonly customer: Customer;
  readonly subscriptions: readonly Subscription[];
}

export async function listSubscriptions(
  deps: AllDeps,
  actor: Actor,
  command: { customer: string },
): Promise<Result<CustomerSubscriptions, DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  const customer = await resolveCustomer(deps.customers, command.customer);
  if (!customer.ok) return customer;
  const now = deps.clock.now();
  const subscriptions = (await deps.subscriptions.listByCustomer(customer.value.id)).map((s) =>
    effectiveSubscription(s, now),
  );
  return ok({ customer: customer.value, subscriptions });
}

export interface CustomerOrders {
  readonly customer: Customer;
  readonly orders: readonly Order[];
}

export async function listOrders(
  deps: AllDeps,
  actor: Actor,
  command: { customer: string },
): Promise<Result<CustomerOrders, DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  const customer = await resolveCustomer(deps.customers, command.customer);
  if (!customer.ok) return customer;
  return ok({ customer: customer.value, orders: await deps.orders.listByCustomer(customer.value.id) });
}

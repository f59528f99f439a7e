/** `subscriptions <customer>`: a customer's subscriptions as of now (R-ROLE-7, R-CAT-1). */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { Customer, Subscription } from '../shared/model.js';
import { requireRole } from '../shared/authorize.js';
import { resolveCustomer } from './find-customers.js';
import { ok } from '../shared/result.js';
import { effectiveSubscription } from '../subscriptions/subscription-state.js';

export type ListSubscriptionsDeps = Pick<AllDeps, 'clock' | 'audit' | 'customers' | 'subscriptions'>;

export interface CustomerSubscriptions {
  readonly customer: Customer;
  readonly subscriptions: readonly Subscription[];
}

export async function listSubscriptions(
  deps: ListSubscriptionsDeps,
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

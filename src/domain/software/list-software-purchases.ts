/** `software <customer>`: the customer's software purchases, cancelled ones included (R-SWC-6). */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { Customer } from '../shared/model.js';
import type { SoftwarePurchase } from '../ports/software.js';
import { requireRole } from '../shared/authorize.js';
import { resolveCustomer } from '../customers/find-customers.js';
import { ok } from '../shared/result.js';

export type ListSoftwarePurchasesDeps = Pick<AllDeps, 'clock' | 'audit' | 'customers' | 'software'>;

/** `software <customer>`: the customer's software purchases, cancelled ones included (R-SWC-6). */
export async function listSoftwarePurchases(
  deps: ListSoftwarePurchasesDeps,
  actor: Actor,
  command: { customer: string },
): Promise<Result<{ customer: Customer; purchases: SoftwarePurchase[] }, DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  const customer = await resolveCustomer(deps.customers, command.customer);
  if (!customer.ok) return customer;
  return ok({ customer: customer.value, purchases: await deps.software.listPurchases(customer.value.id) });
}

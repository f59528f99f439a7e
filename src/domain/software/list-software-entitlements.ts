/**
 * `software <customer>` in partner-center mode (R-PC-14): the customer's software entitlements as Partner
 * Center has them, with where they come from; keys and links are in the Partner Center dashboard.
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { Customer } from '../shared/model.js';
import type { SoftwareEntitlement } from '../ports/entitlements.js';
import type { FactSource } from '../shared/external-refusal.js';
import type { EntitlementSource } from '../ports/entitlements.js';
import { requireRole } from '../shared/authorize.js';
import { resolveCustomer } from '../customers/find-customers.js';
import { err, ok } from '../shared/result.js';

export interface SoftwareEntitlements {
  readonly customer: Customer;
  readonly entitlements: readonly SoftwareEntitlement[];
  readonly source: FactSource;
}

export async function listSoftwareEntitlements(
  deps: Pick<AllDeps, 'clock' | 'audit' | 'customers'> & { readonly entitlements: EntitlementSource },
  actor: Actor,
  command: { customer: string },
): Promise<Result<SoftwareEntitlements, DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  const customer = await resolveCustomer(deps.customers, command.customer);
  if (!customer.ok) return customer;
  const listed = await deps.entitlements.listSoftware(customer.value.tenantId);
  if ('kind' in listed) return err(listed);
  return ok({ customer: customer.value, entitlements: listed.entitlements, source: listed.source });
}

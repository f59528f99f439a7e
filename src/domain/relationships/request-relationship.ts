/**
 * Reseller relationships (R-REL-1..3, R-ROLE-6): an invitation link for a customer in the partner's
 * region; once the customer accepts (Partner Center's webhook), the customer becomes one we can provision
 * for, and the person who asked is told.
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Customer } from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import type { UnitOfWork, Repositories } from '../ports/unit-of-work.js';
import { requireRole } from '../shared/authorize.js';
import { resolveCustomer } from '../customers/find-customers.js';
import { err, ok } from '../shared/result.js';

export type RequestRelationshipDeps = Pick<
  AllDeps,
  'clock' | 'audit' | 'customers' | 'partner' | 'newId' | 'invitationLinks'
> & {
  readonly uow: UnitOfWork<Pick<Repositories, 'customers' | 'relationships' | 'audit'>>;
};

export interface Invitation {
  readonly requestId: string;
  readonly customer: Customer;
  readonly invitationUrl: string;
  /** False when a pending invitation already existed and is shown again. */
  readonly created: boolean;
  readonly createdAt: string;
}

/** Partner Center's reseller-relationship invitation link for this partner. */
export const invitationUrlFor = (partnerId: string) =>
  `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${encodeURIComponent(partnerId)}&msppId=0&DAP=true#/BillingAccounts/partner-invitation`;

/** `invite <customer name or domain>`. */
export async function requestRelationship(
  deps: RequestRelationshipDeps,
  actor: Actor,
  command: { customer: string },
): Promise<Result<Invitation, DomainError>> {
  const denied = await requireRole(deps, actor, 'relationship.request');
  if (denied) return denied;
  const found = await resolveCustomer(deps.customers, command.customer);
  if (!found.ok) return found;
  const customer = found.value;
  if (customer.relationship === 'active') {
    return err({
      kind: 'refused',
      rule: 'R-REL-1',
      reason: 'already-reseller',
      facts: { customer: customer.companyName },
    });
  }
  if (customer.tenantRegion !== deps.partner.region) {
    return err({
      kind: 'refused',
      rule: 'R-REL-2',
      reason: 'region-mismatch',
      facts: {
        customer: customer.companyName,
        customerRegion: customer.tenantRegion,
        partnerRegion: deps.partner.region,
      },
    });
  }
  // R-PC-15: Partner Center's own link when it is the backend (read before the transaction).
  const backendLink = deps.invitationLinks ? await deps.invitationLinks.current() : null;
  if (backendLink !== null && typeof backendLink !== 'string') return err(backendLink);
  const now = deps.clock.now();
  return ok(
    await deps.uow.run(async (tx) => {
      // One pending invitation per customer, even when two people ask at once.
      await tx.customers.lockForUpdate(customer.id);
      const existing = await tx.relationships.findPendingFor(customer.id);
      if (existing) {
        return {
          requestId: existing.id,
          customer,
          invitationUrl: existing.invitationUrl,
          created: false,
          createdAt: existing.createdAt.toISOString(),
        };
      }
      const id = deps.newId();
      const invitationUrl = backendLink ?? invitationUrlFor(deps.partner.partnerId);
      await tx.relationships.create({
        id,
        customerId: customer.id,
        requestedByAadObjectId: actor.aadObjectId ?? 'unknown',
        invitationUrl,
        createdAt: now,
      });
      await tx.relationships.setCustomerRelationship(customer.id, 'invited');
      await tx.audit.record({
        at: now,
        actorAadObjectId: actor.aadObjectId,
        action: 'relationship.request',
        outcome: 'allowed',
        customerId: customer.id,
        subjectId: id,
      });
      return {
        requestId: id,
        customer: { ...customer, relationship: 'invited' as const },
        invitationUrl,
        created: true,
        createdAt: now.toISOString(),
      };
    }),
  );
}

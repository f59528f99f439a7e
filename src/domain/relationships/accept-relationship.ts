/** The customer accepted the reseller relationship (R-REL-3): it becomes active, and whoever asked is told. */
import type { Customer } from '../shared/model.js';
import type { AllDeps } from '../ports/deps.js';
import type { UnitOfWork, Repositories } from '../ports/unit-of-work.js';

export type AcceptRelationshipDeps = Pick<AllDeps, 'clock' | 'newId'> & {
  readonly uow: UnitOfWork<Pick<Repositories, 'relationships' | 'audit' | 'customers' | 'reminders'>>;
};

export type Acceptance =
  | { readonly kind: 'accepted'; readonly requestedBy: string; readonly customer: Customer }
  | { readonly kind: 'already-accepted' }
  | { readonly kind: 'unknown' };

/** `POST /relationships/<id>/accepted` (after the shared secret was checked): once, and audited. */
export async function acceptRelationship(
  deps: AcceptRelationshipDeps,
  requestId: string,
): Promise<Acceptance> {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(requestId)) return { kind: 'unknown' };
  const now = deps.clock.now();
  return deps.uow.run(async (tx): Promise<Acceptance> => {
    const request = await tx.relationships.find(requestId);
    if (!request) return { kind: 'unknown' };
    if (!(await tx.relationships.accept(requestId, now))) return { kind: 'already-accepted' };
    await tx.relationships.setCustomerRelationship(request.customerId, 'active');
    await tx.audit.record({
      at: now,
      actorAadObjectId: null,
      action: 'relationship.request',
      outcome: 'allowed',
      customerId: request.customerId,
      subjectId: requestId,
      detail: { event: 'accepted-by-customer' },
    });
    const customer = await tx.customers.findById(request.customerId);
    // The message to the requester is stored with the acceptance and sent by the reminder sender, so a
    // failed delivery is retried, never lost.
    await tx.reminders.create([
      {
        id: deps.newId(),
        kind: 'relationship-accepted',
        subjectId: requestId,
        recipientAadObjectId: request.requestedByAadObjectId,
        eventAt: now,
        uniqueKey: `relationship-accepted:${requestId}`,
        payload: { customer: customer?.companyName ?? request.customerId, customerId: request.customerId },
        createdAt: now,
        nextAttemptAt: now,
      },
    ]);
    return customer
      ? {
          kind: 'accepted',
          requestedBy: request.requestedByAadObjectId,
          customer: { ...customer, relationship: 'active' },
        }
      : { kind: 'unknown' };
  });
}

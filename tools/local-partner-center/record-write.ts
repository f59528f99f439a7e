/** Appends the audit record of a write the fake performed. */
import { createAuditEntry } from './audit-log.js';
import type { FakeContext, FakeRequest } from './fake-types.js';

export const recordWrite = (
  context: FakeContext,
  request: FakeRequest,
  fields: {
    customerId: string;
    resourceType: string;
    operationType: string;
    oldValue: unknown;
    newValue: unknown;
  },
): void => {
  context.commerce.audit.push(
    createAuditEntry({
      at: context.now(),
      customerId: fields.customerId,
      customerName: context.commerce.customers.get(fields.customerId)?.companyName ?? '',
      resourceType: fields.resourceType,
      operationType: fields.operationType,
      correlationId: request.correlationId,
      applicationId: context.auth.clientId,
      oldValue: fields.oldValue,
      newValue: fields.newValue,
    }),
  );
};

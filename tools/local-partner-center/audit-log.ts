/** Audit records the fake writes for each write, in the documented shape (resourceNewValue a JSON string). */
import { randomUUID } from 'node:crypto';
import { PARTNER_ID } from './seed-data.js';

export interface AuditEntry {
  id: string;
  partnerId: string;
  customerId: string;
  customerName: string;
  userPrincipalName: string;
  applicationId: string;
  resourceType: string;
  operationType: string;
  operationDate: string;
  operationStatus: 'succeeded' | 'failed' | 'progress';
  originalCorrelationId: string;
  resourceOldValue: string | null;
  resourceNewValue: string | null;
  customizedData: Array<{ key: string; value: string }>;
  attributes: { objectType: 'AuditRecord' };
}

export const createAuditEntry = (fields: {
  at: number;
  customerId: string;
  customerName: string;
  resourceType: string;
  operationType: string;
  correlationId: string;
  applicationId: string;
  oldValue: unknown;
  newValue: unknown;
}): AuditEntry => ({
  id: randomUUID(),
  partnerId: PARTNER_ID,
  customerId: fields.customerId,
  customerName: fields.customerName,
  userPrincipalName: 'admin@partner.onmicrosoft.com',
  applicationId: fields.applicationId,
  resourceType: fields.resourceType,
  operationType: fields.operationType,
  operationDate: new Date(fields.at).toISOString(),
  operationStatus: 'succeeded',
  originalCorrelationId: fields.correlationId,
  resourceOldValue: fields.oldValue === null ? null : JSON.stringify(fields.oldValue),
  resourceNewValue: fields.newValue === null ? null : JSON.stringify(fields.newValue),
  customizedData: [],
  attributes: { objectType: 'AuditRecord' },
});

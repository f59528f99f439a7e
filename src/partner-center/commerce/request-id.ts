/**
 * The MS-RequestId of a logical write (R-PC-3): a UUID derived from the pending action's id and the
 * operation, so the id is fixed before the first attempt, and a retry after a timeout, a crash or a
 * restart sends the same id and Partner Center does the work at most once. Nothing extra is stored: the
 * pending action's id is what is "stored with the pending action before the first attempt".
 */
import { createHash, randomUUID } from 'node:crypto';

/** A version-5-shaped UUID from SHA-256 of `operationId` and `operation`; a fresh one without an id. */
export function deriveRequestId(operationId: string | undefined, operation: string): string {
  if (operationId === undefined) return randomUUID();
  const bytes = createHash('sha256').update(`${operationId}\u0000${operation}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The confirmation protocol: a preview is stored server-side as a pending action (initiator, command,
 * expiry, single use) and the Confirm button carries only its id. See confirm-pending-action.ts.
 */
import { z } from 'zod';
import type { Dayjs } from '../shared/time.js';

export const PENDING_ACTION_TTL_MINUTES = 15;

export const PendingStatusSchema = z.enum(['pending', 'done', 'discarded']);
export type PendingStatus = z.infer<typeof PendingStatusSchema>;

/** A pending id is 128 random bits, base64url: unguessable, and all a button carries. */
export const PendingIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not a confirmation id');

export interface PendingAction<P = unknown> {
  readonly id: string;
  readonly action: string;
  readonly initiatorAadObjectId: string;
  readonly payload: P;
  readonly status: PendingStatus;
  readonly createdAt: Dayjs;
  readonly expiresAt: Dayjs;
  readonly completedAt: Dayjs | null;
  readonly result: unknown;
}

/** The port for pending confirmations (previews, carts, exports). */
import type { Dayjs } from '../shared/time.js';
import type { PendingAction } from '../confirmations/pending-action.js';

export interface PendingActionRepository {
  create<P>(pending: Omit<PendingAction<P>, 'status' | 'completedAt' | 'result'>): Promise<PendingAction<P>>;
  find(id: string): Promise<PendingAction | null>;
  /**
   * Marks the pending action done, only if it is still pending and unexpired at `now`; false when someone
   * else got there first. This conditional update, run first in the executing transaction, is what makes a
   * double click, a Teams retry or a second bot instance act once (on PostgreSQL the loser waits on the row
   * lock and then sees the winner's committed status).
   */
  claim(id: string, now: Dayjs): Promise<boolean>;
  /** Stores the result of a claimed pending action, shown again to later presses. */
  recordResult(id: string, result: unknown): Promise<void>;
  /** Replaces the payload of a pending action that is still pending (a cart being edited). */
  updatePayload<P>(id: string, payload: P, now: Dayjs): Promise<boolean>;
  discard(id: string, now: Dayjs): Promise<boolean>;
  /** Deletes confirmations (previews, carts, exports) that expired before `before`; returns how many. */
  purgeExpired(before: Dayjs): Promise<number>;
}

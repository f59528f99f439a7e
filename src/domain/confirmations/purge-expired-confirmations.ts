/** Housekeeping of expired confirmations. */
import type { Clock } from '../shared/time.js';
import type { PendingActionRepository } from '../ports/pending-actions.js';

export interface PurgeExpiredConfirmationsDeps {
  readonly clock: Clock;
  readonly pending: PendingActionRepository;
}

/** How long an expired confirmation is kept (its first result answers late presses), then deleted. */
export const PENDING_ACTION_KEEP_DAYS = 7;

/** Housekeeping: previews, carts and export links long past their expiry. The audit log keeps the record. */
export const purgeExpiredConfirmations = (deps: PurgeExpiredConfirmationsDeps): Promise<number> =>
  deps.pending.purgeExpired(deps.clock.now().subtract(PENDING_ACTION_KEEP_DAYS, 'day'));

/**
 * A turn's checks before its transaction may each look at the same pending action (a purchase compares the
 * card's lines with the stored cart, then the confirmation checks who may use it): read once for both. The
 * transaction's own claim decides again on the stored row, so a press that changed it meanwhile is still
 * seen there.
 */
import type { PendingAction } from './pending-action.js';
import type { PendingActionRepository } from '../ports/pending-actions.js';

export function pendingReadOnce(pending: PendingActionRepository): PendingActionRepository {
  const reads = new Map<string, Promise<PendingAction | null>>();
  return {
    ...pending,
    find: (id) => {
      let read = reads.get(id);
      if (read === undefined) {
        read = pending.find(id);
        reads.set(id, read);
      }
      return read;
    },
  };
}

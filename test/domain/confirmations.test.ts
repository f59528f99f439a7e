import { describe, expect, it } from 'vitest';
import { createPendingAction } from '../../src/domain/confirmations/create-pending-action.js';
import { purgeExpiredConfirmations } from '../../src/domain/confirmations/purge-expired-confirmations.js';
import { movableClock } from '../../src/domain/shared/time.js';
import { fakeDeps } from '../fakes/fake-deps.js';
import { anActor } from '../support/builders.js';

const clock = movableClock('2026-11-21T09:00:00Z');
const deps = fakeDeps({ clock });

describe('housekeeping of confirmations', () => {
  it('deletes previews, carts and export links a week after they expired, and keeps the rest', async () => {
    const actor = anActor(['global-admin']);
    const old = await createPendingAction(deps, actor, 'staff.grant', { a: 1 });
    clock.advance(7 * 86_400_000);
    const recent = await createPendingAction(deps, actor, 'staff.grant', { a: 2 });
    clock.advance(15 * 60_000);
    // Exactly a week after the old one expired it is still kept; a moment later it is gone.
    expect(await purgeExpiredConfirmations(deps)).toBe(0);
    clock.advance(1);
    expect(await purgeExpiredConfirmations(deps)).toBe(1);
    expect(await deps.pending.find(old.id)).toBeNull();
    expect(await deps.pending.find(recent.id)).not.toBeNull();
  });
});

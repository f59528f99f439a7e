/** `support requests`: the most recent ones (R-SUP-1). */
import type { Actor } from '../shared/actor.js';
import type { AllDeps } from '../ports/deps.js';
import { requireRole } from '../shared/authorize.js';
import { ok } from '../shared/result.js';

export type ListSupportRequestsDeps = Pick<AllDeps, 'clock' | 'audit' | 'supportRequests'>;

export async function listSupportRequests(deps: ListSupportRequestsDeps, actor: Actor) {
  const denied = await requireRole(deps, actor, 'support.request');
  if (denied) return denied;
  return ok(await deps.supportRequests.list(25));
}

/**
 * The activity log of product-key views and software downloads (R-KEY-4, R-KEY-5, R-ROLE-5): by date range
 * (calendar days in the user's time zone) and optionally one customer, a page at a time, or as CSV.
 */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { ActivityQuery, ActivityPage } from './activity.js';
import { requireRole } from '../shared/authorize.js';
import { ok } from '../shared/result.js';
import { activityRange, ACTIVITY_ACTIONS, ACTIVITY_PAGE_SIZE } from './activity.js';

export type QueryActivityDeps = Pick<AllDeps, 'clock' | 'audit' | 'customers'>;

export async function queryActivity(
  deps: QueryActivityDeps,
  actor: Actor,
  query: ActivityQuery,
  timeZone: string | undefined,
): Promise<Result<ActivityPage, DomainError>> {
  const denied = await requireRole(deps, actor, 'software.activity');
  if (denied) return denied;
  const r = await activityRange(deps, query, timeZone);
  if (!r.ok) return r;
  const page = Math.max(0, Math.floor(query.page ?? 0));
  const { events, total } = await deps.audit.query({
    actions: ACTIVITY_ACTIONS,
    from: r.value.from,
    to: r.value.to,
    ...(r.value.customerId ? { customerId: r.value.customerId } : {}),
    offset: page * ACTIVITY_PAGE_SIZE,
    limit: ACTIVITY_PAGE_SIZE,
  });
  return ok({
    from: r.value.from.toISOString(),
    to: r.value.to.toISOString(),
    fromDay: r.value.fromDay,
    toDay: r.value.toDay,
    customerId: r.value.customerId,
    customerName: r.value.customerName,
    page,
    pages: Math.max(1, Math.ceil(total / ACTIVITY_PAGE_SIZE)),
    total,
    events,
  });
}

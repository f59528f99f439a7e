/**
 * The activity log of product-key views and software downloads (R-KEY-4, R-KEY-5, R-ROLE-5): by date range
 * (calendar days in the user's time zone) and optionally one customer, a page at a time, or as CSV.
 */
import { z } from 'zod';
import type { Actor } from '../shared/actor.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import type { DomainError } from '../shared/errors.js';
import { resolveCustomer } from '../customers/find-customers.js';
import type { AuditRecord } from '../ports/audit.js';
import type { AllDeps } from '../ports/deps.js';
import { err, ok, type Result } from '../shared/result.js';
import { can } from '../shared/roles.js';
import { at, startOfDayIn, type Dayjs } from '../shared/time.js';

export const ACTIVITY_ACTIONS = ['software.key', 'software.download'] as const;
export const ACTIVITY_PAGE_SIZE = 15;
export const DEFAULT_ACTIVITY_DAYS = 30;
export const MAX_ACTIVITY_DAYS = 5 * 366;
export const MAX_EXPORT_ROWS = 50_000;

export interface ActivityQuery {
  readonly from?: string;
  readonly to?: string;
  readonly customer?: string;
  readonly page?: number;
}

export interface ActivityPage {
  readonly from: string;
  readonly to: string;
  /** The last calendar day included, as the user gave it. */
  readonly toDay: string;
  readonly fromDay: string;
  readonly customerId: string | null;
  readonly customerName: string | null;
  readonly page: number;
  readonly pages: number;
  readonly total: number;
  readonly events: readonly AuditRecord[];
}

/** The calendar date `days` after `day` (YYYY-MM-DD). */
const shiftDay = (day: string, days: number): string =>
  at(`${day}T00:00:00Z`).add(days, 'day').format('YYYY-MM-DD');

export const ExportFilterSchema = z.object({
  from: z.string(),
  to: z.string(),
  customerId: z.string().nullable(),
});

async function range(
  deps: AllDeps,
  query: ActivityQuery,
  timeZone: string | undefined,
): Promise<
  Result<
    {
      from: Dayjs;
      to: Dayjs;
      fromDay: string;
      toDay: string;
      customerId: string | null;
      customerName: string | null;
    },
    DomainError
  >
> {
  const today = deps.clock
    .now()
    .tz(timeZone ?? 'UTC')
    .format('YYYY-MM-DD');
  const toDay = query.to ?? today;
  const toStart = startOfDayIn(toDay, timeZone);
  if (!toStart) return err({ kind: 'invalid-input', field: 'date', reason: 'invalid' });
  // Calendar days in the user's zone: a day is 23 or 25 hours when the clocks change.
  const to = startOfDayIn(shiftDay(toDay, 1), timeZone)!;
  const fromStart = startOfDayIn(query.from ?? shiftDay(toDay, -(DEFAULT_ACTIVITY_DAYS - 1)), timeZone);
  if (!fromStart) return err({ kind: 'invalid-input', field: 'date', reason: 'invalid' });
  if (!fromStart.isBefore(to)) return err({ kind: 'invalid-input', field: 'date', reason: 'from-after-to' });
  if (to.diff(fromStart, 'day') > MAX_ACTIVITY_DAYS)
    return err({ kind: 'invalid-input', field: 'date', reason: 'range-too-long' });
  let customerId: string | null = null;
  let customerName: string | null = null;
  if (query.customer) {
    const customer = await resolveCustomer(deps.customers, query.customer);
    if (!customer.ok) return customer;
    customerId = customer.value.id;
    customerName = customer.value.companyName;
  }
  return ok({
    from: fromStart,
    to,
    fromDay: fromStart.tz(timeZone ?? 'UTC').format('YYYY-MM-DD'),
    toDay,
    customerId,
    customerName,
  });
}

export async function queryActivity(
  deps: AllDeps,
  actor: Actor,
  query: ActivityQuery,
  timeZone: string | undefined,
): Promise<Result<ActivityPage, DomainError>> {
  const denied = await requireRole(deps, actor, 'software.activity');
  if (denied) return denied;
  const r = await range(deps, query, timeZone);
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

/** A CSV export of the same query: a link valid for 15 minutes, for its requester's roles at download. */
export async function startActivityExport(
  deps: AllDeps,
  actor: Actor,
  query: ActivityQuery,
  timeZone: string | undefined,
): Promise<Result<{ exportId: string; expiresAt: string }, DomainError>> {
  const denied = await requireRole(deps, actor, 'software.activity');
  if (denied) return denied;
  const r = await range(deps, query, timeZone);
  if (!r.ok) return r;
  const pending = await createPendingAction(deps, actor, 'software.activity', {
    from: r.value.from.toISOString(),
    to: r.value.to.toISOString(),
    customerId: r.value.customerId,
  });
  return ok({ exportId: pending.id, expiresAt: pending.expiresAt.toISOString() });
}

const csvCell = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  // Quote everything; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** The CSV of an export link, or undefined when the link is unknown, expired or its owner lost the role. */
export async function exportActivityCsv(deps: AllDeps, exportId: string): Promise<string | undefined> {
  const pending = await deps.pending.find(exportId);
  const now = deps.clock.now();
  if (
    !pending ||
    pending.action !== 'software.activity' ||
    pending.status !== 'pending' ||
    !now.isBefore(pending.expiresAt)
  )
    return undefined;
  const filter = ExportFilterSchema.safeParse(pending.payload);
  if (!filter.success) return undefined;
  const roles = await deps.staff.rolesOf(pending.initiatorAadObjectId);
  if (!can(roles, 'software.activity')) return undefined;
  const { events } = await deps.audit.query({
    actions: ACTIVITY_ACTIONS,
    from: at(filter.data.from),
    to: at(filter.data.to),
    ...(filter.data.customerId ? { customerId: filter.data.customerId } : {}),
    offset: 0,
    limit: MAX_EXPORT_ROWS,
  });
  await deps.audit.record({
    at: now,
    actorAadObjectId: pending.initiatorAadObjectId,
    action: 'software.activity',
    outcome: 'allowed',
    ...(filter.data.customerId ? { customerId: filter.data.customerId } : {}),
    detail: { event: 'export', rows: events.length, from: filter.data.from, to: filter.data.to },
  });
  const header = [
    'time_utc',
    'event',
    'person',
    'person_object_id',
    'customer',
    'customer_id',
    'product',
    'product_id',
    'order_id',
  ];
  const rows = events.map((e) =>
    [
      e.at.toISOString(),
      e.action === 'software.download' ? 'download' : 'key-view',
      e.actorName,
      e.actorAadObjectId,
      e.customerName,
      e.customerId,
      e.productName,
      e.productId,
      e.subjectId,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${header.join(',')}\r\n${rows.join('\r\n')}${rows.length ? '\r\n' : ''}`;
}

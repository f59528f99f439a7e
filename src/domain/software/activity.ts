/**
 * The activity log of product-key views and software downloads (R-KEY-4, R-KEY-5, R-ROLE-5): by date range
 * (calendar days in the user's time zone) and optionally one customer, a page at a time, or as CSV.
 */
import { z } from 'zod';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AuditRecord } from '../ports/audit.js';
import type { AllDeps } from '../ports/deps.js';
import type { Dayjs } from '../shared/time.js';
import { err, ok } from '../shared/result.js';
import { resolveCustomer } from '../customers/find-customers.js';
import { at, startOfDayIn } from '../shared/time.js';

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

/** The instants [from, to) and customer a query covers, in the asker's time zone. */
export async function activityRange(
  deps: Pick<AllDeps, 'clock' | 'customers'>,
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

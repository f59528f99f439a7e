/**
 * R-SUS-2: a suspended subscription's data is deleted unless it is reactivated within the retention
 * period: 90 days, or, where it is longer, 90 days plus the days between the customer's account creation
 * and its first billing period, capped at 120 days. R-SUS-3: until then it can be reactivated; after, it
 * is expired.
 */
import type { Customer } from '../shared/model.js';
import { addDays, wholeDaysBetween, type Dayjs } from '../shared/time.js';

export const BASE_RETENTION_DAYS = 90;
export const MAX_RETENTION_DAYS = 120;

export function retentionDays(
  customer: Pick<Customer, 'accountCreatedAt' | 'firstBillingPeriodStartAt'>,
): number {
  const gap = Math.max(0, wholeDaysBetween(customer.accountCreatedAt, customer.firstBillingPeriodStartAt));
  return Math.min(MAX_RETENTION_DAYS, BASE_RETENTION_DAYS + gap);
}

/** The instant the data is deleted (and the subscription expires) for a suspension at `suspendedAt`. */
export const dataDeletionAt = (
  customer: Pick<Customer, 'accountCreatedAt' | 'firstBillingPeriodStartAt'>,
  suspendedAt: Dayjs,
): Dayjs => addDays(suspendedAt, retentionDays(customer));

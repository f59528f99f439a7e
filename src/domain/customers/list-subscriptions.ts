/** `subscriptions <customer>`: a customer's subscriptions as of now (R-ROLE-7, R-CAT-1). */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { Customer, Subscription } from '../shared/model.js';
import { requireRole } from '../shared/authorize.js';
import { resolveCustomer } from './find-customers.js';
import { ok } from '../shared/result.js';
import { effectiveSubscription } from '../subscriptions/subscription-state.js';

export type ListSubscriptionsDeps = Pick<AllDeps, 'clock' | 'audit' | 'customers' | 'subscriptions'>;

/** How many rows a list card shows (a page); one more is read to know whether there is a next page. */
export const LIST_PAGE_SIZE = 30;
/** The highest page a card button may ask for. */
export const MAX_PAGE = 100_000;

export interface CustomerSubscriptions {
  readonly customer: Customer;
  /** This page's subscriptions, newest first: at most LIST_PAGE_SIZE. */
  readonly subscriptions: readonly Subscription[];
  /** 0-based. */
  readonly page: number;
  readonly hasMore: boolean;
}

/** The read window of a page: its rows and one more. */
export const pageWindow = (page: number) => ({
  offset: page * LIST_PAGE_SIZE,
  limit: LIST_PAGE_SIZE + 1,
});

/** A valid page number (0 when absent or out of range). */
export const pageNumber = (page: number | undefined): number =>
  page !== undefined && Number.isInteger(page) && page >= 0 && page <= MAX_PAGE ? page : 0;

export async function listSubscriptions(
  deps: ListSubscriptionsDeps,
  actor: Actor,
  command: { customer: string; page?: number },
): Promise<Result<CustomerSubscriptions, DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  const customer = await resolveCustomer(deps.customers, command.customer);
  if (!customer.ok) return customer;
  const now = deps.clock.now();
  const page = pageNumber(command.page);
  const read = await deps.subscriptions.listByCustomer(customer.value.id, undefined, pageWindow(page));
  return ok({
    customer: customer.value,
    subscriptions: read.slice(0, LIST_PAGE_SIZE).map((s) => effectiveSubscription(s, now)),
    page,
    hasMore: read.length > LIST_PAGE_SIZE,
  });
}

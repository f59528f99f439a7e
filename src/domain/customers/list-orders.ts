/** `orders <customer>`: a customer's orders (R-ROLE-7, R-CAT-1). */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { Customer, Order } from '../shared/model.js';
import { requireRole } from '../shared/authorize.js';
import { resolveCustomer } from './find-customers.js';
import { ok } from '../shared/result.js';
import { LIST_PAGE_SIZE, pageNumber, pageWindow } from './list-subscriptions.js';

export type ListOrdersDeps = Pick<AllDeps, 'clock' | 'audit' | 'customers' | 'orders'>;

export interface CustomerOrders {
  readonly customer: Customer;
  /** This page's orders, newest first: at most LIST_PAGE_SIZE. */
  readonly orders: readonly Order[];
  /** 0-based. */
  readonly page: number;
  readonly hasMore: boolean;
}

export async function listOrders(
  deps: ListOrdersDeps,
  actor: Actor,
  command: { customer: string; page?: number },
): Promise<Result<CustomerOrders, DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  const customer = await resolveCustomer(deps.customers, command.customer);
  if (!customer.ok) return customer;
  const page = pageNumber(command.page);
  const read = await deps.orders.listByCustomer(customer.value.id, pageWindow(page));
  return ok({
    customer: customer.value,
    orders: read.slice(0, LIST_PAGE_SIZE),
    page,
    hasMore: read.length > LIST_PAGE_SIZE,
  });
}

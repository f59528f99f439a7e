/** Finding the software purchase a user means (by order id, or product and customer), and what it entitles. */
import type { Candidate, DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { SoftwarePurchase } from '../ports/software.js';
import type { SoftwareOptions } from './software-options.js';
import type { AllDeps } from '../ports/deps.js';
import { err, ok } from '../shared/result.js';
import { resolveCustomer } from '../customers/find-customers.js';
import { matchName } from '../shared/fuzzy.js';
import { isSoftware } from '../shared/model.js';
import { SoftwareOptionsSchema } from './software-options.js';

export type FindSoftwarePurchaseDeps = Pick<AllDeps, 'software' | 'customers'>;

/** Keys and cancellation are for software and perpetual software; Azure reservations only when asked. */
export async function findSoftwarePurchase(
  deps: FindSoftwarePurchaseDeps,
  command: { product: string; customer: string },
  options: { includeRestricted?: boolean } = {},
): Promise<Result<{ purchase: SoftwarePurchase; customerName: string }, DomainError>> {
  const orderRef = /^ord-[a-z0-9-]+$/i.test(command.product.trim()) ? command.product.trim() : undefined;
  const byOrder = orderRef ? await deps.software.findPurchase(orderRef) : null;
  if (orderRef && !byOrder) return err({ kind: 'not-found', what: 'order', ref: orderRef });
  if (byOrder) {
    const customer = await deps.customers.findById(byOrder.customerId);
    return ok({ purchase: byOrder, customerName: customer?.companyName ?? byOrder.customerId });
  }
  const customer = await resolveCustomer(deps.customers, command.customer);
  if (!customer.ok) return customer;
  const purchases = (await deps.software.listPurchases(customer.value.id)).filter(
    (p) =>
      isSoftware(p.productKind) &&
      (p.productKind !== 'azure-reservation' || options.includeRestricted) &&
      p.status === 'completed' &&
      (!command.product ||
        matchName(command.product, p.productName) !== undefined ||
        p.productId === command.product),
  );
  if (purchases.length === 0) {
    return err({
      kind: 'not-found',
      what: 'order',
      ref: `${command.product} · ${customer.value.companyName}`.trim(),
    });
  }
  if (purchases.length > 1) {
    return err({
      kind: 'ambiguous',
      what: 'order',
      ref: command.product || customer.value.companyName,
      candidates: purchases.map((p): Candidate => ({
        id: p.orderId,
        label: `${p.productName}`,
        detail: `${p.orderId} · ${p.placedAt.toISOString().slice(0, 10)} · ×${p.quantity}`,
      })),
    });
  }
  return ok({ purchase: purchases[0]!, customerName: customer.value.companyName });
}

/** The editions a purchase entitles (R-KEY-1): none means no key for it. */
export function softwareOptionsOf(purchase: SoftwarePurchase): Result<SoftwareOptions, DomainError> {
  const parsed = SoftwareOptionsSchema.safeParse(purchase.softwareOptions);
  return parsed.success
    ? ok(parsed.data)
    : err({ kind: 'refused', rule: 'R-KEY-1', reason: 'no-key', facts: { product: purchase.productName } });
}

/**
 * Builders for what the fakes store, with defaults that agree with test/support/builders.ts (the same
 * customer, product and subscription), and a clock that stands still. A test overrides what its case is
 * about and nothing else.
 */
import type { SoftwarePurchase } from '../../src/domain/ports/software.js';
import { fixedClock as fixedAt, at, type Clock } from '../../src/domain/shared/time.js';
import type { OrderRow } from './fake-database.js';
import { ORDERED_AT } from '../support/builders.js';

export { aCustomer, aProduct, aSubscription, anActor, anIsvSaasProduct } from '../support/builders.js';

/** A clock that always says `instant` (default: the builders' order time). */
export const fixedClock = (instant: string | Date | number = ORDERED_AT): Clock => fixedAt(instant);

/** An order as the fake tables hold it: one line of 10 licenses of the default product, monthly. */
export function anOrder(overrides: Partial<OrderRow> = {}): OrderRow {
  const id = overrides.id ?? 'ORD-TEST-1';
  return {
    id,
    customerId: 'cus-test',
    placedByAadObjectId: '00000000-0000-4000-8000-0000000000ff',
    placedAt: at(ORDERED_AT),
    status: 'completed',
    total: 320,
    currency: 'USD',
    pendingActionId: null,
    cancelledAt: null,
    creditAmount: null,
    cancelReason: null,
    lines: [
      {
        id: `${id}-1`,
        productId: 'prod-online-service',
        quantity: 10,
        billingCycle: 'monthly',
        unitPrice: 32,
      },
    ],
    ...overrides,
  };
}

/** A completed purchase of perpetual software (one licence, no subscription, no key issued yet). */
export function aSoftwarePurchase(overrides: Partial<SoftwarePurchase> = {}): SoftwarePurchase {
  return {
    orderId: 'ORD-SW-1',
    customerId: 'cus-test',
    productId: 'office-ltsc-2021',
    productName: 'Office LTSC Professional Plus 2021',
    productKind: 'perpetual-software',
    commercePolicy: 'legacy',
    cancelRestriction: 'none',
    softwareOptions: null,
    placedAt: at(ORDERED_AT),
    status: 'completed',
    cancelledAt: null,
    creditAmount: null,
    quantity: 1,
    billingCycle: 'annual',
    lineTotal: 439,
    currency: 'USD',
    subscription: null,
    activeKeys: 0,
    ...overrides,
  };
}

/**
 * The commerce ports backed by Partner Center, over the bot's own repositories (its customer index and
 * catalog). The composition root applies it to the repositories of every transaction, so the use cases
 * see one set of ports whatever the backend.
 */
import type { Repositories } from '../../domain/ports/unit-of-work.js';
import type { Clock } from '../../domain/shared/time.js';
import type { PartnerCenterClient } from '../client.js';
import { createPartnerCenterCustomers } from './partner-center-customers.js';
import { createPartnerCenterProducts } from './partner-center-products.js';
import { createOfferCache, createPartnerCenterSubscriptions } from './partner-center-subscriptions.js';

/** Orders, software, audit and the catalog items are added by with-partner-center-commerce.ts. */
export type CommercePorts = Pick<Repositories, 'customers' | 'subscriptions' | 'products'>;

export function createCommerceRepositories(
  client: PartnerCenterClient,
  clock: Clock,
): (local: Repositories) => CommercePorts {
  const offers = createOfferCache();
  return (local) => ({
    customers: createPartnerCenterCustomers(client, local.customers, clock),
    subscriptions: createPartnerCenterSubscriptions(client, local.customers, clock, offers),
    products: createPartnerCenterProducts(local.products, offers),
  });
}

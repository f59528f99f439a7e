/**
 * Subscriptions in partner-center mode (R-PC-1..4, R-PC-6): listed and read live; a change is a PATCH of
 * status, auto-renew and quantity over a fresh GET (the connector's patchSubscription), sent with the
 * request id derived from the pending action, so a retry is the same request.
 */
import type { CustomerRepository } from '../../domain/ports/customers.js';
import {
  selects,
  type LicenseAddition,
  type SubscriptionRepository,
} from '../../domain/ports/subscriptions.js';
import type { SaveOutcome } from '../../domain/shared/external-refusal.js';
import type { Subscription } from '../../domain/shared/model.js';
import type { Clock } from '../../domain/shared/time.js';
import type { PartnerCenterClient } from '../client.js';
import type { Subscription as PcSubscription } from '../parsers/subscription.js';
import type { Refusal } from '../refusals.js';
import {
  licenseAdditionsOf,
  parseSubscriptionRef,
  toDomainSubscription,
  toPartnerCenterChange,
  versionOf,
} from './map-subscription.js';
import { deriveRequestId } from './request-id.js';
import { toDomainRefusal } from './to-domain-refusal.js';

/** A read Partner Center refused for a reason other than "not found": the turn fails with a reference. */
export class PartnerCenterReadError extends Error {
  constructor(
    readonly operation: string,
    readonly refusal: Refusal,
  ) {
    super(`Partner Center refused ${operation}: ${refusal.kind} (${refusal.code ?? refusal.httpStatus})`);
  }
}

/** Offers seen on subscriptions, so the products port can describe an offer the bot's catalog lacks. */
export interface OfferCache {
  remember(pc: PcSubscription): void;
  find(offerId: string): PcSubscription | undefined;
}

export const createOfferCache = (): OfferCache => {
  const offers = new Map<string, PcSubscription>();
  return {
    remember: (pc) => {
      if (pc.offerId) offers.set(pc.offerId.toLowerCase(), pc);
    },
    find: (offerId) => offers.get(offerId.toLowerCase()),
  };
};

export function createPartnerCenterSubscriptions(
  client: PartnerCenterClient,
  index: CustomerRepository,
  clock: Clock,
  offers: OfferCache,
): SubscriptionRepository {
  const read = async (
    ref: string,
  ): Promise<{ pc: PcSubscription; owner: { customerId: string; tenantId: string } } | null> => {
    const parsed = parseSubscriptionRef(ref);
    if (!parsed) return null;
    const customer = await index.findByTenantId(parsed.tenantId);
    if (!customer) return null;
    const answer = await client.getSubscription(parsed.tenantId, parsed.subscriptionId);
    if (!answer.ok) {
      if (answer.refusal.kind === 'not-found') return null;
      throw new PartnerCenterReadError('getSubscription', answer.refusal);
    }
    offers.remember(answer.value.subscription);
    return {
      pc: answer.value.subscription,
      owner: { customerId: customer.id, tenantId: parsed.tenantId },
    };
  };

  return {
    async listByCustomer(customerId, select, window) {
      const customer = await index.findById(customerId);
      if (!customer) return [];
      const answer = await client.listSubscriptions(customer.tenantId);
      if (!answer.ok) {
        if (answer.refusal.kind === 'not-found') return [];
        throw new PartnerCenterReadError('listSubscriptions', answer.refusal);
      }
      const readAt = clock.now();
      const owner = { customerId: customer.id, tenantId: customer.tenantId };
      const all: Subscription[] = answer.value.map((pc) => {
        offers.remember(pc);
        return toDomainSubscription(pc, owner, readAt);
      });
      // Partner Center has no such filter: the customer's list is read whole and picked from here.
      const wanted = all.filter((s) => selects(select, s));
      const sorted = wanted.sort(
        (a, b) => b.orderedAt.valueOf() - a.orderedAt.valueOf() || a.id.localeCompare(b.id),
      );
      // Partner Center answers a customer's subscriptions in one list: the window is a slice of it.
      return window ? sorted.slice(window.offset, window.offset + window.limit) : sorted;
    },

    async findById(id) {
      const found = await read(id);
      return found ? toDomainSubscription(found.pc, found.owner, clock.now()) : null;
    },

    async save(next, expectedVersion, _changes, operationId): Promise<SaveOutcome> {
      const parsed = parseSubscriptionRef(next.id);
      if (!parsed) return { kind: 'partner-center-refused', reason: 'not-found' };
      // The domain decided on the subscription it read: if Partner Center's changed since, say so (R-PC-6).
      const current = await client.getSubscription(parsed.tenantId, parsed.subscriptionId);
      if (!current.ok)
        return current.refusal.kind === 'stale' ? 'conflict' : toDomainRefusal(current.refusal);
      if (versionOf(current.value.subscription) !== expectedVersion) return 'conflict';
      const patched = await client.patchSubscription(
        parsed.tenantId,
        parsed.subscriptionId,
        toPartnerCenterChange(next),
        { requestId: deriveRequestId(operationId, `subscription.patch:${next.id}`) },
      );
      if (patched.ok) return 'saved';
      // A stale etag is the ordinary conflict: nothing changed, the user looks again (R-PC-6).
      return patched.refusal.kind === 'stale' ? 'conflict' : toDomainRefusal(patched.refusal);
    },

    async licenseAdditions(id): Promise<LicenseAddition[]> {
      const found = await read(id);
      return found ? licenseAdditionsOf(found.pc) : [];
    },
  };
}

/**
 * What the bot does with a verified Partner Center webhook event. Deliveries are at-least-once: every action
 * is idempotent (a re-read compared with what the bot holds; an acceptance that happens once; a reminder
 * with a unique key), so a duplicate changes nothing.
 *   subscription-updated                         re-read it; if its status or seats changed, tell the staff
 *                                                member who last acted on it (a stored reminder: retried)
 *   reseller-relationship-accepted-by-customer   refresh the customer's index row; accept its pending request
 *   anything else                                ignored
 */
import type { ReminderRepository } from '../domain/ports/reminders.js';
import type { Clock } from '../domain/shared/time.js';
import type { SubscriptionSnapshotRepository } from '../db/prisma-subscription-snapshot-repository.js';
import type { Logger } from '../log.js';
import type { Subscription } from '../partner-center/parsers/subscription.js';
import type { Result } from '../partner-center/result.js';
import type { PartnerCenterWebhookEvent } from '../partner-center/webhooks/parse-webhook-event.js';

export type WebhookOutcome =
  | 'subscription-unchanged'
  | 'subscription-recorded'
  | 'subscription-change-notified'
  | 'relationship-accepted'
  | 'relationship-already-accepted'
  | 'customer-refreshed'
  | 'ignored'
  /** Partner Center could not be read: answer so that it delivers again. */
  | 'retry-later';

export interface WebhookActionDeps {
  readonly getSubscription: (
    customerId: string,
    subscriptionId: string,
  ) => Promise<Result<{ subscription: Subscription }>>;
  readonly snapshots: SubscriptionSnapshotRepository;
  readonly reminders: Pick<ReminderRepository, 'create'>;
  readonly customerName: (customerId: string) => Promise<string | null>;
  readonly refreshCustomer: (customerId: string) => Promise<unknown>;
  /** The existing acceptRelationship path, for the customer's pending request if there is one. */
  readonly acceptRelationshipOf: (
    customerId: string,
  ) => Promise<'accepted' | 'already-accepted' | 'unknown' | 'no-request'>;
  /** Sends the stored reminders now (the reminder pass); failures are retried by its schedule. */
  readonly deliverReminders: () => Promise<unknown>;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly log: Logger;
}

export async function actOnWebhookEvent(
  deps: WebhookActionDeps,
  event: PartnerCenterWebhookEvent,
): Promise<WebhookOutcome> {
  switch (event.kind) {
    case 'subscription-updated':
      return refreshSubscription(deps, event.customerId, event.subscriptionId);
    case 'reseller-relationship-accepted-by-customer': {
      await deps.refreshCustomer(event.customerId);
      const accepted = await deps.acceptRelationshipOf(event.customerId);
      if (accepted === 'accepted') {
        await deps.deliverReminders();
        return 'relationship-accepted';
      }
      return accepted === 'already-accepted' ? 'relationship-already-accepted' : 'customer-refreshed';
    }
    case 'other':
      return 'ignored';
  }
}

async function refreshSubscription(
  deps: WebhookActionDeps,
  customerId: string,
  subscriptionId: string,
): Promise<WebhookOutcome> {
  const read = await deps.getSubscription(customerId, subscriptionId);
  if (!read.ok) {
    deps.log.warn(
      { subscriptionId, refusal: read.refusal.kind },
      'webhook: subscription could not be re-read',
    );
    return 'retry-later';
  }
  const fresh = read.value.subscription;
  const before = await deps.snapshots.find(subscriptionId);
  const now = deps.clock.now();
  await deps.snapshots.save({
    subscriptionId,
    customerId,
    status: fresh.status,
    quantity: fresh.quantity,
    refreshedAt: now.toDate(),
  });
  if (!before) return 'subscription-recorded';
  if (before.status === fresh.status && before.quantity === fresh.quantity) return 'subscription-unchanged';
  const recipient = await deps.snapshots.lastActorOn(subscriptionId);
  if (!recipient) return 'subscription-recorded';
  const customer = (await deps.customerName(customerId)) ?? customerId;
  // Two instances handling the same delivery read the same `before`: the same key, one reminder.
  const uniqueKey = [
    'subscription-changed',
    subscriptionId,
    before.refreshedAt.toISOString(),
    `${before.status}>${fresh.status}`,
    `${before.quantity}>${fresh.quantity}`,
  ].join(':');
  await deps.reminders.create([
    {
      id: deps.newId(),
      kind: 'subscription-changed',
      subjectId: subscriptionId,
      recipientAadObjectId: recipient,
      eventAt: now,
      uniqueKey,
      payload: {
        customer,
        customerId,
        subscriptionId,
        product: fresh.friendlyName ?? fresh.offerName ?? subscriptionId,
        fromStatus: before.status,
        toStatus: fresh.status,
        fromQuantity: before.quantity,
        toQuantity: fresh.quantity,
      },
      createdAt: now,
      nextAttemptAt: now,
    },
  ]);
  await deps.deliverReminders();
  return 'subscription-change-notified';
}

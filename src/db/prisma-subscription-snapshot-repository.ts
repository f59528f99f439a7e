/**
 * What the bot last read of a Partner Center subscription, and who in the bot last acted on it (from its own
 * audit log: Partner Center only sees the app account). Used by the partner-center webhook.
 */
import type { Db } from './mappers.js';

export interface SubscriptionSnapshot {
  readonly subscriptionId: string;
  readonly customerId: string;
  readonly status: string;
  readonly quantity: number;
  readonly refreshedAt: Date;
}

export interface SubscriptionSnapshotRepository {
  find(subscriptionId: string): Promise<SubscriptionSnapshot | null>;
  save(snapshot: SubscriptionSnapshot): Promise<void>;
  /** The staff member (AAD object id) of the newest audited action on this subscription, if any. */
  lastActorOn(subscriptionId: string): Promise<string | null>;
}

export function makeSubscriptionSnapshotRepository(db: Db): SubscriptionSnapshotRepository {
  return {
    async find(subscriptionId) {
      return db.partnerCenterSubscriptionSnapshot.findUnique({ where: { subscriptionId } });
    },
    async save(snapshot) {
      const { subscriptionId, ...rest } = snapshot;
      await db.partnerCenterSubscriptionSnapshot.upsert({
        where: { subscriptionId },
        create: snapshot,
        update: rest,
      });
    },
    async lastActorOn(subscriptionId) {
      const row = await db.auditEvent.findFirst({
        where: { subjectId: subscriptionId, actorAadObjectId: { not: null }, outcome: 'allowed' },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        select: { actorAadObjectId: true },
      });
      return row?.actorAadObjectId ?? null;
    },
  };
}

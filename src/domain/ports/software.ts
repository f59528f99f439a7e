/** The port for software purchases, product keys and download links. */
import type { ExternalRefusal } from '../shared/external-refusal.js';
import type {
  BillingCycle,
  CancelRestriction,
  CommercePolicy,
  ProductKind,
  Subscription,
} from '../shared/model.js';
import type { Dayjs } from '../shared/time.js';

export interface SoftwarePurchase {
  readonly orderId: string;
  readonly customerId: string;
  readonly productId: string;
  readonly productName: string;
  readonly productKind: ProductKind;
  readonly commercePolicy: CommercePolicy;
  readonly cancelRestriction: CancelRestriction;
  readonly softwareOptions: unknown;
  readonly placedAt: Dayjs;
  readonly status: 'completed' | 'cancelled';
  readonly cancelledAt: Dayjs | null;
  readonly creditAmount: number | null;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  readonly lineTotal: number;
  readonly currency: string;
  /** The software subscription the order created, if any (server subscriptions, reservations). */
  readonly subscription: Pick<Subscription, 'id' | 'termStartAt' | 'renewsAt' | 'status'> | null;
  /** Keys issued for the order and not revoked. */
  readonly activeKeys: number;
}

export interface NewProductKey {
  readonly id: string;
  readonly orderId: string;
  readonly productId: string;
  readonly customerId: string;
  readonly version: string;
  readonly language: string;
  readonly variant: string;
  readonly keySealed: string;
  readonly issuedAt: Dayjs;
  readonly issuedTo: string;
}

export interface NewDownloadLink {
  readonly id: string;
  readonly tokenHash: string;
  readonly tokenSealed: string;
  readonly fileUrlSealed: string;
  readonly orderId: string;
  readonly productId: string;
  readonly customerId: string;
  readonly version: string;
  readonly language: string;
  readonly variant: string;
  readonly issuedAt: Dayjs;
  readonly expiresAt: Dayjs;
  readonly maxDownloads: number;
  readonly issuedTo: string;
}

export interface StoredDownloadLink extends NewDownloadLink {
  readonly downloadCount: number;
  readonly revokedAt: Dayjs | null;
}

export interface SoftwareRepository {
  /** The customer's software purchases (orders of software products), newest first. */
  listPurchases(customerId: string): Promise<SoftwarePurchase[]>;
  findPurchase(orderId: string): Promise<SoftwarePurchase | null>;
  saveKey(key: NewProductKey): Promise<void>;
  saveLink(link: NewDownloadLink): Promise<void>;
  findKey(id: string): Promise<(NewProductKey & { revokedAt: Dayjs | null }) | null>;
  /** The unrevoked key already issued for this order and edition, if any. */
  findActiveKey(
    orderId: string,
    edition: { version: string; language: string; variant: string },
  ): Promise<{ id: string } | null>;
  findLink(id: string): Promise<StoredDownloadLink | null>;
  findLinkByTokenHash(hash: string): Promise<StoredDownloadLink | null>;
  /**
   * Counts one download if the link is unrevoked, unexpired at `now` and under its limit, in one
   * conditional update: concurrent downloads can never exceed the limit. Null when it was not allowed.
   */
  countDownload(tokenHash: string, now: Dayjs): Promise<StoredDownloadLink | null>;
  /** Revokes every key and link of the order (R-SWC-6). */
  revokeOrder(orderId: string, now: Dayjs): Promise<{ keys: number; links: number }>;
  /** Marks a completed order cancelled with its credit; false if it was not completed any more. */
  /**
   * Marks the order cancelled: true, false when it changed meanwhile, or an ExternalRefusal when the
   * commerce backend refused (nothing cancelled). `operationId` is the pending action's id (R-PC-3).
   */
  cancelOrder(
    orderId: string,
    now: Dayjs,
    credit: number,
    reason: string,
    operationId?: string,
  ): Promise<boolean | ExternalRefusal>;
}

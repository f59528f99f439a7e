/**
 * Product keys and download links (R-KEY-1..4, R-ROLE-3): the user picks the purchase, then version,
 * language and file type / bitness from what it entitles; the click issues a 32-character key and a link
 * good for 14 days or 50 downloads. Keys and links are sealed at rest and never logged; the reply goes only
 * to the asker in a one-to-one chat (the bot layer sees to that, R-KEY-6).
 */
import { z } from 'zod';
import type { Executor } from '../confirmations/executor.js';
import type { Repositories } from '../ports/unit-of-work.js';
import type { SoftwarePurchase } from '../ports/software.js';
import type { SoftwareOptions } from './software-options.js';
import type { AllDeps } from '../ports/deps.js';
import type { Dayjs } from '../shared/time.js';
import { err, ok } from '../shared/result.js';
import { softwareOptionsOf } from './software-purchase.js';
import { fileUrlFor, isOfferedChoice } from './software-options.js';
import { addDays } from '../shared/time.js';

export const DOWNLOAD_LINK_DAYS = 14;
export const DOWNLOAD_LINK_MAX_DOWNLOADS = 50;
export const PRODUCT_KEY_LENGTH = 32;

export const KeyPayloadSchema = z.object({
  orderId: z.string().min(1).max(100),
  productId: z.string().min(1).max(100),
});
export type KeyPayload = z.infer<typeof KeyPayloadSchema>;

const ChoiceSchema = z.object({
  version: z.string().min(1).max(100),
  language: z.string().min(1).max(40),
  variant: z.string().min(1).max(60),
});

/** What was issued, without the secrets: they are read (and the view recorded) by `revealKey`. */
export interface IssuedKey {
  readonly orderId: string;
  readonly productId: string;
  readonly productName: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly keyId: string;
  readonly linkId: string;
  readonly version: string;
  readonly language: string;
  readonly variant: string;
  readonly variantLabel: string;
  readonly linkExpiresAt: string;
  readonly maxDownloads: number;
}

/** What the click touches inside its transaction. */
export type IssueKeyTx = Pick<Repositories, 'software' | 'customers'>;

export const issueKeyExecutor: Executor<KeyPayload, IssuedKey, IssueKeyTx> = {
  action: 'software.key',
  payload: KeyPayloadSchema,
  async execute(tx, actor, payload, { now, newId, secrets, input }) {
    const purchase = await tx.software.findPurchase(payload.orderId);
    if (!purchase || purchase.productId !== payload.productId)
      return err({ kind: 'not-found', what: 'order', ref: payload.orderId });
    if (purchase.status !== 'completed')
      return err({ kind: 'invalid-state', what: 'order', status: purchase.status, attempted: 'key' });
    const options = softwareOptionsOf(purchase);
    if (!options.ok) return options;
    const choice = ChoiceSchema.safeParse(input);
    if (!choice.success || !isOfferedChoice(options.value, choice.data)) {
      return err({ kind: 'invalid-input', field: 'edition', reason: 'not-offered' });
    }
    const customer = await tx.customers.findById(purchase.customerId);
    const issuedTo = actor.aadObjectId ?? 'unknown';
    const edition = { ...choice.data };
    // One key per order and edition (Decision): asking again shows the same key with a new link (R-KEY-3).
    const existing = await tx.software.findActiveKey(purchase.orderId, edition);
    const keyId = existing?.id ?? newId();
    if (!existing) {
      await tx.software.saveKey({
        id: keyId,
        orderId: purchase.orderId,
        productId: purchase.productId,
        customerId: purchase.customerId,
        ...edition,
        keySealed: secrets.seal(secrets.productKey()),
        issuedAt: now,
        issuedTo,
      });
    }
    const link = issueLink(secrets, newId, purchase, edition, options.value, now, issuedTo);
    await tx.software.saveLink(link);
    const variant = options.value.variants.find((v) => v.id === edition.variant)!;
    return ok({
      result: {
        orderId: purchase.orderId,
        productId: purchase.productId,
        productName: purchase.productName,
        customerId: purchase.customerId,
        customerName: customer?.companyName ?? purchase.customerId,
        keyId,
        linkId: link.id,
        ...edition,
        variantLabel: variant.label,
        linkExpiresAt: link.expiresAt.toISOString(),
        maxDownloads: link.maxDownloads,
      },
      audit: {
        customerId: purchase.customerId,
        subjectId: purchase.orderId,
        productId: purchase.productId,
        detail: { event: 'key-issued', keyId, linkId: link.id, ...edition },
      },
    });
  },
};

/** R-KEY-3: a new link, with a fresh 14 days and 50 downloads. */
function issueLink(
  secrets: AllDeps['secrets'],
  newId: () => string,
  purchase: SoftwarePurchase,
  edition: { version: string; language: string; variant: string },
  options: SoftwareOptions,
  now: Dayjs,
  issuedTo: string,
) {
  const { token, hash } = secrets.downloadToken();
  return {
    id: newId(),
    tokenHash: hash,
    tokenSealed: secrets.seal(token),
    fileUrlSealed: secrets.seal(fileUrlFor(options, { productId: purchase.productId, ...edition })),
    orderId: purchase.orderId,
    productId: purchase.productId,
    customerId: purchase.customerId,
    ...edition,
    issuedAt: now,
    expiresAt: addDays(now, DOWNLOAD_LINK_DAYS),
    maxDownloads: DOWNLOAD_LINK_MAX_DOWNLOADS,
    issuedTo,
  };
}

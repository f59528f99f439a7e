/**
 * Product keys and download links (R-KEY-1..4, R-ROLE-3): the user picks the purchase, then version,
 * language and file type / bitness from what it entitles; the click issues a 32-character key and a link
 * good for 14 days or 50 downloads. Keys and links are sealed at rest and never logged; the reply goes only
 * to the asker in a one-to-one chat (the bot layer sees to that, R-KEY-6).
 */
import type { Actor } from '../shared/actor.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { type Executor } from '../confirmations/executor.js';
import type { Candidate, DomainError } from '../shared/errors.js';
import { resolveCustomer } from '../customers/find-customers.js';
import { matchName } from '../shared/fuzzy.js';
import type { AllDeps } from '../ports/deps.js';
import type { SoftwarePurchase } from '../ports/software.js';
import type { Customer } from '../shared/model.js';
import { err, ok, type Result } from '../shared/result.js';
import {
  SoftwareOptionsSchema,
  fileUrlFor,
  isOfferedChoice,
  type SoftwareOptions,
} from './software-options.js';
import { addDays, type Dayjs } from '../shared/time.js';
import { z } from 'zod';

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

/** The edition chooser: what the purchase entitles. */
export interface KeyChooser {
  readonly pendingId: string;
  readonly expiresAt: string;
  readonly orderId: string;
  readonly productName: string;
  readonly customerName: string;
  readonly options: SoftwareOptions;
}

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

export interface RevealedKey extends IssuedKey {
  readonly productKey: string;
  readonly downloadUrl: string;
  readonly downloadsLeft: number;
}

const isSoftware = (p: Pick<SoftwarePurchase, 'productKind'>) =>
  p.productKind === 'software-subscription' || p.productKind === 'perpetual-software';

async function findPurchase(
  deps: AllDeps,
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
      (isSoftware(p) || (options.includeRestricted && p.productKind === 'azure-reservation')) &&
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

function optionsOf(purchase: SoftwarePurchase): Result<SoftwareOptions, DomainError> {
  const parsed = SoftwareOptionsSchema.safeParse(purchase.softwareOptions);
  return parsed.success
    ? ok(parsed.data)
    : err({ kind: 'refused', rule: 'R-KEY-1', reason: 'no-key', facts: { product: purchase.productName } });
}

/** `key Office LTSC for fabrikam` (or `key ORD-…`): the purchase, then the edition chooser. */
export async function startKeyRequest(
  deps: AllDeps,
  actor: Actor,
  command: { product: string; customer: string },
): Promise<Result<KeyChooser, DomainError>> {
  const denied = await requireRole(deps, actor, 'software.key');
  if (denied) return denied;
  const found = await findPurchase(deps, command);
  if (!found.ok) return found;
  const { purchase, customerName } = found.value;
  if (purchase.status !== 'completed')
    return err({ kind: 'invalid-state', what: 'order', status: purchase.status, attempted: 'key' });
  const options = optionsOf(purchase);
  if (!options.ok) return options;
  const pending = await createPendingAction<KeyPayload>(deps, actor, 'software.key', {
    orderId: purchase.orderId,
    productId: purchase.productId,
  });
  return ok({
    pendingId: pending.id,
    expiresAt: pending.expiresAt.toISOString(),
    orderId: purchase.orderId,
    productName: purchase.productName,
    customerName,
    options: options.value,
  });
}

export const issueKeyExecutor: Executor<KeyPayload, IssuedKey> = {
  action: 'software.key',
  payload: KeyPayloadSchema,
  async execute(tx, actor, payload, { now, newId, secrets, input }) {
    const purchase = await tx.software.findPurchase(payload.orderId);
    if (!purchase || purchase.productId !== payload.productId)
      return err({ kind: 'not-found', what: 'order', ref: payload.orderId });
    if (purchase.status !== 'completed')
      return err({ kind: 'invalid-state', what: 'order', status: purchase.status, attempted: 'key' });
    const options = optionsOf(purchase);
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

/**
 * Opens the key and link of an issue for the person it was issued to, and records the view (R-KEY-4).
 * Role and ownership are checked again: a stored result carries no authority.
 */
export async function revealKey(
  deps: AllDeps,
  actor: Actor,
  issued: IssuedKey,
  repeat: boolean,
): Promise<Result<RevealedKey, DomainError>> {
  const denied = await requireRole(deps, actor, 'software.key');
  if (denied) return denied;
  const [key, link] = await Promise.all([
    deps.software.findKey(issued.keyId),
    deps.software.findLink(issued.linkId),
  ]);
  if (!key || !link || link.issuedTo !== actor.aadObjectId)
    return err({ kind: 'not-found', what: 'order', ref: issued.orderId });
  if (key.revokedAt)
    return err({ kind: 'invalid-state', what: 'order', status: 'cancelled', attempted: 'key' });
  if (repeat) {
    await deps.audit.record({
      at: deps.clock.now(),
      actorAadObjectId: actor.aadObjectId,
      action: 'software.key',
      outcome: 'allowed',
      customerId: issued.customerId,
      subjectId: issued.orderId,
      productId: issued.productId,
      detail: { event: 'key-viewed', keyId: key.id },
    });
  }
  return ok({
    ...issued,
    productKey: deps.secrets.open(key.keySealed),
    downloadUrl: `${deps.publicBaseUrl().replace(/\/$/, '')}/downloads/${deps.secrets.open(link.tokenSealed)}`,
    downloadsLeft: Math.max(0, link.maxDownloads - link.downloadCount),
  });
}

export type DownloadOutcome =
  | { readonly ok: true; readonly fileUrl: string }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'revoked' | 'used-up' };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * `GET /downloads/<token>`: counts the download atomically and records it (R-KEY-3, R-KEY-4), or says
 * why the link no longer works.
 */
export async function download(
  deps: Pick<AllDeps, 'uow' | 'clock' | 'secrets' | 'software'>,
  token: string,
): Promise<DownloadOutcome> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'unknown' };
  const hash = deps.secrets.hashToken(token);
  const now = deps.clock.now();
  const counted = await deps.uow.run(async (tx) => {
    const link = await tx.software.countDownload(hash, now);
    if (!link) return null;
    await tx.audit.record({
      at: now,
      actorAadObjectId: link.issuedTo,
      action: 'software.download',
      outcome: 'allowed',
      customerId: link.customerId,
      subjectId: link.orderId,
      productId: link.productId,
      detail: {
        linkId: link.id,
        download: link.downloadCount,
        version: link.version,
        language: link.language,
        variant: link.variant,
      },
    });
    return link;
  });
  if (counted) return { ok: true, fileUrl: deps.secrets.open(counted.fileUrlSealed) };
  const link = await deps.software.findLinkByTokenHash(hash);
  if (!link) return { ok: false, reason: 'unknown' };
  if (link.revokedAt) return { ok: false, reason: 'revoked' };
  if (!now.isBefore(link.expiresAt)) return { ok: false, reason: 'expired' };
  return { ok: false, reason: 'used-up' };
}

export { findPurchase as findSoftwarePurchase };

/** `software <customer>`: the customer's software purchases, cancelled ones included (R-SWC-6). */
export async function listSoftwarePurchases(
  deps: AllDeps,
  actor: Actor,
  command: { customer: string },
): Promise<Result<{ customer: Customer; purchases: SoftwarePurchase[] }, DomainError>> {
  const denied = await requireRole(deps, actor, 'catalog.read');
  if (denied) return denied;
  const customer = await resolveCustomer(deps.customers, command.customer);
  if (!customer.ok) return customer;
  return ok({ customer: customer.value, purchases: await deps.software.listPurchases(customer.value.id) });
}

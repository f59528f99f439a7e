/** Showing an issued key and its link to the person it was issued to (R-KEY-4, R-KEY-6). */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { IssuedKey } from './issue-key.js';
import { requireRole } from '../shared/authorize.js';
import { err, ok } from '../shared/result.js';

export type RevealKeyDeps = Pick<AllDeps, 'clock' | 'audit' | 'software' | 'secrets' | 'publicBaseUrl'>;

export interface RevealedKey extends IssuedKey {
  readonly productKey: string;
  readonly downloadUrl: string;
  readonly downloadsLeft: number;
}

/**
 * Opens the key and link of an issue for the person it was issued to, and records the view (R-KEY-4).
 * Role and ownership are checked again: a stored result carries no authority.
 */
export async function revealKey(
  deps: RevealKeyDeps,
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

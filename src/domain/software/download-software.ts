/** `GET /downloads/<token>`: a download through an issued link (R-KEY-3, R-KEY-4). */
import type { AllDeps } from '../ports/deps.js';
import type { UnitOfWork, Repositories } from '../ports/unit-of-work.js';

export type DownloadSoftwareDeps = Pick<AllDeps, 'clock' | 'secrets' | 'software'> & {
  readonly uow: UnitOfWork<Pick<Repositories, 'software' | 'audit'>>;
};

export type DownloadOutcome =
  | { readonly ok: true; readonly fileUrl: string }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'revoked' | 'used-up' };

/** A token is base64url (src/secrets.ts: 24 random bytes); anything else is unknown without a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22,64}$/;

/**
 * `GET /downloads/<token>`: counts the download atomically and records it (R-KEY-3, R-KEY-4), or says
 * why the link no longer works.
 */
export async function download(deps: DownloadSoftwareDeps, token: string): Promise<DownloadOutcome> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'unknown' };
  const hash = deps.secrets.hashToken(token);
  const now = deps.clock.now();
  // An unknown token costs one indexed read, never a transaction: a flood of guesses holds no connection.
  if (!(await deps.software.findLinkByTokenHash(hash))) return { ok: false, reason: 'unknown' };
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

/** What a look at a link (its landing page, a preview, HEAD) may tell: whether it works, and how long. */
export type DownloadLinkState =
  | { readonly ok: true; readonly downloadsLeft: number; readonly expiresAt: string }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'revoked' | 'used-up' };

/**
 * R-KEY-7: a look at a link counts nothing and records nothing (link previews, unfurls, HEAD and the
 * landing page are not downloads); only the landing page's button (a POST, `download`) counts one.
 */
export async function inspectDownloadLink(
  deps: Pick<DownloadSoftwareDeps, 'clock' | 'secrets' | 'software'>,
  token: string,
): Promise<DownloadLinkState> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'unknown' };
  const link = await deps.software.findLinkByTokenHash(deps.secrets.hashToken(token));
  const now = deps.clock.now();
  if (!link) return { ok: false, reason: 'unknown' };
  if (link.revokedAt) return { ok: false, reason: 'revoked' };
  if (!now.isBefore(link.expiresAt)) return { ok: false, reason: 'expired' };
  if (link.downloadCount >= link.maxDownloads) return { ok: false, reason: 'used-up' };
  return {
    ok: true,
    downloadsLeft: link.maxDownloads - link.downloadCount,
    expiresAt: link.expiresAt.toISOString(),
  };
}

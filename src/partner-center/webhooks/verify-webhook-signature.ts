// Verifies a Partner Center webhook delivery as the docs and their sample code do
// (docs/partner-center/README.md §3), plus what the docs leave open: certificate URLs only from
// configured hosts, the certificate chaining to a configured root, certificates cached.
// Every failure is a value with a reason for the log; nothing here throws on what a caller sends.
import { X509Certificate, constants, verify as verifySignature } from 'node:crypto';

export type WebhookRejectionReason =
  | 'missing-signature'
  | 'duplicate-header'
  | 'unsupported-signature-scheme'
  | 'signature-malformed'
  | 'missing-certificate-url'
  | 'missing-signature-algorithm'
  | 'unsupported-signature-algorithm'
  | 'certificate-url-invalid'
  | 'certificate-url-insecure'
  | 'certificate-host-not-allowed'
  | 'certificate-fetch-failed'
  | 'certificate-unparseable'
  | 'certificate-not-yet-valid'
  | 'certificate-expired'
  | 'certificate-untrusted'
  | 'certificate-issuer-not-allowed'
  | 'certificate-key-not-rsa'
  | 'signature-mismatch'
  | 'verification-error';

export type WebhookVerification =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 400 | 401; readonly reason: WebhookRejectionReason };

export type WebhookHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export type WebhookVerifier = {
  verify(rawBody: Buffer, headers: WebhookHeaders): Promise<WebhookVerification>;
};

export type WebhookVerifierOptions = {
  /** PEM with the trusted root certificates, and any intermediates the leaf needs to reach them. */
  readonly trustedRootsPem: string;
  /** Hosts a certificate URL may name: `host` for the default port, `host:port` otherwise. */
  readonly certificateHosts: readonly string[];
  /** Milliseconds since the epoch. */
  readonly now: () => number;
  /** Downloads a certificate (DER or PEM). Defaults to fetch without redirects. */
  readonly fetchCertificate?: (url: string) => Promise<Buffer>;
  readonly fetchTimeoutMs?: number;
  readonly cacheTtlMs?: number;
  readonly cacheMaxEntries?: number;
  /** The issuer of the signing certificate must contain `O=<this>`. */
  readonly requiredIssuerOrganization?: string;
  /** Accept `http:` certificate URLs. For the local Partner Center and tests only. */
  readonly allowHttp?: boolean;
};

const DEFAULT_FETCH_TIMEOUT_MS = 5_000;
const DEFAULT_CACHE_TTL_MS = 60 * 60 * 1000;
const DEFAULT_CACHE_MAX_ENTRIES = 16;
const MAX_CERTIFICATE_BYTES = 64 * 1024;
const MAX_CHAIN_LENGTH = 8;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

type CacheEntry = { readonly certificate: Promise<X509Certificate | null>; readonly expiresAt: number };

/** Creates a verifier; configuration it cannot use (no parsable root) makes every delivery fail. */
export function createWebhookVerifier(options: WebhookVerifierOptions): WebhookVerifier {
  const trusted = readCertificates(options.trustedRootsPem);
  const allowedHosts = new Set(
    options.certificateHosts.map((host) => host.trim().toLowerCase()).filter(Boolean),
  );
  const requiredIssuerLine = `O=${options.requiredIssuerOrganization ?? 'Microsoft Corporation'}`;
  const fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const fetchCertificate = options.fetchCertificate ?? ((url: string) => fetchOverHttp(url, fetchTimeoutMs));
  const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS;
  const cacheMaxEntries = Math.max(1, options.cacheMaxEntries ?? DEFAULT_CACHE_MAX_ENTRIES);
  const cache = new Map<string, CacheEntry>();

  const reject = (status: 400 | 401, reason: WebhookRejectionReason): WebhookVerification => ({
    ok: false,
    status,
    reason,
  });

  function loadCertificate(url: string): Promise<X509Certificate | null> {
    const now = options.now();
    const cached = cache.get(url);
    if (cached !== undefined && cached.expiresAt > now) return cached.certificate;
    cache.delete(url);
    const certificate = withTimeout(fetchCertificate(url), fetchTimeoutMs)
      .then((bytes) => (bytes.length > MAX_CERTIFICATE_BYTES ? null : parseCertificate(bytes)))
      .catch(() => null);
    // Cache the download in flight so two concurrent deliveries fetch once; forget failures.
    const entry: CacheEntry = { certificate, expiresAt: now + cacheTtlMs };
    cache.set(url, entry);
    while (cache.size > cacheMaxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
    void certificate.then((result) => {
      if (result === null && cache.get(url) === entry) cache.delete(url);
    });
    return certificate;
  }

  async function verify(rawBody: Buffer, headers: WebhookHeaders): Promise<WebhookVerification> {
    const header = readHeaders(headers);

    // 1. Signature: x-ms-signature when the registration moved it there, else Authorization.
    const msSignature = header('x-ms-signature');
    const authorization = header('authorization');
    if (msSignature === 'duplicate' || (msSignature === undefined && authorization === 'duplicate')) {
      return reject(401, 'duplicate-header');
    }
    const signatureHeader = msSignature ?? authorization;
    if (signatureHeader === undefined || signatureHeader === 'duplicate')
      return reject(401, 'missing-signature');
    const signatureMatch = /^(\S+)\s+(\S+)$/.exec(signatureHeader.trim());
    if (signatureMatch === null || signatureMatch[1]!.toLowerCase() !== 'signature') {
      return reject(401, 'unsupported-signature-scheme');
    }
    const signatureText = signatureMatch[2]!;
    if (!BASE64.test(signatureText) || signatureText.length % 4 !== 0)
      return reject(401, 'signature-malformed');
    const signature = Buffer.from(signatureText, 'base64');

    // The docs answer a missing certificate URL or algorithm with 400.
    const certificateUrl = header('x-ms-certificate-url');
    const algorithm = header('x-ms-signature-algorithm');
    if (certificateUrl === 'duplicate' || algorithm === 'duplicate') return reject(400, 'duplicate-header');
    if (certificateUrl === undefined) return reject(400, 'missing-certificate-url');
    if (algorithm === undefined) return reject(400, 'missing-signature-algorithm');
    if (algorithm.trim().toLowerCase() !== 'rsa-sha256')
      return reject(401, 'unsupported-signature-algorithm');

    // 2. The certificate URL is checked before anything is fetched.
    const url = parseUrl(certificateUrl.trim());
    if (url === null || url.username !== '' || url.password !== '')
      return reject(401, 'certificate-url-invalid');
    if (url.protocol !== 'https:' && !(options.allowHttp === true && url.protocol === 'http:')) {
      return reject(401, 'certificate-url-insecure');
    }
    if (!allowedHosts.has(url.host.toLowerCase())) return reject(401, 'certificate-host-not-allowed');
    url.hash = '';
    const certificate = await loadCertificate(url.href);
    if (certificate === null) return reject(401, 'certificate-fetch-failed');

    // 3. Validity now, chain to a configured root, issuer organisation.
    const now = options.now();
    const validity = checkValidity(certificate, now);
    if (validity !== 'valid') return reject(401, validity);
    if (!chainsToTrustedRoot(certificate, trusted, now)) return reject(401, 'certificate-untrusted');
    if (!certificate.issuer.split('\n').some((line) => line.trim() === requiredIssuerLine)) {
      return reject(401, 'certificate-issuer-not-allowed');
    }

    // 4. RSA PKCS#1 v1.5 with SHA-256 over the raw body bytes.
    if (certificate.publicKey.asymmetricKeyType !== 'rsa') return reject(401, 'certificate-key-not-rsa');
    let valid = false;
    try {
      valid = verifySignature(
        'sha256',
        rawBody,
        { key: certificate.publicKey, padding: constants.RSA_PKCS1_PADDING },
        signature,
      );
    } catch {
      valid = false;
    }
    return valid ? { ok: true } : reject(401, 'signature-mismatch');
  }

  return {
    verify: async (rawBody, headers) => {
      try {
        return await verify(rawBody, headers);
      } catch {
        // Defensive: whatever slipped through is a refusal, never a 5xx.
        return reject(401, 'verification-error');
      }
    },
  };
}

/** Reads every certificate in a PEM bundle; blocks that do not parse are skipped. */
export function readCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.flatMap((block) => {
    const certificate = parseCertificate(Buffer.from(block, 'utf8'));
    return certificate === null ? [] : [certificate];
  });
}

function readHeaders(headers: WebhookHeaders): (name: string) => string | 'duplicate' | undefined {
  const byName = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const values = typeof value === 'string' ? [value] : [...value];
    const key = name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), ...values]);
  }
  return (name) => {
    const values = (byName.get(name) ?? []).filter((value) => value.trim() !== '');
    if (values.length === 0) return undefined;
    return values.length === 1 ? values[0] : 'duplicate';
  };
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function parseCertificate(bytes: Buffer): X509Certificate | null {
  try {
    return new X509Certificate(bytes);
  } catch {
    return null;
  }
}

function checkValidity(
  certificate: X509Certificate,
  now: number,
): 'valid' | 'certificate-not-yet-valid' | 'certificate-expired' | 'certificate-unparseable' {
  const from = Date.parse(certificate.validFrom);
  const to = Date.parse(certificate.validTo);
  if (Number.isNaN(from) || Number.isNaN(to)) return 'certificate-unparseable';
  if (now < from) return 'certificate-not-yet-valid';
  if (now > to) return 'certificate-expired';
  return 'valid';
}

function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.checkIssued(certificate) && safeVerify(certificate, certificate);
}

function safeVerify(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * Walks leaf → issuer → … using only the configured certificates, and succeeds on reaching a
 * configured self-signed root. Every certificate above the leaf must be a CA valid at `now`.
 */
function chainsToTrustedRoot(
  leaf: X509Certificate,
  trusted: readonly X509Certificate[],
  now: number,
): boolean {
  const isTrustedRoot = (certificate: X509Certificate) =>
    isSelfSigned(certificate) && trusted.some((root) => root.fingerprint256 === certificate.fingerprint256);
  let current = leaf;
  const seen = new Set<string>([leaf.fingerprint256]);
  for (let depth = 0; depth < MAX_CHAIN_LENGTH; depth += 1) {
    if (isTrustedRoot(current)) return true;
    const issuer = trusted.find(
      (candidate) =>
        !seen.has(candidate.fingerprint256) &&
        candidate.ca &&
        checkValidity(candidate, now) === 'valid' &&
        current.checkIssued(candidate) &&
        safeVerify(current, candidate),
    );
    if (issuer === undefined) return false;
    seen.add(issuer.fingerprint256);
    current = issuer;
  }
  return false;
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, rejectTimeout) => {
    timer = setTimeout(() => rejectTimeout(new Error('certificate download timed out')), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET without following redirects (a redirect could leave the allowed hosts), size-bounded. */
async function fetchOverHttp(url: string, timeoutMs: number): Promise<Buffer> {
  const response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok || response.body === null)
    throw new Error(`certificate download answered ${response.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_CERTIFICATE_BYTES) throw new Error('certificate too large');
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

// Rule ids (docs/partner-center/README.md §3 and issue 9, Webhooks):
//   WH-SIG-1 signature header: Authorization or x-ms-signature, scheme `Signature`, else 401
//   WH-SIG-2 missing X-MS-Certificate-Url or X-MS-Signature-Algorithm → 400
//   WH-SIG-3 algorithm must be rsa-sha256, else 401
//   WH-SIG-4 certificate URL only from configured hosts (https), checked before any download
//   WH-SIG-5 certificate valid now, chaining to a configured root, issuer O=Microsoft Corporation
//   WH-SIG-6 RSA PKCS#1 v1.5 SHA-256 over the raw body bytes
//   WH-SIG-7 certificates are cached per URL for a bounded time
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWebhookVerifier,
  type WebhookVerifierOptions,
} from '../../../src/partner-center/webhooks/verify-webhook-signature.js';
import {
  createWebhookSigner,
  type WebhookSigner,
} from '../../../tools/local-partner-center/webhook-signer.js';
import { startCertificateServer, type CertificateServer } from './certificate-server.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const BODY = Buffer.from(
  JSON.stringify({
    EventName: 'subscription-updated',
    ResourceUri:
      'http://api.partnercenter.microsoft.com/webhooks/v1/customers/4b2a6e33-8791-4386-bd2b-0d55baf25039/subscriptions/a4c1340d-6911-4758-bba3-0c4c6007d161',
    ResourceName: 'subscription',
    AuditUri: null,
    ResourceChangeUtcDate: '2026-06-01T11:59:00.0000000+00:00',
  }),
  'utf8',
);

let server: CertificateServer;
let microsoft: WebhookSigner;
let otherCa: WebhookSigner;
let expired: WebhookSigner;
let contoso: WebhookSigner;
let chained: WebhookSigner;
let pathCounter = 0;

/** Serves `signer`'s certificate at a fresh path, so request counts belong to one test. */
function serveLeaf(signer: WebhookSigner, form: 'der' | 'pem' = 'der'): { path: string; url: string } {
  pathCounter += 1;
  const path = `/certs/${pathCounter}/pcnotifications.cer`;
  server.serve(path, form === 'der' ? signer.leafDer : signer.leafPem);
  return { path, url: server.urlFor(path) };
}

function makeVerifier(overrides: Partial<WebhookVerifierOptions> = {}) {
  let now = NOW;
  const verifier = createWebhookVerifier({
    trustedRootsPem: [microsoft.trustedPem, expired.trustedPem, contoso.trustedPem, chained.trustedPem].join(
      '\n',
    ),
    certificateHosts: [server.host],
    allowHttp: true,
    now: () => now,
    ...overrides,
  });
  return { verifier, setNow: (value: number) => (now = value) };
}

beforeAll(async () => {
  const now = new Date(NOW);
  [server, microsoft, otherCa, expired, contoso, chained] = await Promise.all([
    startCertificateServer(),
    createWebhookSigner({ now }),
    createWebhookSigner({ now }),
    createWebhookSigner({
      now,
      leafValidity: { notBefore: new Date(NOW - 30 * 24 * HOUR), notAfter: new Date(NOW - HOUR) },
    }),
    createWebhookSigner({ now, issuerOrganization: 'Contoso Ltd' }),
    createWebhookSigner({ now, withIntermediate: true }),
  ]);
});

afterAll(async () => {
  await server?.close();
});

describe('verifying a Partner Center webhook delivery', () => {
  it('WH-SIG-6: accepts a body signed by a trusted certificate, signature in Authorization', async () => {
    const { url, path } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    await expect(verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: url }))).resolves.toEqual({
      ok: true,
    });
    expect(server.requestsFor(path)).toBe(1);
  });

  it('WH-SIG-1: accepts the signature in x-ms-signature, even when Authorization carries something else', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    const headers = microsoft.sign(BODY, { certificateUrl: url, header: 'x-ms-signature' });
    await expect(verifier.verify(BODY, headers)).resolves.toEqual({ ok: true });
    await expect(verifier.verify(BODY, { ...headers, authorization: 'Bearer abc' })).resolves.toEqual({
      ok: true,
    });
  });

  it('WH-SIG-1: reads header names in any casing and single-element arrays as node gives them', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    const headers = microsoft.sign(BODY, { certificateUrl: url });
    const mixed = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toUpperCase(), [value]]),
    );
    await expect(verifier.verify(BODY, mixed)).resolves.toEqual({ ok: true });
  });

  it('WH-SIG-5: accepts a certificate served as PEM', async () => {
    const { url } = serveLeaf(microsoft, 'pem');
    const { verifier } = makeVerifier();
    await expect(verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: url }))).resolves.toEqual({
      ok: true,
    });
  });

  it('WH-SIG-5: refuses with 401 a certificate from a CA that is not configured', async () => {
    const { url } = serveLeaf(otherCa);
    const { verifier } = makeVerifier();
    await expect(verifier.verify(BODY, otherCa.sign(BODY, { certificateUrl: url }))).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'certificate-untrusted',
    });
  });

  it('WH-SIG-6: refuses with 401 a trusted certificate when the body was signed by another key', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    await expect(verifier.verify(BODY, otherCa.sign(BODY, { certificateUrl: url }))).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'signature-mismatch',
    });
  });

  it('WH-SIG-6: refuses with 401 a replayed body with one byte changed', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    const headers = microsoft.sign(BODY, { certificateUrl: url });
    const tampered = Buffer.from(BODY);
    tampered[tampered.length - 3] = tampered[tampered.length - 3]! ^ 0x01;
    await expect(verifier.verify(tampered, headers)).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'signature-mismatch',
    });
    await expect(verifier.verify(BODY, headers)).resolves.toEqual({ ok: true });
  });

  it('WH-SIG-6: refuses with 401 a signature that is not base64', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    const headers = {
      ...microsoft.sign(BODY, { certificateUrl: url }),
      Authorization: 'Signature not*base64',
    };
    await expect(verifier.verify(BODY, headers)).resolves.toMatchObject({
      status: 401,
      reason: 'signature-malformed',
    });
  });

  it.each(['rsa-sha1', 'hmac-sha256', 'RSA-SHA512', 'none'])(
    'WH-SIG-3: refuses with 401 the algorithm %s',
    async (algorithm) => {
      const { url, path } = serveLeaf(microsoft);
      const { verifier } = makeVerifier();
      await expect(
        verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: url, algorithm })),
      ).resolves.toEqual({
        ok: false,
        status: 401,
        reason: 'unsupported-signature-algorithm',
      });
      expect(server.requestsFor(path)).toBe(0);
    },
  );

  it('WH-SIG-3: accepts the algorithm name in any casing', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    const headers = microsoft.sign(BODY, { certificateUrl: url, algorithm: 'RSA-SHA256' });
    await expect(verifier.verify(BODY, headers)).resolves.toEqual({ ok: true });
  });

  it('WH-SIG-4: refuses with 401 a certificate URL on an unlisted host, without fetching it', async () => {
    const { path } = serveLeaf(microsoft);
    const port = server.host.split(':')[1];
    const { verifier } = makeVerifier();
    for (const certificateUrl of [
      `http://localhost:${port}${path}`, // same server, another host name
      `http://127.0.0.1${path}`, // default port is not the listed port
    ]) {
      await expect(verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl }))).resolves.toEqual({
        ok: false,
        status: 401,
        reason: 'certificate-host-not-allowed',
      });
    }
    expect(server.requestsFor(path)).toBe(0);
  });

  it('WH-SIG-4: refuses with 401 a certificate URL with user info or that does not parse, without fetching', async () => {
    const { path } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    for (const certificateUrl of [`http://user:pw@${server.host}${path}`, 'not a url']) {
      await expect(verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl }))).resolves.toEqual({
        ok: false,
        status: 401,
        reason: 'certificate-url-invalid',
      });
    }
    expect(server.requestsFor(path)).toBe(0);
  });

  it('WH-SIG-4: refuses with 401 an http certificate URL unless allowHttp is set, without fetching', async () => {
    const { url, path } = serveLeaf(microsoft);
    const { verifier } = makeVerifier({ allowHttp: false });
    await expect(verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: url }))).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'certificate-url-insecure',
    });
    expect(server.requestsFor(path)).toBe(0);
  });

  it('WH-SIG-1: refuses with 401 a delivery with no signature at all', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    const { Authorization: _dropped, ...headers } = microsoft.sign(BODY, { certificateUrl: url });
    await expect(verifier.verify(BODY, headers)).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'missing-signature',
    });
    await expect(verifier.verify(BODY, {})).resolves.toMatchObject({
      status: 401,
      reason: 'missing-signature',
    });
  });

  it('WH-SIG-1: refuses with 401 a signature whose scheme is not Signature', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    const headers = microsoft.sign(BODY, { certificateUrl: url });
    const bearer = { ...headers, Authorization: headers.Authorization!.replace('Signature', 'Bearer') };
    const bare = { ...headers, Authorization: headers.Authorization!.replace('Signature ', '') };
    await expect(verifier.verify(BODY, bearer)).resolves.toMatchObject({
      status: 401,
      reason: 'unsupported-signature-scheme',
    });
    await expect(verifier.verify(BODY, bare)).resolves.toMatchObject({
      status: 401,
      reason: 'unsupported-signature-scheme',
    });
  });

  it('WH-SIG-2: refuses with 400 a delivery without X-MS-Certificate-Url or X-MS-Signature-Algorithm', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    const { 'X-MS-Certificate-Url': _url, ...noUrl } = microsoft.sign(BODY, { certificateUrl: url });
    const { 'X-MS-Signature-Algorithm': _algorithm, ...noAlgorithm } = microsoft.sign(BODY, {
      certificateUrl: url,
    });
    await expect(verifier.verify(BODY, noUrl)).resolves.toEqual({
      ok: false,
      status: 400,
      reason: 'missing-certificate-url',
    });
    await expect(verifier.verify(BODY, noAlgorithm)).resolves.toEqual({
      ok: false,
      status: 400,
      reason: 'missing-signature-algorithm',
    });
  });

  it('WH-SIG-5: refuses with 401 a certificate that has expired', async () => {
    const { url } = serveLeaf(expired);
    const { verifier } = makeVerifier();
    await expect(verifier.verify(BODY, expired.sign(BODY, { certificateUrl: url }))).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'certificate-expired',
    });
  });

  it('WH-SIG-5: refuses with 401 a certificate that was valid when cached but has expired since', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier, setNow } = makeVerifier({ cacheTtlMs: 365 * 24 * HOUR });
    const headers = microsoft.sign(BODY, { certificateUrl: url });
    await expect(verifier.verify(BODY, headers)).resolves.toEqual({ ok: true });
    setNow(NOW + 31 * 24 * HOUR);
    await expect(verifier.verify(BODY, headers)).resolves.toMatchObject({
      status: 401,
      reason: 'certificate-expired',
    });
  });

  it('WH-SIG-5: refuses with 401 a trusted certificate whose issuer is not O=Microsoft Corporation', async () => {
    const { url } = serveLeaf(contoso);
    const { verifier } = makeVerifier();
    await expect(verifier.verify(BODY, contoso.sign(BODY, { certificateUrl: url }))).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'certificate-issuer-not-allowed',
    });
    const contosoVerifier = makeVerifier({ requiredIssuerOrganization: 'Contoso Ltd' }).verifier;
    await expect(contosoVerifier.verify(BODY, contoso.sign(BODY, { certificateUrl: url }))).resolves.toEqual({
      ok: true,
    });
  });

  it('WH-SIG-5: builds the chain through a configured intermediate, and refuses without it', async () => {
    const { url } = serveLeaf(chained);
    const headers = chained.sign(BODY, { certificateUrl: url });
    const withIntermediate = makeVerifier({ trustedRootsPem: chained.trustedPem }).verifier;
    await expect(withIntermediate.verify(BODY, headers)).resolves.toEqual({ ok: true });
    const rootOnly = makeVerifier({ trustedRootsPem: chained.rootPem }).verifier;
    await expect(rootOnly.verify(BODY, headers)).resolves.toMatchObject({
      status: 401,
      reason: 'certificate-untrusted',
    });
  });

  it('WH-SIG-5: an intermediate alone is not a trust anchor', async () => {
    const { url } = serveLeaf(chained);
    const intermediateOnly = makeVerifier({ trustedRootsPem: chained.intermediatePem! }).verifier;
    await expect(
      intermediateOnly.verify(BODY, chained.sign(BODY, { certificateUrl: url })),
    ).resolves.toMatchObject({
      status: 401,
      reason: 'certificate-untrusted',
    });
  });

  it('WH-SIG-5: with no usable trusted root configured, every delivery is refused with 401', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier({ trustedRootsPem: 'not a pem' });
    await expect(verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: url }))).resolves.toMatchObject(
      {
        status: 401,
        reason: 'certificate-untrusted',
      },
    );
  });

  it('WH-SIG-7: fetches the certificate once for two deliveries, and again once the cache entry has aged out', async () => {
    const { url, path } = serveLeaf(microsoft);
    const { verifier, setNow } = makeVerifier({ cacheTtlMs: HOUR });
    const headers = microsoft.sign(BODY, { certificateUrl: url });
    await expect(verifier.verify(BODY, headers)).resolves.toEqual({ ok: true });
    await expect(verifier.verify(BODY, headers)).resolves.toEqual({ ok: true });
    expect(server.requestsFor(path)).toBe(1);
    setNow(NOW + HOUR + 1);
    await expect(verifier.verify(BODY, headers)).resolves.toEqual({ ok: true });
    expect(server.requestsFor(path)).toBe(2);
  });

  it('WH-SIG-7: two concurrent deliveries share one download', async () => {
    const { url, path } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    const headers = microsoft.sign(BODY, { certificateUrl: url });
    const results = await Promise.all([verifier.verify(BODY, headers), verifier.verify(BODY, headers)]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(server.requestsFor(path)).toBe(1);
  });

  it('WH-SIG-7: keeps no more certificates than its bound', async () => {
    const first = serveLeaf(microsoft);
    const second = serveLeaf(microsoft);
    const { verifier } = makeVerifier({ cacheMaxEntries: 1 });
    await verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: first.url }));
    await verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: second.url }));
    await expect(verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: first.url }))).resolves.toEqual(
      {
        ok: true,
      },
    );
    expect(server.requestsFor(first.path)).toBe(2);
    expect(server.requestsFor(second.path)).toBe(1);
  });

  it('WH-SIG-7: refuses with 401 when the certificate cannot be downloaded, and does not cache the failure', async () => {
    pathCounter += 1;
    const path = `/certs/${pathCounter}/missing.cer`;
    const { verifier } = makeVerifier();
    const headers = microsoft.sign(BODY, { certificateUrl: server.urlFor(path) });
    await expect(verifier.verify(BODY, headers)).resolves.toEqual({
      ok: false,
      status: 401,
      reason: 'certificate-fetch-failed',
    });
    server.serve(path, microsoft.leafDer);
    await expect(verifier.verify(BODY, headers)).resolves.toEqual({ ok: true });
    expect(server.requestsFor(path)).toBe(2);
  });

  it('WH-SIG-4: does not follow a redirect from an allowed host, even to a valid certificate', async () => {
    const target = serveLeaf(microsoft);
    pathCounter += 1;
    const path = `/certs/${pathCounter}/redirect.cer`;
    server.redirect(path, target.url);
    const { verifier } = makeVerifier();
    await expect(
      verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: server.urlFor(path) })),
    ).resolves.toMatchObject({ status: 401, reason: 'certificate-fetch-failed' });
    expect(server.requestsFor(path)).toBe(1);
    expect(server.requestsFor(target.path)).toBe(0);
  });

  it('WH-SIG-7: refuses with 401 a certificate download larger than 64 KiB', async () => {
    pathCounter += 1;
    const path = `/certs/${pathCounter}/huge.cer`;
    // A PEM certificate followed by padding: it would parse, so only the size bound refuses it.
    server.serve(path, `${microsoft.leafPem}\n${' '.repeat(70 * 1024)}\n`);
    const { verifier } = makeVerifier();
    await expect(
      verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: server.urlFor(path) })),
    ).resolves.toMatchObject({ status: 401, reason: 'certificate-fetch-failed' });
  });

  it('WH-SIG-7: refuses with 401 when the download does not answer in time', async () => {
    const { verifier } = makeVerifier({
      fetchCertificate: () => new Promise<Buffer>(() => undefined),
      fetchTimeoutMs: 20,
    });
    const headers = microsoft.sign(BODY, { certificateUrl: server.urlFor('/certs/slow.cer') });
    await expect(verifier.verify(BODY, headers)).resolves.toMatchObject({
      status: 401,
      reason: 'certificate-fetch-failed',
    });
  });

  it('WH-SIG-5: refuses with 401 a download that is not a certificate', async () => {
    const { verifier } = makeVerifier({ fetchCertificate: async () => Buffer.from('<html>hello</html>') });
    const headers = microsoft.sign(BODY, { certificateUrl: server.urlFor('/certs/html.cer') });
    await expect(verifier.verify(BODY, headers)).resolves.toMatchObject({
      status: 401,
      reason: 'certificate-fetch-failed',
    });
  });

  it('WH-SIG-1: refuses with 401 two different signatures rather than choosing one', async () => {
    const { url } = serveLeaf(microsoft);
    const { verifier } = makeVerifier();
    const headers = microsoft.sign(BODY, { certificateUrl: url });
    await expect(
      verifier.verify(BODY, { ...headers, Authorization: [headers.Authorization!, 'Signature AAAA'] }),
    ).resolves.toMatchObject({ status: 401, reason: 'duplicate-header' });
  });

  it('WH-SIG-6: the production defaults refuse the local signer: https only, Microsoft hosts only', async () => {
    const verifier = createWebhookVerifier({
      trustedRootsPem: microsoft.trustedPem,
      certificateHosts: ['3psostorageacct.blob.core.windows.net'],
      now: () => NOW,
      fetchCertificate: async () => microsoft.leafDer,
    });
    const good =
      'https://3psostorageacct.blob.core.windows.net/cert/pcnotifications-dispatch.microsoft.com.cer';
    await expect(verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl: good }))).resolves.toEqual({
      ok: true,
    });
    for (const [certificateUrl, reason] of [
      ['http://3psostorageacct.blob.core.windows.net/cert/x.cer', 'certificate-url-insecure'],
      ['https://3psostorageacct.blob.core.windows.net:8443/cert/x.cer', 'certificate-host-not-allowed'],
      ['https://3psostorageacct.blob.core.windows.net.evil.test/cert/x.cer', 'certificate-host-not-allowed'],
      ['https://evil.test/3psostorageacct.blob.core.windows.net/x.cer', 'certificate-host-not-allowed'],
    ] as const) {
      await expect(verifier.verify(BODY, microsoft.sign(BODY, { certificateUrl }))).resolves.toMatchObject({
        status: 401,
        reason,
      });
    }
  });
});

// Signs webhook deliveries the way Partner Center does (docs/partner-center/README.md §3), with a
// certificate authority made in memory at run time: the docs publish no certificate matching their
// example signature, so the local Partner Center and the tests sign with their own key and serve
// their own certificate. Nothing here is written to disk.
import 'reflect-metadata'; // @peculiar/x509 → tsyringe needs the Reflect polyfill before it loads.
import * as x509 from '@peculiar/x509';
import {
  constants,
  createPrivateKey,
  randomBytes,
  sign as signBytes,
  webcrypto,
  type KeyObject,
} from 'node:crypto';

export type WebhookSignatureHeader = 'authorization' | 'x-ms-signature';

export type WebhookSignerOptions = {
  /** The URL `sign` puts in X-MS-Certificate-Url unless a call gives its own. */
  readonly certificateUrl?: string;
  /** Organisation in the CA's name, hence in the signing certificate's issuer. */
  readonly issuerOrganization?: string;
  /** Put an issuing CA between the root and the signing certificate. */
  readonly withIntermediate?: boolean;
  /** Reference time for the default validity periods. Default: the current time. */
  readonly now?: Date;
  /** Validity of the signing certificate. Default: from an hour before `now` to 30 days after. */
  readonly leafValidity?: { readonly notBefore: Date; readonly notAfter: Date };
  readonly modulusLength?: number;
};

export type WebhookSignOptions = {
  readonly certificateUrl?: string;
  /** Where the signature goes: `Authorization` (default) or `x-ms-signature`. */
  readonly header?: WebhookSignatureHeader;
  /** Value of X-MS-Signature-Algorithm. Default `rsa-sha256`. */
  readonly algorithm?: string;
};

export type WebhookSigner = {
  /** The self-signed root, to configure as the trusted root. */
  readonly rootPem: string;
  /** The issuing CA when `withIntermediate`, else null. */
  readonly intermediatePem: string | null;
  /** Root plus intermediate: what PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS would hold. */
  readonly trustedPem: string;
  /** The signing certificate, as served at the certificate URL (.cer). */
  readonly leafDer: Buffer;
  readonly leafPem: string;
  /** Base64 RSA PKCS#1 v1.5 SHA-256 signature of the body's bytes (a string is taken as UTF-8). */
  signature(body: Buffer | string): string;
  /** The headers Partner Center sends with a delivery of `body`. */
  sign(body: Buffer | string, options?: WebhookSignOptions): Record<string, string>;
};

const RSA: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};
const DAY_MS = 24 * 60 * 60 * 1000;

x509.cryptoProvider.set(webcrypto);

export async function createWebhookSigner(options: WebhookSignerOptions = {}): Promise<WebhookSigner> {
  const now = options.now ?? new Date();
  const organization = options.issuerOrganization ?? 'Microsoft Corporation';
  const algorithm = { ...RSA, modulusLength: options.modulusLength ?? RSA.modulusLength };
  const caValidity = {
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 3650 * DAY_MS),
  };
  const leafValidity = options.leafValidity ?? {
    notBefore: new Date(now.getTime() - 60 * 60 * 1000),
    notAfter: new Date(now.getTime() + 30 * DAY_MS),
  };

  const rootKeys = await generateKeys(algorithm);
  const rootName = `CN=Local Partner Center Test Root, O=${organization}, C=US`;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: rootName,
    keys: rootKeys,
    signingAlgorithm: algorithm,
    ...caValidity,
    extensions: await caExtensions(rootKeys.publicKey, 1),
  });

  let issuer = { certificate: root, keys: rootKeys, name: rootName };
  let intermediate: x509.X509Certificate | null = null;
  if (options.withIntermediate === true) {
    const keys = await generateKeys(algorithm);
    const name = `CN=Local Partner Center Test Issuing CA, O=${organization}, C=US`;
    intermediate = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: name,
      issuer: issuer.name,
      publicKey: keys.publicKey,
      signingKey: issuer.keys.privateKey,
      signingAlgorithm: algorithm,
      ...caValidity,
      extensions: [
        ...(await caExtensions(keys.publicKey, 0)),
        await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
      ],
    });
    issuer = { certificate: intermediate, keys, name };
  }

  const leafKeys = await generateKeys(algorithm);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=pcnotifications-dispatch.local-partner-center.test, O=${organization}, C=US`,
    issuer: issuer.name,
    publicKey: leafKeys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: algorithm,
    ...leafValidity,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
    ],
  });

  const privateKey = createPrivateKey({
    key: Buffer.from(await webcrypto.subtle.exportKey('pkcs8', leafKeys.privateKey)),
    format: 'der',
    type: 'pkcs8',
  });
  const rootPem = root.toString('pem');
  const intermediatePem = intermediate === null ? null : intermediate.toString('pem');

  const signature = (body: Buffer | string) => signBody(privateKey, body);
  return {
    rootPem,
    intermediatePem,
    trustedPem: intermediatePem === null ? rootPem : `${rootPem}\n${intermediatePem}\n`,
    leafDer: Buffer.from(leaf.rawData),
    leafPem: leaf.toString('pem'),
    signature,
    sign(body, signOptions = {}) {
      const certificateUrl = signOptions.certificateUrl ?? options.certificateUrl;
      if (certificateUrl === undefined) throw new Error('webhook signer: no certificate URL given');
      const header = signOptions.header === 'x-ms-signature' ? 'x-ms-signature' : 'Authorization';
      return {
        [header]: `Signature ${signature(body)}`,
        'X-MS-Certificate-Url': certificateUrl,
        'X-MS-Signature-Algorithm': signOptions.algorithm ?? 'rsa-sha256',
        'Content-Type': 'application/json',
      };
    },
  };
}

function signBody(privateKey: KeyObject, body: Buffer | string): string {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return signBytes('sha256', bytes, { key: privateKey, padding: constants.RSA_PKCS1_PADDING }).toString(
    'base64',
  );
}

async function generateKeys(algorithm: webcrypto.RsaHashedKeyGenParams): Promise<webcrypto.CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

async function caExtensions(publicKey: webcrypto.CryptoKey, pathLength: number): Promise<x509.Extension[]> {
  return [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
  ];
}

/** 16 random bytes, high bit clear so the serial number is positive. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

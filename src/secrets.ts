/**
 * Secrets at rest: AES-256-GCM with a 256-bit key from configuration (a random 96-bit IV per value, the
 * tag checked on open), product keys and download tokens from the system's CSPRNG, tokens stored only
 * as SHA-256 hashes. Nothing here logs.
 */
import crypto from 'node:crypto';
import type { SecretSource } from './domain/ports/secrets.js';

const VERSION = 'v1';
/** No 0/O, 1/I/L, so a key read aloud or retyped is unambiguous. */
const KEY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PRODUCT_KEY_LENGTH = 32;

/** Development only: a fixed key, so a developer's embedded database stays readable across restarts. */
export const DEVELOPMENT_KEY = crypto
  .createHash('sha256')
  .update('csp-partner-bot development key: not a secret')
  .digest();

export function createSecrets(key: Buffer): SecretSource {
  if (key.length !== 32) throw new Error('the encryption key must be 32 bytes');
  const randomChars = (length: number) => {
    const out: string[] = [];
    while (out.length < length) {
      for (const byte of crypto.randomBytes(length)) {
        // Rejection sampling keeps every character equally likely.
        if (byte < 256 - (256 % KEY_ALPHABET.length) && out.length < length)
          out.push(KEY_ALPHABET[byte % KEY_ALPHABET.length]!);
      }
    }
    return out.join('');
  };
  const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        VERSION,
        iv.toString('base64url'),
        sealed.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
      ].join('.');
    },
    open(text) {
      const [version, iv, sealed, tag] = text.split('.');
      if (version !== VERSION || !iv || sealed === undefined || !tag) throw new Error('not a sealed value');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    productKey: () => randomChars(PRODUCT_KEY_LENGTH),
    downloadToken() {
      const token = crypto.randomBytes(24).toString('base64url');
      return { token, hash: hashToken(token) };
    },
    hashToken,
  };
}

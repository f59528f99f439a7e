/**
 * A deterministic SecretSource: product keys and tokens counted up, sealing reversible but never showing
 * the plain text (so a test can still see that nothing is stored in the clear), hashes real SHA-256.
 */
import crypto from 'node:crypto';
import type { SecretSource } from '../../src/domain/ports/secrets.js';

const KEY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** `seed` tells apart the secrets of two fakes over the same rows (a restart). */
export function fakeSecrets(seed = 'fake'): SecretSource {
  let issued = 0;
  const keyFor = (n: number) => {
    const digest = crypto.createHash('sha256').update(`${seed}-key-${n}`).digest();
    return [...digest].map((byte) => KEY_ALPHABET[byte % KEY_ALPHABET.length]).join('');
  };
  const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
  return {
    seal: (plain) => `sealed.${Buffer.from(plain, 'utf8').reverse().toString('base64url')}`,
    open: (sealed) => {
      if (!sealed.startsWith('sealed.')) throw new Error('not a sealed value');
      return Buffer.from(sealed.slice('sealed.'.length), 'base64url').reverse().toString('utf8');
    },
    productKey: () => keyFor(++issued),
    downloadToken: () => {
      const token = crypto.createHash('sha256').update(`${seed}-token-${++issued}`).digest('base64url');
      return { token, hash: hashToken(token) };
    },
    hashToken,
  };
}

/** Sealing secrets at rest and making unguessable ones. */

/** Sealing secrets at rest (AES-256-GCM) and making unguessable ones. Never logs what it handles. */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export interface SecretSource extends SecretBox {
  /** A 32-character product key (R-KEY-2). */
  productKey(): string;
  /** A download token of at least 128 random bits, and its hash (what is stored). */
  downloadToken(): { token: string; hash: string };
  hashToken(token: string): string;
}

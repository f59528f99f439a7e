/**
 * The fake's identity provider: one app (client id and secret), one refresh token at a time (each use
 * rotates it and the old one is refused from then on), access tokens that expire on the fake's clock.
 */
import { randomBytes } from 'node:crypto';

export type TokenMode = 'app-user' | 'app-only';

export interface AuthState {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The refresh token currently valid (rotates on every use). */
  currentRefreshToken: string;
  /** A one-time authorization code that the auth-code grant accepts (the MFA sign-in stand-in). */
  authorizationCode: string;
  tokenLifetimeSeconds: number;
  readonly accessTokens: Map<string, { mode: TokenMode; expiresAt: number }>;
  /** Makes every issued access token invalid (the API then answers 401). */
  revokeAccessTokens(): void;
}

export const newSecret = (prefix: string): string => `${prefix}.${randomBytes(18).toString('base64url')}`;

export const createAuthState = (tokenLifetimeSeconds: number): AuthState => {
  const accessTokens = new Map<string, { mode: TokenMode; expiresAt: number }>();
  return {
    tenantId: 'f2d4a3c8-6b1e-4f7a-9c0d-5e8b7a6c4d21',
    clientId: '8a6b1c2d-3e4f-4a5b-8c7d-9e0f1a2b3c4d',
    clientSecret: newSecret('secret'),
    currentRefreshToken: newSecret('refresh'),
    authorizationCode: newSecret('code'),
    tokenLifetimeSeconds,
    accessTokens,
    revokeAccessTokens: () => accessTokens.clear(),
  };
};

/**
 * The fake's token endpoint (`/{tenant}/oauth2/token` and `/{tenant}/oauth2/v2.0/token`): refresh_token,
 * client_credentials and authorization_code grants, the audience by `resource` or `scope`. Refresh tokens
 * rotate on every use; expiry strings as Azure AD sends them.
 */
import { randomBytes } from 'node:crypto';
import { newSecret, type TokenMode } from './auth-state.js';
import type { FakeAnswer, FakeContext, FakeRequest } from './fake-types.js';

const AUDIENCE = 'https://api.partnercenter.microsoft.com';

const oauthError = (status: number, error: string, description: string): FakeAnswer => ({
  status,
  body: {
    error,
    error_description: description,
    error_codes: [],
    timestamp: '',
    trace_id: '',
    correlation_id: '',
  },
});

export const handleTokenRequest = (request: FakeRequest, context: FakeContext): FakeAnswer => {
  const { auth } = context;
  if (request.params.tenant !== auth.tenantId && request.params.tenant !== 'common')
    return oauthError(400, 'invalid_tenant', 'Tenant not found.');
  const form = new URLSearchParams(request.rawBody);
  const resource = form.get('resource');
  const scope = form.get('scope');
  const audienceOk =
    resource === AUDIENCE ||
    (scope ?? '').split(' ').some((part) => part.startsWith(`${AUDIENCE}/`)) ||
    (resource === null && scope === null);
  if (!audienceOk) return oauthError(400, 'invalid_resource', 'The resource is not the Partner Center API.');
  if (form.get('client_id') !== auth.clientId || form.get('client_secret') !== auth.clientSecret)
    return oauthError(401, 'invalid_client', 'Client authentication failed.');
  const grant = form.get('grant_type');
  let mode: TokenMode;
  let rotate = false;
  if (grant === 'client_credentials') mode = 'app-only';
  else if (grant === 'refresh_token') {
    if (form.get('refresh_token') !== auth.currentRefreshToken)
      return oauthError(400, 'invalid_grant', 'The refresh token is invalid or was already used.');
    mode = 'app-user';
    rotate = true;
  } else if (grant === 'authorization_code') {
    if (form.get('code') !== auth.authorizationCode)
      return oauthError(400, 'invalid_grant', 'The authorization code is invalid.');
    auth.authorizationCode = newSecret('code');
    mode = 'app-user';
    rotate = true;
  } else return oauthError(400, 'unsupported_grant_type', 'Unsupported grant type.');
  const now = context.now();
  const accessToken = `pc.${mode}.${randomBytes(24).toString('base64url')}`;
  const expiresIn = auth.tokenLifetimeSeconds;
  auth.accessTokens.set(accessToken, { mode, expiresAt: now + expiresIn * 1000 });
  if (rotate) auth.currentRefreshToken = newSecret('refresh');
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      ...(mode === 'app-user' ? { scope: 'user_impersonation' } : {}),
      expires_in: String(expiresIn),
      ext_expires_in: String(expiresIn),
      expires_on: String(Math.floor(now / 1000) + expiresIn),
      not_before: String(Math.floor(now / 1000)),
      resource: AUDIENCE,
      access_token: accessToken,
      ...(rotate ? { refresh_token: auth.currentRefreshToken } : {}),
    },
  };
};

/**
 * Auth on (MicrosoftAppId set): a token that cannot be validated, for whatever reason, is a 401 with a fixed
 * body, logged with the reason; nothing internal in any response. The Bot Framework's OpenID metadata and
 * signing keys are served locally (keys generated here), so a correctly signed token is accepted and each
 * wrong one is refused for its own reason; a second bot whose key fetch fails refuses every token with 401.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { cardsOf, messageActivity, startTestBot, textOf, type TestBot } from '../support/bot.js';
import { GLOBAL_ADMIN } from '../support/staff.js';

const APP_ID = '6b2c1f7e-4d3a-4f0e-9b8c-2a1d0e9f8c7b';
const ISSUER = 'https://api.botframework.com';
const KID = 'local-key-1';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function sign(claims: Record<string, unknown>, key: crypto.KeyObject, kid = KID): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = b64url(JSON.stringify(claims));
  const signature = crypto.sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${b64url(signature)}`;
}

const trusted = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

/** The Bot Framework's OpenID metadata and keys, served locally. */
async function startOpenIdServer(options: { failing?: boolean } = {}) {
  const jwk = trusted.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  const server = http.createServer((req, res) => {
    const port = (server.address() as { port: number }).port;
    if (options.failing) {
      res.statusCode = 500;
      res.end('boom at http://internal.example/keys');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    if (req.url === '/keys')
      res.end(
        JSON.stringify({
          keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
        }),
      );
    else res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `http://127.0.0.1:${port}/keys` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/openidconfiguration`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const botAuthentication = (metadataUrl: string) => ({
  ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
  ToBotFromChannelTokenIssuer: ISSUER,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: ISSUER,
  OAuthUrl: ISSUER,
  CallerId: 'urn:botframework:azure',
});

async function postWithAuth(endpoint: string, body: unknown, authorization?: string) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: text ? (JSON.parse(text) as unknown) : undefined };
}

function collectingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

const now = () => Math.floor(Date.now() / 1000);

describe('auth on, with the signing keys served locally', () => {
  let openId: Awaited<ReturnType<typeof startOpenIdServer>>;
  let bot: TestBot;
  const { log, lines } = collectingLog();
  beforeAll(async () => {
    openId = await startOpenIdServer();
    bot = await startTestBot({
      env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline' },
      botAuthentication: botAuthentication(openId.url),
      log,
    });
  });
  afterAll(async () => {
    await bot?.close();
    await openId?.close();
  });

  const activity = () => messageActivity('help', { from: GLOBAL_ADMIN }) as { serviceUrl?: string };
  const claims = (serviceUrl: string, change: Record<string, unknown> = {}) => ({
    iss: ISSUER,
    aud: APP_ID,
    serviceurl: serviceUrl,
    nbf: now() - 60,
    exp: now() + 3600,
    ...change,
  });

  it('a correctly signed token is accepted (so the refusals below are about the token)', async () => {
    const body = activity();
    const reply = await postWithAuth(
      bot.endpoint,
      body,
      `Bearer ${sign(claims(body.serviceUrl!), trusted.privateKey)}`,
    );
    expect(reply.status).toBe(200);
    expect(textOf(cardsOf({ status: reply.status, body: reply.body })[0])).toContain('What I can do for you');
  });

  it.each([
    ['missing', () => undefined],
    ['garbage', () => 'Bearer not.a.token'],
    ['not a bearer token', () => 'Basic dXNlcjpwYXNz'],
    ['signed with another key', (url: string) => `Bearer ${sign(claims(url), stranger.privateKey)}`],
    [
      'signed with another key under an unknown key id',
      (url: string) => `Bearer ${sign(claims(url), stranger.privateKey, 'other')}`,
    ],
    [
      'expired',
      (url: string) =>
        `Bearer ${sign(claims(url, { exp: now() - 3600, nbf: now() - 7200 }), trusted.privateKey)}`,
    ],
    [
      'for another bot',
      (url: string) => `Bearer ${sign(claims(url, { aud: crypto.randomUUID() }), trusted.privateKey)}`,
    ],
    [
      'from another issuer',
      (url: string) => `Bearer ${sign(claims(url, { iss: 'https://evil.example' }), trusted.privateKey)}`,
    ],
    ['for another service URL', () => `Bearer ${sign(claims('https://evil.example/'), trusted.privateKey)}`],
  ])('a %s token gets 401 with the fixed body, and the reason is logged', async (_name, header) => {
    const body = activity();
    const before = lines.length;
    const reply = await postWithAuth(bot.endpoint, body, header(body.serviceUrl!));
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ error: 'unauthorized' });
    const logged = lines.slice(before).filter((line) => line.msg === 'authentication failed');
    expect(logged).toHaveLength(1);
    expect(String(logged[0]!.reason).length).toBeGreaterThan(0);
  });
});

describe('auth on, when the signing keys cannot be fetched', () => {
  let openId: Awaited<ReturnType<typeof startOpenIdServer>>;
  let bot: TestBot;
  beforeAll(async () => {
    openId = await startOpenIdServer({ failing: true });
    bot = await startTestBot({
      env: { MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used-offline' },
      botAuthentication: botAuthentication(openId.url),
    });
  });
  afterAll(async () => {
    await bot?.close();
    await openId?.close();
  });

  it('a token is refused with 401 and the fixed body: no 500, no key-fetch URL or status in the answer', async () => {
    const body = messageActivity('help', { from: GLOBAL_ADMIN }) as { serviceUrl?: string };
    const token = sign(
      { iss: ISSUER, aud: APP_ID, serviceurl: body.serviceUrl, exp: now() + 600 },
      trusted.privateKey,
    );
    const reply = await postWithAuth(bot.endpoint, body, `Bearer ${token}`);
    expect(reply.status).toBe(401);
    expect(reply.text).toBe(JSON.stringify({ error: 'unauthorized' }));
  });
});

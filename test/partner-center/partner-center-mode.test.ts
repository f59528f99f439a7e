/**
 * The bot in partner-center mode against the local Partner Center: the customer name index sync, the
 * rotated refresh token sealed at rest (and never logged), GET /readyz, and POST /webhooks/partner-center
 * with a CA of the test's own (its signing certificate served by a tiny local server).
 */
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type BotInstance } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { at } from '../../src/domain/shared/time.js';
import { createLogger } from '../../src/log.js';
import { createSecrets, DEVELOPMENT_KEY } from '../../src/secrets.js';
import { startLocalPartnerCenter, type LocalPartnerCenter } from '../../tools/local-partner-center/server.js';
import { createWebhookSigner, type WebhookSigner } from '../../tools/local-partner-center/webhook-signer.js';
import { startCertificateServer, type CertificateServer } from './webhooks/certificate-server.js';

const CERT_PATH = '/certs/pcnotifications.cer';
const STAFF = 'aaaaaaaa-0000-4000-8000-00000000a001';

/** A logger whose raw JSON text a test can search. */
const collectingLogger = () => {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { log: createLogger('debug', stream), text: () => chunks.join('') };
};

interface World {
  fake: LocalPartnerCenter;
  signer: WebhookSigner;
  certs: CertificateServer;
}

const envFor = (world: World, extra: Record<string, string> = {}): Record<string, string> => ({
  NODE_ENV: 'test',
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  REMINDER_INTERVAL_SECONDS: '0',
  COMMERCE_BACKEND: 'partner-center',
  PARTNER_CENTER_API_URL: world.fake.apiUrl,
  PARTNER_CENTER_AUTHORITY_URL: world.fake.authorityUrl,
  PARTNER_CENTER_TENANT_ID: world.fake.tenantId,
  PARTNER_CENTER_CLIENT_ID: world.fake.clientId,
  PARTNER_CENTER_CLIENT_SECRET: world.fake.clientSecret,
  PARTNER_CENTER_REFRESH_TOKEN: world.fake.state.auth.currentRefreshToken,
  PARTNER_CENTER_SYNC_MINUTES: '0',
  PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS: world.signer.trustedPem,
  PARTNER_CENTER_WEBHOOK_CERT_HOSTS: world.certs.host,
  ...extra,
});

const startPartnerCenterBot = (
  env: Record<string, string>,
  log = createLogger('silent'),
): Promise<BotInstance> =>
  startBot(loadConfig(env), {
    database: { kind: 'memory' },
    log,
    partnerCenter: { syncAtStart: false },
  });

const postWebhook = async (bot: BotInstance, body: string, headers: Record<string, string>) => {
  const response = await fetch(`${bot.http.url}/webhooks/partner-center`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const subscriptionEvent = (customerId: string, subscriptionId: string) =>
  JSON.stringify({
    EventName: 'subscription-updated',
    ResourceUri: `https://api.partnercenter.microsoft.com/webhooks/v1/customers/${customerId}/subscriptions/${subscriptionId}`,
    ResourceName: 'Subscription',
    AuditUri: null,
    ResourceChangeUtcDate: new Date().toISOString(),
  });

const relationshipEvent = (customerId: string) =>
  JSON.stringify({
    EventName: 'reseller-relationship-accepted-by-customer',
    ResourceUri: `https://api.partnercenter.microsoft.com/webhooks/v1/customers/${customerId}`,
    ResourceName: 'Customer',
    AuditUri: null,
    ResourceChangeUtcDate: new Date().toISOString(),
  });

let world: World;
beforeAll(async () => {
  const certs = await startCertificateServer();
  const signer = await createWebhookSigner({ certificateUrl: certs.urlFor(CERT_PATH) });
  certs.serve(CERT_PATH, signer.leafDer);
  const fake = await startLocalPartnerCenter({ port: 0, host: '127.0.0.1' });
  world = { fake, signer, certs };
});
afterAll(async () => {
  await world?.fake.close();
  await world?.certs.close();
});

describe('customer index sync (partner-center mode)', () => {
  let bot: BotInstance;
  afterEach(async () => {
    await bot?.close();
  });

  it('fills the index across several pages, updates a renamed customer and adds a new one', async () => {
    world.fake.state.pager.pageSize = 2;
    bot = await startPartnerCenterBot(envFor(world));
    const sync = bot.partnerCenter!.customerIndex;
    const report = await sync.runOnce();
    const fakeIds = [...world.fake.state.commerce.customers.keys()];
    expect(fakeIds.length).toBeGreaterThan(4);
    expect(report).toBeDefined();
    const listCalls = world.fake.requests.filter((r) => r.route === 'listCustomers');
    expect(listCalls.length).toBeGreaterThanOrEqual(Math.ceil(fakeIds.length / 2));
    const indexed = await bot.db.prisma.customer.findMany({ where: { tenantId: { in: fakeIds } } });
    expect(indexed.map((row) => row.tenantId).sort()).toEqual([...fakeIds].sort());

    const renamed = world.fake.state.commerce.customers.get(fakeIds[0]!)!;
    renamed.companyName = 'Renamed Holdings';
    const added = crypto.randomUUID();
    world.fake.state.commerce.addCustomer({
      id: added,
      companyName: 'Newly Added Co',
      domain: 'newlyadded.onmicrosoft.com',
      country: 'KR',
      culture: 'ko-KR',
      relationshipToPartner: 'reseller',
    });
    const second = await sync.runOnce();
    expect(second).toMatchObject({ updated: 1, created: 1 });
    expect((await bot.db.prisma.customer.findUnique({ where: { tenantId: fakeIds[0]! } }))?.companyName).toBe(
      'Renamed Holdings',
    );
    expect(await bot.db.prisma.customer.findUnique({ where: { tenantId: added } })).toMatchObject({
      companyName: 'Newly Added Co',
      primaryDomain: 'newlyadded.onmicrosoft.com',
      billingCountry: 'KR',
    });
    // Idempotent: a third pass (or another instance) changes nothing.
    expect(await sync.runOnce()).toMatchObject({ created: 0, updated: 0 });
    world.fake.state.pager.pageSize = 5;
  });
});

describe('refresh token and readiness (partner-center mode)', () => {
  let bot: BotInstance | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  it('stores the rotated refresh token sealed, never logs it, and reports ready when a token can be had', async () => {
    const configured = world.fake.state.auth.currentRefreshToken;
    const { log, text } = collectingLogger();
    bot = await startPartnerCenterBot(envFor(world), log);
    const ready = await fetch(`${bot.http.url}/readyz`);
    const body = await ready.text();
    expect(ready.status).toBe(200);
    expect(JSON.parse(body)).toEqual({
      status: 'ready',
      checks: { database: 'ok', migrations: 'ok', 'partner-center-token': 'ok' },
    });
    const rotated = world.fake.state.auth.currentRefreshToken;
    expect(rotated).not.toBe(configured);
    const row = await bot.db.prisma.partnerCenterRefreshToken.findUnique({
      where: { tenantId: world.fake.tenantId },
    });
    expect(row).not.toBeNull();
    expect(row!.sealed).not.toContain(rotated);
    expect(createSecrets(DEVELOPMENT_KEY).open(row!.sealed)).toBe(rotated);
    await bot.partnerCenter!.customerIndex.runOnce();
    for (const secret of [configured, rotated, world.fake.clientSecret]) {
      expect(body).not.toContain(secret);
      expect(text()).not.toContain(secret);
    }
  });

  it('answers 503 naming the Partner Center token check when no token can be had, without the secret', async () => {
    bot = await startPartnerCenterBot(envFor(world, { PARTNER_CENTER_CLIENT_SECRET: 'wrong-secret-value' }));
    const ready = await fetch(`${bot.http.url}/readyz`);
    const body = await ready.text();
    expect(ready.status).toBe(503);
    expect(JSON.parse(body)).toMatchObject({ status: 'not-ready', failing: 'partner-center-token' });
    expect(body).not.toContain('wrong-secret-value');
    // /healthz is liveness only, unchanged.
    expect((await fetch(`${bot.http.url}/healthz`)).status).toBe(200);
  });
});

describe('GET /readyz (simulated mode)', () => {
  it('is ready with the database up and the migrations applied, and has no Partner Center check', async () => {
    const bot = await startBot(
      loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REMINDER_INTERVAL_SECONDS: '0' }),
      { database: { kind: 'memory' }, log: createLogger('silent') },
    );
    try {
      const ready = await fetch(`${bot.http.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', migrations: 'ok' },
      });
      // Simulated mode has no Partner Center webhook.
      const webhook = await fetch(`${bot.http.url}/webhooks/partner-center`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(webhook.status).toBe(404);
    } finally {
      await bot.close();
    }
  });
});

describe('POST /webhooks/partner-center', () => {
  let bot: BotInstance;
  let customerId: string;
  let subscriptionId: string;
  beforeAll(async () => {
    bot = await startPartnerCenterBot(envFor(world));
    await bot.partnerCenter!.customerIndex.runOnce();
    const subscription = [...world.fake.state.commerce.subscriptions.values()].find(
      (s) => s.status === 'active',
    )!;
    customerId = subscription.customerId;
    subscriptionId = subscription.id;
    await bot.deps.audit.record({
      at: at(Date.now() - 60_000),
      actorAadObjectId: STAFF,
      action: 'subscription.quantity',
      outcome: 'allowed',
      customerId,
      subjectId: subscriptionId,
    });
  });
  afterAll(async () => {
    await bot?.close();
  });

  const changedReminders = () =>
    bot.db.prisma.reminder.findMany({ where: { kind: 'subscription-changed', subjectId: subscriptionId } });
  const snapshot = () =>
    bot.db.prisma.partnerCenterSubscriptionSnapshot.findUnique({ where: { subscriptionId } });

  it('accepts a valid delivery, refreshes the subscription, and tells the staff member who acted once', async () => {
    const first = subscriptionEvent(customerId, subscriptionId);
    expect(await postWebhook(bot, first, world.signer.sign(first))).toEqual({
      status: 200,
      body: { status: 'subscription-recorded' },
    });
    const before = (await snapshot())!;
    world.fake.state.commerce.subscriptions.get(subscriptionId)!.quantity = before.quantity + 3;
    const second = subscriptionEvent(customerId, subscriptionId);
    const headers = world.signer.sign(second, { header: 'x-ms-signature' });
    expect(await postWebhook(bot, second, headers)).toEqual({
      status: 200,
      body: { status: 'subscription-change-notified' },
    });
    // At-least-once delivery: the same delivery again acts once.
    expect(await postWebhook(bot, second, headers)).toEqual({
      status: 200,
      body: { status: 'subscription-unchanged' },
    });
    const reminders = await changedReminders();
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ recipientAadObjectId: STAFF });
    expect(reminders[0]!.payload).toMatchObject({
      fromQuantity: before.quantity,
      toQuantity: before.quantity + 3,
    });
    expect((await snapshot())!.quantity).toBe(before.quantity + 3);
  });

  it('refuses a wrong key, a wrong algorithm, an unlisted certificate host, a changed byte and no signature with 401, changing nothing', async () => {
    const fake = world.fake.state.commerce.subscriptions.get(subscriptionId)!;
    fake.quantity += 1;
    const remindersBefore = (await changedReminders()).length;
    const snapshotBefore = await snapshot();
    const body = subscriptionEvent(customerId, subscriptionId);

    const stranger = await createWebhookSigner({ certificateUrl: world.certs.urlFor(CERT_PATH) });
    const wrongKey = stranger.sign(body);
    const wrongAlgorithm = world.signer.sign(body, { algorithm: 'rsa-sha1' });
    const unlistedHost = world.signer.sign(body, {
      certificateUrl: world.certs.urlFor(CERT_PATH).replace('127.0.0.1', 'localhost'),
    });
    const signed = world.signer.sign(body);
    const changedByte = body.replace('"subscription-updated"', '"subscription-updatee"');
    const attempts: Array<[string, Record<string, string>]> = [
      [body, wrongKey],
      [body, wrongAlgorithm],
      [body, unlistedHost],
      [changedByte, signed],
      [body, {}],
    ];
    for (const [sent, headers] of attempts) {
      const answer = await postWebhook(bot, sent, headers);
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: 'unauthorized' });
    }
    expect(await changedReminders()).toHaveLength(remindersBefore);
    expect(await snapshot()).toEqual(snapshotBefore);
    fake.quantity -= 1;
  });

  it('accepts the pending relationship of the customer a relationship-accepted delivery names, once', async () => {
    const customer = (await bot.deps.customers.findByTenantId(customerId))!;
    await bot.db.prisma.resellerRelationshipRequest.create({
      data: {
        id: 'rel-webhook-1',
        customerId: customer.id,
        requestedByAadObjectId: STAFF,
        invitationUrl: 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship',
        createdAt: new Date(),
      },
    });
    const body = relationshipEvent(customerId);
    expect(await postWebhook(bot, body, world.signer.sign(body))).toEqual({
      status: 200,
      body: { status: 'relationship-accepted' },
    });
    expect(await postWebhook(bot, body, world.signer.sign(body))).toEqual({
      status: 200,
      // The duplicate finds no pending request: the index row is refreshed, nothing is accepted twice.
      body: { status: 'customer-refreshed' },
    });
    expect(
      await bot.db.prisma.resellerRelationshipRequest.findUnique({ where: { id: 'rel-webhook-1' } }),
    ).toMatchObject({ status: 'accepted' });
    expect(
      await bot.db.prisma.reminder.count({
        where: { kind: 'relationship-accepted', subjectId: 'rel-webhook-1' },
      }),
    ).toBe(1);
  });

  it('acknowledges and ignores other events', async () => {
    const body = JSON.stringify({
      EventName: 'invoice-ready',
      ResourceUri: 'https://api.partnercenter.microsoft.com/v1/invoices/D000001',
      ResourceName: 'Invoice',
      AuditUri: null,
      ResourceChangeUtcDate: new Date().toISOString(),
    });
    expect(await postWebhook(bot, body, world.signer.sign(body))).toEqual({
      status: 200,
      body: { status: 'ignored' },
    });
  });
});

describe('the local Partner Center as a webhook sender', () => {
  it('serves its signing certificate and posts signed webhooks the bot accepts, on demand and when a subscription changes there', async () => {
    const fake = await startLocalPartnerCenter({ port: 0, host: '127.0.0.1' });
    const notifications = await fake.notifications();
    const bot = await startPartnerCenterBot(
      envFor(
        { fake, signer: world.signer, certs: world.certs },
        {
          PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS: notifications.trustedRootsPem,
          PARTNER_CENTER_WEBHOOK_CERT_HOSTS: notifications.certificateHost,
        },
      ),
    );
    try {
      fake.webhookTarget = `${bot.http.url}/webhooks/partner-center`;
      const certificate = await fetch(`${fake.apiUrl}/certs/pcnotifications.cer`);
      expect(certificate.status).toBe(200);
      expect(Buffer.from(await certificate.arrayBuffer())).toEqual(notifications.certificateDer);

      const subscription = [...fake.state.commerce.subscriptions.values()].find(
        (s) => s.status === 'active',
      )!;
      const asked = await fetch(`${fake.apiUrl}/admin/webhooks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          eventName: 'subscription-updated',
          customerId: subscription.customerId,
          subscriptionId: subscription.id,
        }),
      });
      expect(await asked.json()).toMatchObject({ eventName: 'subscription-updated', status: 200 });
      expect(
        await bot.db.prisma.partnerCenterSubscriptionSnapshot.findUnique({
          where: { subscriptionId: subscription.id },
        }),
      ).toMatchObject({ quantity: subscription.quantity });

      // A change made at the fake (through the connector) is notified by the fake itself.
      const client = bot.partnerCenter!.client;
      const patched = await client.patchSubscription(subscription.customerId, subscription.id, {
        quantity: subscription.quantity + 1,
      });
      expect(patched.ok).toBe(true);
      await expect
        .poll(() => notifications.deliveries.filter((d) => d.resourceUri.endsWith(subscription.id)).length)
        .toBe(2);
      expect(notifications.deliveries.every((d) => d.status === 200)).toBe(true);
    } finally {
      await bot.close();
      await fake.close();
    }
  });
});

/**
 * Round-trips every documented example of the contract pack (docs/partner-center/examples, copied from the shared contract pack): each
 * response body parses with the connector's parser for it, and each request body is accepted by the
 * local Partner Center. The two webhook files belong to the webhook verification work and are checked
 * there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { auditRecordCollectionSchema } from '../../src/partner-center/parsers/audit-record.js';
import { cartSchema, checkoutResultSchema } from '../../src/partner-center/parsers/cart.js';
import {
  availabilitiesSchema,
  productCollectionSchema,
  skuCollectionSchema,
} from '../../src/partner-center/parsers/catalog.js';
import { customerCollectionSchema, customerSchema } from '../../src/partner-center/parsers/customer.js';
import {
  entitlementCollectionSchema,
  reservedInstanceArtifactSchema,
} from '../../src/partner-center/parsers/entitlement.js';
import { errorBodySchema, throttleBodySchema } from '../../src/partner-center/parsers/error-body.js';
import { orderCollectionSchema, orderSchema } from '../../src/partner-center/parsers/order.js';
import { relationshipRequestSchema } from '../../src/partner-center/parsers/relationship-request.js';
import {
  subscriptionCollectionSchema,
  subscriptionSchema,
} from '../../src/partner-center/parsers/subscription.js';
import { tokenResponseSchema } from '../../src/partner-center/parsers/token.js';
import { startLocalPartnerCenter, type LocalPartnerCenter } from '../../tools/local-partner-center/server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const examplesDir = path.resolve(repoRoot, 'docs/partner-center/examples');

interface Message {
  method?: string;
  url?: string;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  bodyText?: string;
  form?: Record<string, string>;
}
interface Example {
  name: string;
  request?: Message;
  response?: Message;
}

const WEBHOOK_FILES = ['webhook-events.json', 'webhook-registration.json'];
const files = readdirSync(examplesDir)
  .filter((file) => file.endsWith('.json') && !WEBHOOK_FILES.includes(file))
  .sort();
const load = (file: string): Example[] =>
  (JSON.parse(readFileSync(path.join(examplesDir, file), 'utf8')) as { examples: Example[] }).examples;

type Parser = z.ZodType<unknown, z.ZodTypeDef, unknown>;
const PARSERS: Record<string, (example: Example, index: number) => Parser> = {
  'audit-records.json': () => auditRecordCollectionSchema,
  'cancel-software-order.json': () => orderSchema,
  'catalog-availabilities.json': () => availabilitiesSchema,
  'catalog-products.json': () => productCollectionSchema,
  'catalog-skus.json': () => skuCollectionSchema,
  'checkout-cart.json': () => checkoutResultSchema,
  'create-cart.json': () => cartSchema,
  'entitlements.json': (example) =>
    example.request?.url?.includes('/artifacts/')
      ? reservedInstanceArtifactSchema
      : entitlementCollectionSchema,
  'errors.json': (example) => (example.response?.status === 429 ? throttleBodySchema : errorBodySchema),
  'get-customer.json': () => customerSchema,
  'get-order.json': () => orderSchema,
  'get-subscription.json': () => subscriptionSchema,
  'list-customers.json': () => customerCollectionSchema,
  'list-orders.json': () => orderCollectionSchema,
  'list-subscriptions.json': () => subscriptionCollectionSchema,
  'patch-subscription.json': () => subscriptionSchema,
  'reseller-relationship-request.json': () => relationshipRequestSchema,
  'search-customers.json': () => customerCollectionSchema,
  'token.json': () => tokenResponseSchema,
};

const responseCases = files.flatMap((file) =>
  load(file)
    .map((example, index) => ({ file, index, example }))
    .filter(({ example }) => example.response?.body !== undefined)
    .map(({ file, index, example }) => [`${file} #${index} ${example.name}`, file, index, example] as const),
);

describe('issue 9: every documented response example parses with the connector', () => {
  it('covers every example file but the webhook ones', () => {
    expect(Object.keys(PARSERS).sort()).toEqual(files);
    expect(responseCases.length).toBeGreaterThan(30);
  });

  it.each(responseCases)('%s', (_title, file, index, example) => {
    const parser = PARSERS[file]!(example, index);
    const parsed = parser.safeParse(example.response!.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });

  it('reads the UNCLEAR fields both ways: expiresAt or expiresAfter, code number or string, single Order checkout', () => {
    const subscription = subscriptionSchema.parse({
      id: 's',
      quantity: 1,
      status: 'active',
      refundOptions: [{ type: 'Full', expiresAfter: '2026-01-01T00:00:00Z' }],
    });
    expect(
      (subscription as { refundOptions: Array<{ expiresAfter: string }> }).refundOptions[0]!.expiresAfter,
    ).toBe('2026-01-01T00:00:00Z');
    expect(errorBodySchema.parse({ code: '2055', description: 'stale' }).code).toBe('2055');
    const single = checkoutResultSchema.parse(load('checkout-cart.json')[1]!.response!.body);
    expect(single.orders).toHaveLength(1);
    expect(single.orderErrors).toEqual([]);
  });
});

describe('issue 9: every documented request body is accepted by the local Partner Center', () => {
  let fake: LocalPartnerCenter;
  let token: string;
  const CUSTOMER_PLACEHOLDER = '7a1c0b6e-0d3f-4a57-9a6e-2f4b8c1d9e00';

  const fakeUrl = (documented: string): string => {
    const pathAndQuery = documented.replace(/^https?:\/\/\s*[^/]+/, '');
    return `${fake.apiUrl}${pathAndQuery.replace(/<customer-tenant-id>/g, CUSTOMER_PLACEHOLDER)}`;
  };

  const ensureCustomer = (id: string): void => {
    if (!fake.state.commerce.customers.has(id))
      fake.state.commerce.addCustomer({
        id,
        companyName: `Example ${id.slice(0, 8)}`,
        domain: `${id.slice(0, 8)}.onmicrosoft.com`,
        country: 'US',
        culture: 'en-US',
        relationshipToPartner: 'reseller',
      });
  };

  const ensureCatalogItem = (catalogItemId: string, software = false): void => {
    const [productId, skuId = '', availabilityId = ''] = catalogItemId.split(':');
    fake.state.commerce.addCatalogItem({
      productId: productId!,
      skuId,
      availabilityId,
      title: `Example ${catalogItemId}`,
      productType: software ? 'Software' : skuId ? 'OnlineServicesNCE' : 'OnlineServices',
      ...(software ? { softwareKind: 'perpetual' as const } : {}),
      minimumQuantity: 1,
      maximumQuantity: 10000,
      terms: [{ duration: 'P1Y', billingCycle: 'monthly' }],
      listPrice: 1,
    });
  };

  const send = (method: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'MS-RequestId': crypto.randomUUID(),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    fake = await startLocalPartnerCenter({ port: 0, host: '127.0.0.1' });
    ensureCustomer(CUSTOMER_PLACEHOLDER);
    const answer = await fetch(`${fake.authorityUrl}/${fake.tenantId}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: fake.clientId,
        client_secret: fake.clientSecret,
        scope: 'https://api.partnercenter.microsoft.com/.default',
      }),
    });
    token = ((await answer.json()) as { access_token: string }).access_token;
  });
  afterAll(() => fake.close());

  it.each(load('create-cart.json').map((example, index) => [index, example.name, example] as const))(
    'create-cart #%i %s',
    async (_index, _name, example) => {
      const url = fakeUrl(example.request!.url!);
      ensureCustomer(/customers\/([^/]+)\/carts/.exec(url)![1]!);
      const lines = ((example.request!.body as Record<string, unknown>).lineItems ??
        (example.request!.body as Record<string, unknown>).LineItems) as Array<Record<string, string>>;
      for (const line of lines) ensureCatalogItem(line.catalogItemId ?? line.CatalogItemId!);
      const answer = await send('POST', url, example.request!.body);
      expect(answer.status).toBe(201);
      const cart = cartSchema.parse(await answer.json());
      expect(cart.lineItems).toHaveLength(lines.length);
      expect(cart.lineItems.filter((line) => line.error)).toEqual([]);
    },
  );

  it('checkout-cart #0: the documented checkout call (no body) is accepted', async () => {
    const example = load('checkout-cart.json')[0]!;
    const url = fakeUrl(`https://api.partnercenter.microsoft.com${example.request!.url!}`);
    const [, customerId, cartId] = /customers\/([^/]+)\/carts\/([^/]+)\/checkout/.exec(url)!;
    ensureCustomer(customerId!);
    ensureCatalogItem('CFQ7TTC0LH18:0001:CFQ7TTC0K971');
    fake.state.commerce.carts.set(cartId!, {
      id: cartId!,
      customerId: customerId!,
      createdAt: Date.now(),
      status: 'Active',
      lines: [
        { id: 0, catalogItemId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971', quantity: 1, billingCycle: 'monthly' },
      ],
    });
    const answer = await send('POST', url, undefined);
    expect(answer.status).toBe(201);
    expect(checkoutResultSchema.parse(await answer.json()).orders).toHaveLength(1);
  });

  const patchCases = load('patch-subscription.json')
    .map((example, index) => [index, example.name, example] as const)
    .filter(([, , example]) => example.request?.body !== undefined);

  it.each(patchCases)('patch-subscription #%i %s', async (index, _name, example) => {
    const body = example.request!.body as Record<string, unknown>;
    const read = (key: string): unknown => body[key] ?? body[key.charAt(0).toUpperCase() + key.slice(1)];
    const id = String(read('id'));
    const offerId = String(read('offerId') ?? 'LEGACY-OFFER');
    const isNce = offerId.includes(':');
    ensureCatalogItem(offerId);
    const requestedStatus = String(read('status')).toLowerCase();
    const reactivating = requestedStatus === 'active' && /reactivate/.test(example.name);
    fake.state.commerce.addSubscription({
      id,
      customerId: CUSTOMER_PLACEHOLDER,
      catalogItemId: offerId,
      offerName: 'Example',
      friendlyName: 'Example',
      productType: isNce ? 'OnlineServicesNCE' : 'OnlineServices',
      // The documented change applied to a subscription it makes sense on.
      quantity: Number(read('quantity')) + (reactivating ? 0 : 1),
      billingCycle: 'monthly',
      termDuration: 'P1Y',
      status: reactivating ? 'suspended' : 'active',
      autoRenewEnabled: Boolean(read('autoRenewEnabled')),
      createdAt: Date.now(),
      orderId: null,
      version: index + 1,
      renewing: false,
    });
    const headers: Record<string, string> = {};
    if (example.request!.headers?.['If-Match']) {
      const current = await send(
        'GET',
        fakeUrl(example.request!.url!).replace(/\/subscriptions\/[^/]+$/, `/subscriptions/${id}`),
        undefined,
      );
      headers['If-Match'] =
        `"${((await current.json()) as { attributes: { etag: string } }).attributes.etag}"`;
    }
    const url = fakeUrl(example.request!.url!).replace(/\/subscriptions\/[^/]+$/, `/subscriptions/${id}`);
    const answer = await send('PATCH', url, body, headers);
    expect(answer.status, JSON.stringify(await answer.clone().json())).toBe(200);
    const patched = subscriptionSchema.parse(await answer.json());
    expect(patched.status).toBe(requestedStatus);
  });

  it('cancel-software-order #0: cancel line 0 of a software order', async () => {
    const example = load('cancel-software-order.json')[0]!;
    const body = example.request!.body as { id: string };
    const documented = orderSchema.parse(example.response!.body);
    for (const line of documented.lineItems) ensureCatalogItem(line.offerId, true);
    fake.state.commerce.addOrder({
      id: body.id,
      customerId: CUSTOMER_PLACEHOLDER,
      billingCycle: 'one_time',
      createdAt: Date.now(),
      version: 1,
      lines: documented.lineItems.map((line) => ({
        lineItemNumber: line.lineItemNumber,
        offerId: line.offerId,
        subscriptionId: null,
        termDuration: line.termDuration ?? 'P3Y',
        friendlyName: line.friendlyName ?? '',
        quantity: 1,
      })),
    });
    const answer = await send('PATCH', fakeUrl(example.request!.url!.replace('<order-id>', body.id)), body);
    expect(answer.status).toBe(200);
    const order = orderSchema.parse(await answer.json());
    expect(order.lineItems[0]!.quantity).toBe(0);
  });

  const postForm = (path: string, form: Record<string, string>) =>
    fetch(`${fake.authorityUrl}/${fake.tenantId}/${path}`, {
      method: 'POST',
      body: new URLSearchParams(form),
    });

  it('token #1 and #2: the auth-code and refresh-token forms (with this server’s credentials) are accepted', async () => {
    const [, authCode, refresh] = load('token.json');
    const credentials = { client_id: fake.clientId, client_secret: fake.clientSecret };
    const codeAnswer = await postForm('oauth2/token', {
      ...authCode!.request!.form!,
      ...credentials,
      code: fake.state.auth.authorizationCode,
    });
    expect(codeAnswer.status).toBe(200);
    const codeToken = tokenResponseSchema.parse(await codeAnswer.json());
    expect(codeToken.refresh_token).toMatch(/.+/);
    const refreshAnswer = await postForm('oauth2/token', {
      ...refresh!.request!.form!,
      ...credentials,
      refresh_token: codeToken.refresh_token!,
    });
    expect(refreshAnswer.status).toBe(200);
    expect(tokenResponseSchema.parse(await refreshAnswer.json()).expires_in).toBe(3600);
  });

  it('token #0: the app-only form is refused as documented wrong: its resource is Azure AD Graph (§4.12)', async () => {
    const [appOnly] = load('token.json');
    const credentials = { client_id: fake.clientId, client_secret: fake.clientSecret };
    const wrong = await postForm('oauth2/token', { ...appOnly!.request!.form!, ...credentials });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { error: string }).error).toBe('invalid_resource');
    const fixed = await postForm('oauth2/token', {
      ...appOnly!.request!.form!,
      ...credentials,
      resource: 'https://api.partnercenter.microsoft.com',
    });
    expect(fixed.status).toBe(200);
  });
});

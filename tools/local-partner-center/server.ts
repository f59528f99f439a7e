/**
 * The local Partner Center: a node:http server with exactly the endpoints the connector uses, its own
 * token endpoint, injectable faults, and a log of every request received. See README.md beside it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthState, type AuthState, type TokenMode } from './auth-state.js';
import { camelizeKeys } from './camelize.js';
import { createCommerceState, type CommerceState } from './commerce-state.js';
import { errorAnswer, type FakeAnswer, type FakeContext, type Route, type RouteName } from './fake-types.js';
import { createFaults, type Faults } from './faults.js';
import { createPager, type Pager } from './paging.js';
import { ACTIVITY_ROUTES } from './routes-activity.js';
import { CART_ROUTES } from './routes-carts.js';
import { CATALOG_ROUTES } from './routes-catalog.js';
import { CUSTOMER_ROUTES } from './routes-customers.js';
import { ORDER_ROUTES } from './routes-orders.js';
import { SUBSCRIPTION_ROUTES } from './routes-subscriptions.js';
import { handleTokenRequest } from './token-endpoint.js';
import { CERTIFICATE_PATH, createNotifications, type Notifications } from './notifications.js';

export interface LocalPartnerCenterOptions {
  /** 0 (default) = a free port. */
  port?: number;
  host?: string;
  /** Items per page of paged collections; default 5, small so paging shows. */
  pageSize?: number;
  /** Milliseconds since the epoch; default the wall clock. */
  clock?: { now(): number };
  /** Lifetime of issued access tokens; default 3600 s. */
  tokenLifetimeSeconds?: number;
  /** The bot's `POST /webhooks/partner-center` URL: signed webhooks go there when a subscription changes. */
  webhookTarget?: string;
}

export interface ReceivedRequest {
  route: RouteName | null;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LocalPartnerCenter {
  apiUrl: string;
  authorityUrl: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The refresh token valid at start (it rotates on use: read `state.auth.currentRefreshToken`). */
  refreshToken: string;
  state: { commerce: CommerceState; auth: AuthState; pager: Pager };
  faults: Faults;
  requests: ReceivedRequest[];
  /** The webhook signer (made at first use), its certificate and the deliveries posted so far. */
  notifications(): Promise<Notifications>;
  /** Where webhooks go; null: nowhere (they are only recorded). */
  webhookTarget: string | null;
  close(): Promise<void>;
}

const readJsonObject = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

const TOKEN_ROUTE: Route = {
  name: 'token',
  method: 'POST',
  pattern: /^\/(?<tenant>[^/]+)\/oauth2(?:\/v2\.0)?\/token$/,
  handle: handleTokenRequest,
};

const ROUTES: Route[] = [
  TOKEN_ROUTE,
  ...CUSTOMER_ROUTES.filter((route) => route.name !== 'getCustomer'),
  ...SUBSCRIPTION_ROUTES,
  ...CATALOG_ROUTES,
  ...CART_ROUTES,
  ...ORDER_ROUTES,
  ...ACTIVITY_ROUTES,
  // Last: `/v1/customers/{id}` would also match `/v1/customers/relationshiprequests`.
  ...CUSTOMER_ROUTES.filter((route) => route.name === 'getCustomer'),
];

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

const flatHeaders = (request: IncomingMessage): Record<string, string> =>
  Object.fromEntries(
    Object.entries(request.headers).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(', ') : (value ?? ''),
    ]),
  );

export const startLocalPartnerCenter = async (
  options: LocalPartnerCenterOptions = {},
): Promise<LocalPartnerCenter> => {
  const clock = options.clock ?? { now: () => Date.now() };
  const auth = createAuthState(options.tokenLifetimeSeconds ?? 3600);
  const commerce = createCommerceState(clock.now());
  const pager = createPager(options.pageSize ?? 5);
  const faults = createFaults();
  const requests: ReceivedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const context: FakeContext = { commerce, auth, pager, now: () => clock.now() };

  const send = (response: ServerResponse, answer: FakeAnswer, echo: Record<string, string>): void => {
    const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
    response.writeHead(answer.status, {
      ...(body ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
      ...echo,
      ...(answer.headers ?? {}),
    });
    response.end(body);
  };

  const authenticate = (header: string | undefined): TokenMode | null => {
    const match = /^Bearer (.+)$/.exec(header ?? '');
    const token = match ? auth.accessTokens.get(match[1]!) : undefined;
    if (!token || token.expiresAt <= clock.now()) return null;
    return token.mode;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const rawBody = await readBody(request);
    const url = new URL(request.url ?? '/', 'http://local');
    const method = (request.method ?? 'GET').toUpperCase();
    let params: Record<string, string> = {};
    const route = ROUTES.find((candidate) => {
      if (candidate.method !== method) return false;
      const match = candidate.pattern.exec(url.pathname);
      if (!match) return false;
      params = Object.fromEntries(
        Object.entries(match.groups ?? {}).map(([key, value]) => [key, decodeURIComponent(value)]),
      );
      return true;
    });
    requests.push({
      route: route?.name ?? null,
      method,
      url: request.url ?? '/',
      headers: flatHeaders(request),
      body: rawBody,
    });
    const requestId = String(request.headers['ms-requestid'] ?? '');
    const correlationId = String(request.headers['ms-correlationid'] ?? '');
    const echo: Record<string, string> = {
      ...(requestId ? { 'MS-RequestId': requestId } : {}),
      ...(correlationId ? { 'MS-CorrelationId': correlationId } : {}),
    };
    // Not Partner Center's API: the signing certificate, and webhooks on demand (for a person at the Test Tool).
    if (method === 'GET' && url.pathname === CERTIFICATE_PATH) {
      const { certificateDer } = await notifications();
      response.writeHead(200, { 'Content-Type': 'application/pkix-cert' });
      response.end(certificateDer);
      return;
    }
    if (method === 'POST' && url.pathname === '/admin/webhooks') {
      const asked = readJsonObject(rawBody);
      const eventName = typeof asked.eventName === 'string' ? asked.eventName : 'subscription-updated';
      const customerId = typeof asked.customerId === 'string' ? asked.customerId : '';
      const subscriptionId = typeof asked.subscriptionId === 'string' ? asked.subscriptionId : undefined;
      if (!customerId)
        return send(response, errorAnswer(400, 400, 'Give customerId (and subscriptionId).'), echo);
      const delivery = await (await notifications()).post(eventName, customerId, subscriptionId);
      return send(response, { status: 200, body: delivery }, echo);
    }
    if (!route) return send(response, errorAnswer(404, 404, `No route ${method} ${url.pathname}.`), echo);

    const fault = faults.take(route.name);
    if (fault?.kind === 'hold') await fault.until;
    if (fault?.kind === 'hang') {
      hanging.add(response);
      response.on('close', () => hanging.delete(response));
      return;
    }
    if (fault?.kind === 'status')
      return send(response, { status: fault.status, body: fault.body, headers: fault.headers }, echo);
    if (fault?.kind === 'throttle')
      return send(
        response,
        {
          status: 429,
          body: {
            statusCode: 429,
            message: `Rate limit is exceeded. Try again in ${fault.retryAfterSeconds} seconds.`,
          },
          headers: { 'Retry-After': String(fault.retryAfterSeconds) },
        },
        echo,
      );

    let tokenMode: TokenMode | null = null;
    if (route !== TOKEN_ROUTE) {
      tokenMode = authenticate(request.headers.authorization);
      if (!tokenMode) {
        response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        return send(response, { status: 401 }, echo);
      }
      if (route.appUserOnly && tokenMode === 'app-only')
        return send(
          response,
          errorAnswer(403, 900329, 'The resource does not support application-only authentication.'),
          echo,
        );
    }
    let body: unknown = null;
    const isJson = (request.headers['content-type'] ?? '').includes('json');
    if (rawBody && isJson) {
      try {
        body = camelizeKeys(JSON.parse(rawBody));
      } catch {
        return send(response, errorAnswer(400, 400, 'The body is not JSON.'), echo);
      }
    }
    const answer = route.handle(
      {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers: request.headers,
        body,
        rawBody,
        params,
        tokenMode,
        requestId,
        correlationId,
      },
      context,
    );
    if (fault?.kind === 'drop-after-processing') {
      request.socket.destroy();
      return;
    }
    send(response, answer, echo);
    // A subscription changed here: Partner Center would notify the partner.
    if (
      route.name === 'patchSubscription' &&
      answer.status < 300 &&
      local.webhookTarget &&
      params.subscriptionId
    )
      void notifications().then((n) =>
        n.post('subscription-updated', params.customerId ?? '', params.subscriptionId),
      );
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent)
        send(response, errorAnswer(500, 500, 'The local Partner Center failed.'), {});
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://${host}:${port}`;
  const notifications = createNotifications({ baseUrl: base, target: () => local.webhookTarget });
  const local: LocalPartnerCenter = {
    notifications,
    webhookTarget: options.webhookTarget ?? null,
    apiUrl: base,
    authorityUrl: base,
    tenantId: auth.tenantId,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    refreshToken: auth.currentRefreshToken,
    state: { commerce, auth, pager },
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return local;
};

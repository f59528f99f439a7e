/**
 * Partner-center mode around the connector: the client with its sealed refresh-token store, the customer
 * index sync, the readiness token check and the webhook endpoint's work. Built by compose.ts only when
 * COMMERCE_BACKEND=partner-center.
 */
import type { Config } from '../config.js';
import { makeCustomerIndexRepository } from '../db/prisma-customer-repository.js';
import { makeRefreshTokenRepository } from '../db/prisma-refresh-token-repository.js';
import { makePartnerCenterCartRepository } from '../db/prisma-partner-center-cart-repository.js';
import { createCartKeeping, type CartKeeping } from '../partner-center/commerce/partner-center-orders.js';
import { makeSubscriptionSnapshotRepository } from '../db/prisma-subscription-snapshot-repository.js';
import type { PrismaClient } from '../db/generated/prisma/client.js';
import type { AllDeps } from '../domain/ports/deps.js';
import type { SecretBox } from '../domain/ports/secrets.js';
import { acceptRelationship } from '../domain/relationships/accept-relationship.js';
import type { Logger } from '../log.js';
import { createPartnerCenterClient, type PartnerCenterClient } from '../partner-center/client.js';
import { startCustomerIndexSync, type CustomerIndexSync } from './customer-index-sync.js';
import { createSealedRefreshTokenStore } from './sealed-refresh-token-store.js';
import { actOnWebhookEvent, type WebhookOutcome } from './act-on-webhook-event.js';
import { createWebhookHandler } from '../partner-center/webhooks/handle-webhook.js';
import type { WebhookHeaders } from '../partner-center/webhooks/verify-webhook-signature.js';
import { createWebhookVerifier } from '../partner-center/webhooks/verify-webhook-signature.js';

export type PartnerCenterCommerce = Extract<Config['commerce'], { backend: 'partner-center' }>;

export interface WebhookAnswer {
  readonly status: number;
  readonly body: { readonly error?: string; readonly status?: string };
}

export interface PartnerCenterConnection {
  readonly client: PartnerCenterClient;
  readonly customerIndex: CustomerIndexSync;
  /** The carts made for purchases, kept with their pending actions (R-PC-11). */
  readonly carts: CartKeeping;
  /** `POST /webhooks/partner-center`: the raw body as received and the request headers. */
  receiveWebhook(rawBody: string, headers: WebhookHeaders): Promise<WebhookAnswer>;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly commerce: PartnerCenterCommerce;
  readonly prisma: PrismaClient;
  readonly deps: AllDeps;
  readonly secrets: SecretBox;
  readonly log: Logger;
  /** Sends stored reminders now (the reminder scheduler's runOnce). */
  readonly deliverReminders: () => Promise<unknown>;
  /** Tests: the connector's fetch and timers. */
  readonly effects?: Partial<Parameters<typeof createPartnerCenterClient>[0]['effects']>;
  /** Tests: attempts per logical call (default 4). */
  readonly maxAttempts?: number;
  /** Accept http: certificate URLs; compose allows it only outside production and for loopback hosts. */
  readonly allowHttpCertificates?: boolean;
}

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

/** The local Partner Center serves its certificate over http on a loopback address; nothing else may. */
export const certificateHostsAreLoopback = (hosts: readonly string[]): boolean =>
  hosts.length > 0 && hosts.every((host) => LOOPBACK_HOST.test(host));

export function connectPartnerCenter(options: ConnectOptions): PartnerCenterConnection {
  const { commerce, prisma, deps, log } = options;
  const nowMs = () => deps.clock.now().valueOf();
  const client = createPartnerCenterClient({
    settings: {
      apiUrl: commerce.apiUrl,
      authorityUrl: commerce.authorityUrl,
      tenantId: commerce.tenantId,
      clientId: commerce.clientId,
      clientSecret: commerce.clientSecret,
      refreshToken: commerce.refreshToken || null,
      ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    },
    effects: {
      fetch: (...args) => fetch(...args),
      now: nowMs,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      ...options.effects,
    },
    refreshTokenStore: createSealedRefreshTokenStore({
      repository: makeRefreshTokenRepository(prisma),
      secrets: options.secrets,
      tenantId: commerce.tenantId,
      now: () => deps.clock.now().toDate(),
    }),
  });
  const customerIndex = startCustomerIndexSync({
    listCustomers: () => client.listCustomers(),
    getCustomer: (id) => client.getCustomer(id),
    index: makeCustomerIndexRepository(prisma),
    clock: deps.clock,
    log,
    tenantRegion: deps.partner.region,
    intervalMs: commerce.syncIntervalMs,
  });
  const roots = commerce.webhook.trustedRootsPem;
  const handler = roots
    ? createWebhookHandler({
        verifier: createWebhookVerifier({
          trustedRootsPem: roots,
          certificateHosts: commerce.webhook.certificateHosts,
          now: nowMs,
          ...(options.allowHttpCertificates ? { allowHttp: true } : {}),
        }),
      })
    : undefined;
  const snapshots = makeSubscriptionSnapshotRepository(prisma);
  const keptCarts = makePartnerCenterCartRepository(prisma);
  // Partner Center expires a cart 7 days after it was made; a day more and nobody can press for it.
  void keptCarts
    .purgeBefore(deps.clock.now().subtract(8, 'day').toDate())
    .catch((error: unknown) => log.warn({ err: error }, 'old Partner Center carts could not be purged'));

  const act = (event: Parameters<typeof actOnWebhookEvent>[1]): Promise<WebhookOutcome> =>
    actOnWebhookEvent(
      {
        getSubscription: (customerId, subscriptionId) => client.getSubscription(customerId, subscriptionId),
        snapshots,
        reminders: deps.reminders,
        customerName: async (customerId) =>
          (await deps.customers.findByTenantId(customerId))?.companyName ?? null,
        refreshCustomer: (customerId) => customerIndex.refreshCustomer(customerId),
        acceptRelationshipOf: async (customerId) => {
          const customer = await deps.customers.findByTenantId(customerId);
          const request = customer ? await deps.relationships.findPendingFor(customer.id) : null;
          if (!request) return 'no-request';
          return (await acceptRelationship(deps, request.id)).kind;
        },
        deliverReminders: options.deliverReminders,
        clock: deps.clock,
        newId: deps.newId,
        log,
      },
      event,
    );

  return {
    client,
    customerIndex,
    carts: createCartKeeping(keptCarts),
    receiveWebhook: async (rawBody, headers): Promise<WebhookAnswer> => {
      if (!handler) {
        // Without trusted roots no delivery can be verified: refuse them all.
        log.warn('partner-center webhook refused: PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS is not set');
        return { status: 401, body: { error: 'unauthorized' } };
      }
      const handled = await handler(rawBody, headers);
      if (handled.status !== 200) {
        log.warn({ reason: handled.reason, status: handled.status }, 'partner-center webhook refused');
        return { status: handled.status, body: handled.body };
      }
      const outcome = await act(handled.event);
      log.info({ event: handled.event.eventName, outcome }, 'partner-center webhook');
      if (outcome === 'retry-later') return { status: 503, body: { status: 'retry-later' } };
      return { status: 200, body: { status: outcome } };
    },
    close: () => customerIndex.stop(),
  };
}

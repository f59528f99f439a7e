/**
 * The Partner Center connector: one object whose methods are the operations the bot needs. Every method
 * answers a Result: Partner Center's refusals are values; a throw means a bug.
 */
import { createPipeline, type OperationContext } from './http-pipeline.js';
import { createRateLimiter } from './rate-limiter.js';
import { createTokenManager } from './token-manager.js';
import {
  resolveSettings,
  type PartnerCenterEffects,
  type PartnerCenterSettings,
  type RefreshTokenStore,
} from './settings.js';
import type { OperationDeps } from './operations/operation-deps.js';
import * as customers from './operations/customers.js';
import * as subscriptions from './operations/subscriptions.js';
import * as catalog from './operations/catalog.js';
import * as carts from './operations/carts.js';
import * as orders from './operations/orders.js';
import * as entitlements from './operations/entitlements.js';
import * as audit from './operations/audit-records.js';
import * as relationship from './operations/relationship-request.js';

export interface PartnerCenterClientOptions {
  settings: PartnerCenterSettings;
  effects: PartnerCenterEffects;
  refreshTokenStore: RefreshTokenStore;
}

type Tail<F> = F extends (deps: OperationDeps, ...rest: infer R) => infer Out ? (...rest: R) => Out : never;

export interface PartnerCenterClient {
  listCustomers: Tail<typeof customers.listCustomers>;
  searchCustomers: Tail<typeof customers.searchCustomers>;
  getCustomer: Tail<typeof customers.getCustomer>;
  listSubscriptions: Tail<typeof subscriptions.listSubscriptions>;
  getSubscription: Tail<typeof subscriptions.getSubscription>;
  patchSubscription: Tail<typeof subscriptions.patchSubscription>;
  getCatalogProducts: Tail<typeof catalog.getCatalogProducts>;
  getCatalogSkus: Tail<typeof catalog.getCatalogSkus>;
  getCatalogAvailabilities: Tail<typeof catalog.getCatalogAvailabilities>;
  createCart: Tail<typeof carts.createCart>;
  checkoutCart: Tail<typeof carts.checkoutCart>;
  listOrders: Tail<typeof orders.listOrders>;
  getOrder: Tail<typeof orders.getOrder>;
  cancelSoftwareOrder: Tail<typeof orders.cancelSoftwareOrder>;
  listEntitlements: Tail<typeof entitlements.listEntitlements>;
  getAuditRecords: Tail<typeof audit.getAuditRecords>;
  getRelationshipRequestUrl: Tail<typeof relationship.getRelationshipRequestUrl>;
  /** A new GUID, for a caller that must store an MS-RequestId before the first attempt. */
  newRequestId(): string;
  /** Can a token be obtained (App+User when a refresh token is configured)? For readiness; no secret out. */
  checkToken(): Promise<boolean>;
}

export type { OperationContext };

export const createPartnerCenterClient = (options: PartnerCenterClientOptions): PartnerCenterClient => {
  const settings = resolveSettings(options.settings);
  const tokens = createTokenManager(settings, options.effects, options.refreshTokenStore);
  const limiter = createRateLimiter(settings.requestsPerMinute, options.effects);
  const pipeline = createPipeline(settings, options.effects, tokens, limiter);
  const deps: OperationDeps = {
    pipeline,
    settings,
    authFor: (allowed) =>
      allowed === 'A' && (settings.appOnlyWhereAllowed || settings.refreshToken === null)
        ? 'app-only'
        : 'app-user',
  };
  return {
    listCustomers: (...args) => customers.listCustomers(deps, ...args),
    searchCustomers: (...args) => customers.searchCustomers(deps, ...args),
    getCustomer: (...args) => customers.getCustomer(deps, ...args),
    listSubscriptions: (...args) => subscriptions.listSubscriptions(deps, ...args),
    getSubscription: (...args) => subscriptions.getSubscription(deps, ...args),
    patchSubscription: (...args) => subscriptions.patchSubscription(deps, ...args),
    getCatalogProducts: (...args) => catalog.getCatalogProducts(deps, ...args),
    getCatalogSkus: (...args) => catalog.getCatalogSkus(deps, ...args),
    getCatalogAvailabilities: (...args) => catalog.getCatalogAvailabilities(deps, ...args),
    createCart: (...args) => carts.createCart(deps, ...args),
    checkoutCart: (...args) => carts.checkoutCart(deps, ...args),
    listOrders: (...args) => orders.listOrders(deps, ...args),
    getOrder: (...args) => orders.getOrder(deps, ...args),
    cancelSoftwareOrder: (...args) => orders.cancelSoftwareOrder(deps, ...args),
    listEntitlements: (...args) => entitlements.listEntitlements(deps, ...args),
    getAuditRecords: (...args) => audit.getAuditRecords(deps, ...args),
    getRelationshipRequestUrl: (...args) => relationship.getRelationshipRequestUrl(deps, ...args),
    newRequestId: pipeline.newId,
    checkToken: async () =>
      (await tokens.getToken(settings.refreshToken === null ? 'app-only' : 'app-user')).ok,
  };
};

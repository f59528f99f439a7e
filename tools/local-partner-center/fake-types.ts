/** Request and answer as the fake's route handlers see them. */
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthState, TokenMode } from './auth-state.js';
import type { CommerceState } from './commerce-state.js';
import type { Pager } from './paging.js';

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** JSON body with keys camelCased (PascalCase accepted), or null. */
  body: unknown;
  rawBody: string;
  params: Record<string, string>;
  tokenMode: TokenMode | null;
  requestId: string;
  correlationId: string;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeContext {
  commerce: CommerceState;
  auth: AuthState;
  pager: Pager;
  now(): number;
}

export type RouteName =
  | 'token'
  | 'listCustomers'
  | 'getCustomer'
  | 'relationshipRequest'
  | 'listSubscriptions'
  | 'getSubscription'
  | 'patchSubscription'
  | 'products'
  | 'skus'
  | 'availabilities'
  | 'createCart'
  | 'checkout'
  | 'listOrders'
  | 'getOrder'
  | 'patchOrder'
  | 'entitlements'
  | 'auditRecords';

export interface Route {
  name: RouteName;
  method: string;
  pattern: RegExp;
  /** Only App+User tokens (403 900329 for App-only), as entitlements and relationship requests. */
  appUserOnly?: boolean;
  handle(request: FakeRequest, context: FakeContext): FakeAnswer;
}

export const errorAnswer = (
  status: number,
  code: number,
  description: string,
  data: string[] = [],
): FakeAnswer => ({
  status,
  body: { code, description, data, source: 'PartnerFD' },
});

/**
 * Subscriptions: list, get (with its etag), and PATCH. A PATCH re-reads the subscription right before
 * writing (etags are short-lived and never stored), then sends the whole subscription with the change
 * (a thin body would turn auto-renew off and drop next-term instructions, README §2).
 */
import { collectPages } from '../paging.js';
import type { OperationContext } from '../http-pipeline.js';
import { parseResponseBody } from '../parse-response.js';
import {
  subscriptionCollectionSchema,
  subscriptionSchema,
  type Subscription,
} from '../parsers/subscription.js';
import { succeed, type Result } from '../result.js';
import type { OperationDeps } from './operation-deps.js';

export interface SubscriptionWithEtag {
  subscription: Subscription;
  /** `attributes.etag`; null when Partner Center gives none (NCE examples, §4.3). */
  etag: string | null;
}

export interface SubscriptionChange {
  status?: 'suspended' | 'active' | 'deleted';
  autoRenewEnabled?: boolean;
  quantity?: number;
  friendlyName?: string;
}

export interface PatchedSubscription {
  subscription: Subscription;
  /** True when Partner Center answered 202: the change is accepted and still running. */
  accepted: boolean;
}

const subscriptionPath = (customerId: string, subscriptionId: string): string =>
  `/customers/${encodeURIComponent(customerId)}/subscriptions/${encodeURIComponent(subscriptionId)}`;

export const listSubscriptions = (
  deps: OperationDeps,
  customerId: string,
  options: { max?: number } = {},
  context?: OperationContext,
): Promise<Result<Subscription[]>> =>
  collectPages(
    deps.pipeline,
    {
      method: 'GET',
      uri: `/customers/${encodeURIComponent(customerId)}/subscriptions`,
      auth: deps.authFor('A'),
      resourceKey: `customer:${customerId}`,
    },
    subscriptionCollectionSchema,
    options.max ?? Number.MAX_SAFE_INTEGER,
    context,
  );

export const getSubscription = async (
  deps: OperationDeps,
  customerId: string,
  subscriptionId: string,
  context?: OperationContext,
): Promise<Result<SubscriptionWithEtag>> => {
  const answer = await deps.pipeline.send(
    {
      method: 'GET',
      uri: subscriptionPath(customerId, subscriptionId),
      auth: deps.authFor('A'),
      resourceKey: `subscription:${subscriptionId}`,
    },
    context,
  );
  if (!answer.ok) return answer;
  const parsed = parseResponseBody(subscriptionSchema, answer.value);
  if (!parsed.ok) return parsed;
  const etag = parsed.value.attributes?.etag;
  return succeed({ subscription: parsed.value, etag: etag ? etag : null });
};

export const patchSubscription = async (
  deps: OperationDeps,
  customerId: string,
  subscriptionId: string,
  change: SubscriptionChange,
  context: OperationContext = {},
): Promise<Result<PatchedSubscription>> => {
  // The fresh GET is its own logical call: it must not share the PATCH's idempotency key.
  const current = await getSubscription(deps, customerId, subscriptionId, { locale: context.locale });
  if (!current.ok) return current;
  const body: Record<string, unknown> = { ...current.value.subscription };
  for (const [key, value] of Object.entries(change)) if (value !== undefined) body[key] = value;
  const answer = await deps.pipeline.send(
    {
      method: 'PATCH',
      uri: subscriptionPath(customerId, subscriptionId),
      body,
      etag: current.value.etag,
      auth: deps.authFor('A'),
      resourceKey: `subscription:${subscriptionId}`,
    },
    context,
  );
  if (!answer.ok) return answer;
  if (answer.value.status === 202) {
    const parsed = subscriptionSchema.safeParse(answer.value.body);
    return succeed({
      subscription: parsed.success ? parsed.data : subscriptionSchema.parse(body),
      accepted: true,
    });
  }
  const parsed = parseResponseBody(subscriptionSchema, answer.value);
  return parsed.ok ? succeed({ subscription: parsed.value, accepted: false }) : parsed;
};

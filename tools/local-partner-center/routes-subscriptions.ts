/**
 * Subscriptions: list (paged), get, PATCH with the documented rules: a stale If-Match → 400 2055; a
 * deleted subscription → 2011; a renewal running → 409 800082; a suspended one accepts only reactivation
 * → 800091; cancel (`deleted`) after the window → 900117; fewer seats after the window → 900214;
 * quantity out of the SKU's range → 2002. A body without `autoRenewEnabled` turns auto-renew off on new
 * commerce, as the docs warn about thin payloads.
 */
import { cancellationDeadline, etagOf, renderSubscription } from './render.js';
import {
  errorAnswer,
  type FakeAnswer,
  type FakeContext,
  type FakeRequest,
  type Route,
} from './fake-types.js';
import type { FakeSubscription } from './commerce-state.js';
import { recordWrite } from './record-write.js';

const findSubscription = (request: FakeRequest, context: FakeContext): FakeSubscription | undefined => {
  const customerId = (request.params.customerId ?? '').toLowerCase();
  const subscriptionId = (request.params.subscriptionId ?? '').toLowerCase();
  const found = [...context.commerce.subscriptions.values()].find(
    (subscription) => subscription.id.toLowerCase() === subscriptionId,
  );
  return found && found.customerId.toLowerCase() === customerId ? found : undefined;
};

const notFound = (): FakeAnswer => errorAnswer(404, 20003, 'Subscription not found.');

const unquote = (value: string): string => value.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

const patchSubscription = (request: FakeRequest, context: FakeContext): FakeAnswer => {
  const subscription = findSubscription(request, context);
  if (!subscription) return notFound();
  const body = (request.body ?? {}) as Record<string, unknown>;
  const ifMatch = request.headers['if-match'];
  if (
    typeof ifMatch === 'string' &&
    ifMatch !== '' &&
    unquote(ifMatch) !== etagOf('subscription', subscription.id, subscription.version)
  )
    return errorAnswer(400, 2055, 'The etag is no longer valid. Get the subscription again and retry.');
  if (subscription.status === 'deleted')
    return errorAnswer(400, 2011, 'A deleted subscription cannot be updated.');
  if (subscription.renewing)
    return errorAnswer(
      409,
      800082,
      'The subscription is being renewed and cannot be updated now. Retry later.',
    );
  const now = context.now();
  const status = typeof body.status === 'string' ? body.status.toLowerCase() : undefined;
  const statusChange = status !== undefined && status !== subscription.status ? status : undefined;
  const quantity =
    typeof body.quantity === 'number' && body.quantity !== subscription.quantity ? body.quantity : undefined;
  const autoRenew =
    typeof body.autoRenewEnabled === 'boolean'
      ? body.autoRenewEnabled
      : subscription.productType === 'OnlineServicesNCE'
        ? false
        : subscription.autoRenewEnabled;
  const friendlyName = typeof body.friendlyName === 'string' ? body.friendlyName : subscription.friendlyName;
  if (subscription.status === 'suspended') {
    const reactivating = statusChange === 'active';
    const otherChange =
      quantity !== undefined ||
      (statusChange !== undefined && !reactivating) ||
      (!reactivating && autoRenew !== subscription.autoRenewEnabled);
    if (otherChange)
      return errorAnswer(400, 800091, 'A suspended subscription cannot be updated. Reactivate it first.');
  }
  if (statusChange !== undefined && !['active', 'suspended', 'deleted'].includes(statusChange))
    return errorAnswer(400, 400, `The status ${statusChange} cannot be set.`);
  const deadline = cancellationDeadline(subscription);
  if (statusChange === 'deleted' && deadline !== null && now > deadline)
    return errorAnswer(
      400,
      900117,
      'The subscription can no longer be cancelled: the 7-day cancellation window has passed.',
    );
  if (quantity !== undefined) {
    const item = context.commerce.findCatalogItem(subscription.catalogItemId);
    const min = item?.minimumQuantity ?? 1;
    const max = item?.maximumQuantity ?? 10000;
    if (!Number.isInteger(quantity) || quantity < min || quantity > max)
      return errorAnswer(400, 2002, `The quantity must be between ${min} and ${max}.`);
    if (quantity < subscription.quantity && deadline !== null && now > deadline)
      return errorAnswer(400, 900214, 'Seats can no longer be reduced: the 168-hour window has passed.');
  }
  const before = renderSubscription(subscription, now);
  if (statusChange !== undefined) subscription.status = statusChange as FakeSubscription['status'];
  if (quantity !== undefined) subscription.quantity = quantity;
  subscription.autoRenewEnabled = statusChange === 'deleted' ? false : autoRenew;
  subscription.friendlyName = friendlyName;
  subscription.version += 1;
  const after = renderSubscription(subscription, now);
  recordWrite(context, request, {
    customerId: subscription.customerId,
    resourceType: 'subscription',
    operationType:
      statusChange === 'deleted'
        ? 'delete_subscription'
        : statusChange === 'suspended'
          ? 'suspend_subscription'
          : 'update_subscription',
    oldValue: before,
    newValue: after,
  });
  return { status: 200, body: after };
};

export const SUBSCRIPTION_ROUTES: Route[] = [
  {
    name: 'listSubscriptions',
    method: 'GET',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/subscriptions$/,
    handle: (request, context) => {
      const customerId = (request.params.customerId ?? '').toLowerCase();
      if (!context.commerce.customers.has(customerId))
        return errorAnswer(404, 60003, 'The customer tenant was not found.');
      const items = [...context.commerce.subscriptions.values()]
        .filter((subscription) => subscription.customerId === customerId)
        .map((subscription) => renderSubscription(subscription, context.now()));
      // Relative without /v1, as several documented self links are (README §1).
      const page = context.pager.page(
        `subscriptions:${customerId}`,
        items,
        request.headers['ms-continuationtoken'] as string | undefined,
        `/customers/${customerId}/subscriptions`,
      );
      return page.ok
        ? { status: 200, body: page.body }
        : errorAnswer(400, 400, 'The continuation token is invalid.');
    },
  },
  {
    name: 'getSubscription',
    method: 'GET',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/subscriptions\/(?<subscriptionId>[^/]+)$/,
    handle: (request, context) => {
      const subscription = findSubscription(request, context);
      return subscription
        ? { status: 200, body: renderSubscription(subscription, context.now()) }
        : notFound();
    },
  },
  {
    name: 'patchSubscription',
    method: 'PATCH',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/subscriptions\/(?<subscriptionId>[^/]+)$/,
    handle: patchSubscription,
  },
];

/**
 * Entitlements (App+User only; software entitlements have no artifacts, as documented) and audit records
 * (`startDate`/`endDate` as yyyy-mm-dd or any date the docs show; filter CustomerId/ResourceType equals,
 * CompanyName substring).
 */
import { camelizeKeys } from './camelize.js';
import { DAY_MS } from './commerce-state.js';
import {
  errorAnswer,
  type FakeAnswer,
  type FakeContext,
  type FakeRequest,
  type Route,
} from './fake-types.js';

const listEntitlements = (request: FakeRequest, context: FakeContext): FakeAnswer => {
  const customerId = (request.params.customerId ?? '').toLowerCase();
  if (!context.commerce.customers.has(customerId))
    return errorAnswer(404, 60003, 'The customer tenant was not found.');
  const wanted = (
    request.query.get('entitlementType') ?? request.query.get('entitlementtype')
  )?.toLowerCase();
  const items = [];
  for (const order of context.commerce.orders.values()) {
    if (order.customerId !== customerId) continue;
    for (const line of order.lines) {
      if (line.quantity === 0) continue;
      const item = context.commerce.findCatalogItem(line.offerId);
      const type = item?.productType === 'Software' ? 'software' : 'onlineServices';
      if (wanted && wanted !== type.toLowerCase()) continue;
      const [productId, skuId] = line.offerId.split(':');
      items.push({
        referenceOrder: {
          id: order.id,
          lineItemId: String(line.lineItemNumber),
          alternateId: order.id.slice(0, 12),
        },
        productId,
        skuId,
        quantity: line.quantity,
        quantityDetails: [{ quantity: line.quantity, status: 'Active' }],
        entitlementType: type,
        fulfillmentState: 'Fulfilled',
        ...(request.query.get('showExpiry') === 'true' ? { expiryDate: null } : {}),
        includedEntitlements: [],
        entitledArtifacts: [],
        attributes: { objectType: 'Entitlement' },
      });
    }
  }
  return { status: 200, body: { totalCount: items.length, items, attributes: { objectType: 'Collection' } } };
};

const readDate = (text: string | null): number | null => {
  if (text === null || text === '') return null;
  const at = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(at) ? Number.NaN : at;
};

type AuditFilter = { field?: unknown; value?: unknown; operator?: unknown };

const readFilter = (text: string | null): AuditFilter | null | 'invalid' => {
  if (!text) return null;
  try {
    return camelizeKeys(JSON.parse(text)) as AuditFilter;
  } catch {
    return 'invalid';
  }
};

const listAuditRecords = (request: FakeRequest, context: FakeContext): FakeAnswer => {
  const now = context.now();
  const start = readDate(request.query.get('startDate'));
  const end = readDate(request.query.get('endDate'));
  if (Number.isNaN(start) || Number.isNaN(end))
    return errorAnswer(400, 400, 'startDate and endDate must be dates.');
  const from = start ?? now - 30 * DAY_MS;
  if (from < now - 90 * DAY_MS) return errorAnswer(400, 400, 'startDate cannot be more than 90 days back.');
  const until = end === null ? Number.POSITIVE_INFINITY : end + DAY_MS;
  const filterText = request.query.get('filter');
  const filter = readFilter(filterText);
  if (filter === 'invalid') return errorAnswer(400, 400, 'The filter is not JSON.');
  const value = String(filter?.value ?? '').toLowerCase();
  const items = context.commerce.audit.filter((record) => {
    const at = Date.parse(record.operationDate);
    if (at < from || at >= until) return false;
    if (!filter) return true;
    switch (String(filter.field).toLowerCase()) {
      case 'customerid':
        return record.customerId.toLowerCase() === value;
      case 'resourcetype':
        return record.resourceType.toLowerCase() === value;
      case 'companyname':
        return record.customerName.toLowerCase().includes(value);
      default:
        return false;
    }
  });
  const page = context.pager.page(
    `audit:${request.query.toString()}`,
    items,
    request.headers['ms-continuationtoken'] as string | undefined,
    `/auditrecords?${request.query.toString()}`,
  );
  return page.ok
    ? { status: 200, body: page.body }
    : errorAnswer(400, 400, 'The continuation token is invalid.');
};

export const ACTIVITY_ROUTES: Route[] = [
  {
    name: 'entitlements',
    method: 'GET',
    pattern: /^\/v1\/customers\/(?<customerId>[^/]+)\/entitlements$/,
    appUserOnly: true,
    handle: listEntitlements,
  },
  { name: 'auditRecords', method: 'GET', pattern: /^\/v1\/auditrecords$/, handle: listAuditRecords },
];

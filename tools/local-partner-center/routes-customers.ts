/** Customers: list (paged), search (`starts_with` on CompanyName or Domain, case-insensitive), get one. */
import { camelizeKeys } from './camelize.js';
import { errorAnswer, type FakeContext, type FakeRequest, type Route } from './fake-types.js';
import { renderCustomer } from './render.js';

const GUID = '[0-9a-fA-F-]{36}';

const readFilter = (text: string | null): { field: string; value: string; operator: string } | null => {
  if (text === null) return null;
  try {
    const parsed = camelizeKeys(JSON.parse(text)) as Record<string, unknown>;
    return { field: String(parsed.field), value: String(parsed.value), operator: String(parsed.operator) };
  } catch {
    return null;
  }
};

const listCustomers = (request: FakeRequest, context: FakeContext) => {
  const filterText = request.query.get('filter');
  const filter = readFilter(filterText);
  if (filterText !== null && (!filter || filter.operator.toLowerCase() !== 'starts_with'))
    return errorAnswer(400, 400, 'The filter is invalid: only starts_with on CompanyName or Domain.');
  let customers = [...context.commerce.customers.values()];
  if (filter) {
    const prefix = filter.value.toLowerCase();
    const field = filter.field.toLowerCase();
    if (field !== 'companyname' && field !== 'domain')
      return errorAnswer(400, 400, 'The filter field is not supported.');
    customers = customers.filter((customer) =>
      (field === 'domain' ? customer.domain : customer.companyName).toLowerCase().startsWith(prefix),
    );
  }
  const items = customers.map((customer) => renderCustomer(customer, false));
  const self = `/v1/customers?${request.query.toString()}`;
  const page = context.pager.page(
    `customers:${filterText ?? ''}`,
    items,
    request.headers['ms-continuationtoken'] as string | undefined,
    self,
  );
  return page.ok
    ? { status: 200, body: page.body }
    : errorAnswer(400, 400, 'The continuation token is invalid.');
};

export const CUSTOMER_ROUTES: Route[] = [
  { name: 'listCustomers', method: 'GET', pattern: /^\/v1\/customers$/, handle: listCustomers },
  {
    name: 'relationshipRequest',
    method: 'GET',
    pattern: /^\/v1\/customers\/relationshiprequests$/,
    appUserOnly: true,
    handle: (_request, context) => ({
      status: 200,
      body: {
        url: `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${context.auth.tenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation`,
        attributes: { objectType: 'RelationshipRequest' },
      },
    }),
  },
  {
    name: 'getCustomer',
    method: 'GET',
    pattern: new RegExp(`^/v1/customers/(?<customerId>[^/]+)$`),
    handle: (request, context) => {
      const id = request.params.customerId ?? '';
      if (!new RegExp(`^${GUID}$`).test(id)) return errorAnswer(400, 900118, 'The customer id is invalid.');
      const customer = context.commerce.customers.get(id.toLowerCase());
      return customer
        ? { status: 200, body: renderCustomer(customer, true) }
        : errorAnswer(404, 60003, 'The customer tenant was not found.');
    },
  },
];

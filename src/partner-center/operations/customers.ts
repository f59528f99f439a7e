/** Customers: list (paged), search by prefix (`starts_with`, the only operator), get one. */
import { collectPages } from '../paging.js';
import type { OperationContext } from '../http-pipeline.js';
import { parseResponseBody } from '../parse-response.js';
import { customerCollectionSchema, customerSchema, type Customer } from '../parsers/customer.js';
import type { Result } from '../result.js';
import type { OperationDeps } from './operation-deps.js';

export type CustomerSearchField = 'CompanyName' | 'Domain';

export const listCustomers = (
  deps: OperationDeps,
  options: { max?: number } = {},
  context?: OperationContext,
): Promise<Result<Customer[]>> =>
  collectPages(
    deps.pipeline,
    {
      method: 'GET',
      uri: '/customers',
      query: { size: String(deps.settings.pageSize) },
      auth: deps.authFor('A'),
      resourceKey: 'customers',
    },
    customerCollectionSchema,
    options.max ?? Number.MAX_SAFE_INTEGER,
    context,
  );

export const searchCustomers = (
  deps: OperationDeps,
  prefix: string,
  options: { field?: CustomerSearchField; max?: number } = {},
  context?: OperationContext,
): Promise<Result<Customer[]>> =>
  collectPages(
    deps.pipeline,
    {
      method: 'GET',
      uri: '/customers',
      query: {
        size: String(deps.settings.pageSize),
        filter: JSON.stringify({
          Field: options.field ?? 'CompanyName',
          Value: prefix,
          Operator: 'starts_with',
        }),
      },
      auth: deps.authFor('A'),
      resourceKey: 'customers',
    },
    customerCollectionSchema,
    options.max ?? Number.MAX_SAFE_INTEGER,
    context,
  );

export const getCustomer = async (
  deps: OperationDeps,
  customerId: string,
  context?: OperationContext,
): Promise<Result<Customer>> => {
  const answer = await deps.pipeline.send(
    {
      method: 'GET',
      uri: `/customers/${encodeURIComponent(customerId)}`,
      auth: deps.authFor('A'),
      resourceKey: `customer:${customerId}`,
    },
    context,
  );
  return answer.ok ? parseResponseBody(customerSchema, answer.value) : answer;
};

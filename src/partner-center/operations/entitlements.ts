/** Entitlements (App+User only). Software keys and download links have no documented REST surface. */
import { collectPages } from '../paging.js';
import type { OperationContext } from '../http-pipeline.js';
import { entitlementCollectionSchema, type Entitlement } from '../parsers/entitlement.js';
import type { Result } from '../result.js';
import type { OperationDeps } from './operation-deps.js';

export const listEntitlements = (
  deps: OperationDeps,
  customerId: string,
  options: { entitlementType?: 'software' | 'reservedInstance'; showExpiry?: boolean } = {},
  context?: OperationContext,
): Promise<Result<Entitlement[]>> =>
  collectPages(
    deps.pipeline,
    {
      method: 'GET',
      uri: `/customers/${encodeURIComponent(customerId)}/entitlements`,
      query: {
        entitlementType: options.entitlementType,
        showExpiry: options.showExpiry === undefined ? undefined : String(options.showExpiry),
      },
      auth: deps.authFor('AU'),
      resourceKey: `customer:${customerId}`,
    },
    entitlementCollectionSchema,
    Number.MAX_SAFE_INTEGER,
    context,
  );

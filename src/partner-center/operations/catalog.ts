/**
 * Customer-scoped catalog: products → SKUs → availabilities (GET, as the examples do; §4.14). The
 * availability's `catalogItemId` is what a cart buys; fetch it right before buying.
 */
import { collectPages } from '../paging.js';
import type { OperationContext } from '../http-pipeline.js';
import {
  availabilitiesSchema,
  productCollectionSchema,
  skuCollectionSchema,
  type Availability,
  type Product,
  type Sku,
} from '../parsers/catalog.js';
import type { Result } from '../result.js';
import type { OperationDeps } from './operation-deps.js';

const customerProducts = (customerId: string): string =>
  `/customers/${encodeURIComponent(customerId)}/products`;

export const getCatalogProducts = (
  deps: OperationDeps,
  customerId: string,
  options: { targetView?: string; targetSegment?: string } = {},
  context?: OperationContext,
): Promise<Result<Product[]>> =>
  collectPages(
    deps.pipeline,
    {
      method: 'GET',
      uri: customerProducts(customerId),
      query: { targetView: options.targetView ?? 'OnlineServices', targetSegment: options.targetSegment },
      auth: deps.authFor('A'),
      resourceKey: `customer:${customerId}`,
    },
    productCollectionSchema,
    Number.MAX_SAFE_INTEGER,
    context,
  );

export const getCatalogSkus = (
  deps: OperationDeps,
  customerId: string,
  productId: string,
  context?: OperationContext,
): Promise<Result<Sku[]>> =>
  collectPages(
    deps.pipeline,
    {
      method: 'GET',
      uri: `${customerProducts(customerId)}/${encodeURIComponent(productId)}/skus`,
      auth: deps.authFor('A'),
      resourceKey: `customer:${customerId}`,
    },
    skuCollectionSchema,
    Number.MAX_SAFE_INTEGER,
    context,
  );

export const getCatalogAvailabilities = (
  deps: OperationDeps,
  customerId: string,
  productId: string,
  skuId: string,
  context?: OperationContext,
): Promise<Result<Availability[]>> =>
  collectPages(
    deps.pipeline,
    {
      method: 'GET',
      uri: `${customerProducts(customerId)}/${encodeURIComponent(productId)}/skus/${encodeURIComponent(skuId)}/availabilities`,
      auth: deps.authFor('A'),
      resourceKey: `customer:${customerId}`,
    },
    availabilitiesSchema,
    Number.MAX_SAFE_INTEGER,
    context,
  );

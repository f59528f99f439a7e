/**
 * What the commerce backend says a customer is entitled to (R-PC-14: Partner Center's software
 * entitlements). They carry no keys or download links: none is documented.
 */
import type { ExternalRefusal, FactSource } from '../shared/external-refusal.js';

export interface SoftwareEntitlement {
  /** The backend's order id and line. */
  readonly orderId: string | null;
  readonly lineItemId: string | null;
  readonly productId: string | null;
  readonly skuId: string | null;
  readonly quantity: number | null;
  readonly expiresAt: string | null;
}

export interface EntitlementSource {
  listSoftware(
    customerTenantId: string,
  ): Promise<{ entitlements: SoftwareEntitlement[]; source: FactSource } | ExternalRefusal>;
}

/**
 * What the commerce backend itself says of one of the bot's orders (R-ORD-4: Partner Center's
 * `GET /customers/{cid}/orders/{orderId}`, the order found by the bot's order id at the start of each line's
 * friendly name). Absent in simulated mode, where the bot's own record is the order.
 */
import type { ExternalRefusal, FactSource } from '../shared/external-refusal.js';

export interface BackendOrderLine {
  readonly lineItemNumber: number;
  readonly offerId: string;
  readonly friendlyName: string | null;
  readonly quantity: number;
  readonly termDuration: string | null;
  /** The domain's id of the subscription the line produced, when provisioning has finished. */
  readonly subscriptionId: string | null;
}

export interface BackendOrder {
  readonly backendOrderId: string;
  readonly status: string;
  readonly lines: readonly BackendOrderLine[];
  readonly source: FactSource;
}

export interface OrderFactSource {
  /** The backend's order for the bot's order id; null when the backend has none by that id. */
  find(customerTenantId: string, botOrderId: string): Promise<BackendOrder | null | ExternalRefusal>;
}

/**
 * Webhooks from the local Partner Center: a signing CA made at first use, its signing certificate served at
 * `/certs/pcnotifications.cer`, and signed deliveries posted to the bot (`POST /webhooks/partner-center`)
 * when a subscription changes here or when `POST /admin/webhooks` asks for one.
 */
import { createWebhookSigner, type WebhookSigner } from './webhook-signer.js';

export const CERTIFICATE_PATH = '/certs/pcnotifications.cer';

export interface WebhookDelivery {
  readonly eventName: string;
  readonly resourceUri: string;
  /** The bot's answer; null when it could not be reached. */
  readonly status: number | null;
}

export interface Notifications {
  /** What PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS must hold to trust these deliveries. */
  readonly trustedRootsPem: string;
  /** What PARTNER_CENTER_WEBHOOK_CERT_HOSTS must list (host:port of this server). */
  readonly certificateHost: string;
  readonly certificateDer: Buffer;
  /** Signs and posts one event to the target; null status when there is no target or it is unreachable. */
  post(eventName: string, customerId: string, subscriptionId?: string): Promise<WebhookDelivery>;
  readonly deliveries: WebhookDelivery[];
}

export const createNotifications = (options: {
  readonly baseUrl: string;
  /** The bot's webhook URL; null: deliveries are only recorded. */
  readonly target: () => string | null;
}): (() => Promise<Notifications>) => {
  let made: Promise<Notifications> | undefined;
  const make = async (): Promise<Notifications> => {
    const signer: WebhookSigner = await createWebhookSigner({
      certificateUrl: `${options.baseUrl}${CERTIFICATE_PATH}`,
    });
    const deliveries: WebhookDelivery[] = [];
    return {
      trustedRootsPem: signer.trustedPem,
      certificateHost: new URL(options.baseUrl).host,
      certificateDer: signer.leafDer,
      deliveries,
      post: async (eventName, customerId, subscriptionId) => {
        const resourceUri =
          `https://api.partnercenter.microsoft.com/webhooks/v1/customers/${customerId}` +
          (subscriptionId ? `/subscriptions/${subscriptionId}` : '');
        const body = JSON.stringify({
          EventName: eventName,
          ResourceUri: resourceUri,
          ResourceName: subscriptionId ? 'Subscription' : 'Customer',
          AuditUri: null,
          ResourceChangeUtcDate: new Date().toISOString(),
        });
        const target = options.target();
        let status: number | null = null;
        if (target) {
          try {
            const response = await fetch(target, { method: 'POST', headers: signer.sign(body), body });
            status = response.status;
            await response.arrayBuffer();
          } catch {
            status = null;
          }
        }
        const delivery = { eventName, resourceUri, status };
        deliveries.push(delivery);
        return delivery;
      },
    };
  };
  return () => (made ??= make());
};

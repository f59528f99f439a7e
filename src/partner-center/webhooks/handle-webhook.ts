// The webhook endpoint without a framework: verify the signature over the raw bytes first, then
// read the payload. The caller (restify route `POST /webhooks/partner-center`) sends `status` and
// `body`, logs `reason`, and acts on `event` (refresh the subscription, accept the relationship).
// The body never says why a delivery was refused.
import {
  parseWebhookBody,
  type PartnerCenterWebhookEvent,
  type WebhookParseFailure,
} from './parse-webhook-event.js';
import type { WebhookHeaders, WebhookRejectionReason, WebhookVerifier } from './verify-webhook-signature.js';

export type WebhookHandlerResult =
  | {
      readonly status: 200;
      readonly body: { readonly status: 'accepted' };
      readonly event: PartnerCenterWebhookEvent;
    }
  | {
      readonly status: 400 | 401;
      readonly body: { readonly error: 'bad-request' | 'unauthorized' };
      /** For the log only. */
      readonly reason: WebhookRejectionReason | WebhookParseFailure;
      readonly event?: undefined;
    };

/**
 * `rawBody` is the request body exactly as received. A string is taken as its UTF-8 encoding (restify's
 * body reader decodes `application/json` bodies to a string in `req.rawBody`); never re-serialise parsed JSON.
 */
export type WebhookHandler = (
  rawBody: Buffer | string,
  headers: WebhookHeaders,
) => Promise<WebhookHandlerResult>;

export function createWebhookHandler(dependencies: { readonly verifier: WebhookVerifier }): WebhookHandler {
  return async (body, headers) => {
    const rawBody = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const verification = await dependencies.verifier.verify(rawBody, headers);
    if (!verification.ok) {
      return {
        status: verification.status,
        body: { error: verification.status === 400 ? 'bad-request' : 'unauthorized' },
        reason: verification.reason,
      };
    }
    const parsed = parseWebhookBody(rawBody);
    if (!parsed.ok) return { status: 400, body: { error: 'bad-request' }, reason: parsed.reason };
    return { status: 200, body: { status: 'accepted' }, event: parsed.event };
  };
}

// Reads a Partner Center webhook payload (contract: docs/partner-center/README.md §3).
// The payload carries no resource state, only which resource changed: the caller re-reads it.
// Lenient where the docs are loose: property names in any casing, ResourceUri / ResourceName /
// AuditUri / ResourceChangeUtcDate null or absent. Strict where the caller acts: the ids it will put
// into a Partner Center URL must be GUIDs.
import { z } from 'zod';

export type WebhookEventCommon = {
  /** EventName as sent. */
  readonly eventName: string;
  readonly resourceUri: string | null;
  readonly resourceName: string | null;
  readonly auditUri: string | null;
  /** ResourceChangeUtcDate as sent (ISO 8601 with offset); null when absent. */
  readonly resourceChangeUtcDate: string | null;
};

export type SubscriptionUpdatedEvent = WebhookEventCommon & {
  readonly kind: 'subscription-updated';
  readonly customerId: string;
  readonly subscriptionId: string;
};

export type RelationshipAcceptedEvent = WebhookEventCommon & {
  readonly kind: 'reseller-relationship-accepted-by-customer';
  readonly customerId: string;
};

/** Any other event: acknowledge it and ignore it. */
export type OtherWebhookEvent = WebhookEventCommon & { readonly kind: 'other' };

export type PartnerCenterWebhookEvent =
  SubscriptionUpdatedEvent | RelationshipAcceptedEvent | OtherWebhookEvent;

export type WebhookParseFailure =
  'body-not-json' | 'payload-invalid' | 'subscription-uri-unrecognised' | 'customer-uri-unrecognised';

export type WebhookParseResult =
  | { readonly ok: true; readonly event: PartnerCenterWebhookEvent }
  | { readonly ok: false; readonly reason: WebhookParseFailure };

const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === undefined || value === null || value.trim() === '' ? null : value.trim()));

const payloadSchema = z.object({
  eventname: z.string().trim().min(1).max(200),
  resourceuri: optionalText,
  resourcename: optionalText,
  audituri: optionalText,
  resourcechangeutcdate: optionalText,
});

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
// `/webhooks/v1/customers/{cid}/subscriptions/{sid}` as documented, or the same without `/webhooks`.
const SUBSCRIPTION_PATH = new RegExp(
  `^(?:/webhooks)?/v1/customers/(${GUID})/subscriptions/(${GUID})/?$`,
  'i',
);
const CUSTOMER_PATH = new RegExp(`^(?:/webhooks)?/v1/customers/(${GUID})/?$`, 'i');

/** Parses the raw request body (UTF-8 JSON, a BOM tolerated). */
export function parseWebhookBody(rawBody: Buffer | string): WebhookParseResult {
  const text = (typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8')).replace(/^\uFEFF/, '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'body-not-json' };
  }
  return parseWebhookEvent(json);
}

/** Parses an already-decoded JSON payload. */
export function parseWebhookEvent(payload: unknown): WebhookParseResult {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, reason: 'payload-invalid' };
  }
  const parsed = payloadSchema.safeParse(lowerCaseKeys(payload as Record<string, unknown>));
  if (!parsed.success) return { ok: false, reason: 'payload-invalid' };
  const p = parsed.data;
  const common: WebhookEventCommon = {
    eventName: p.eventname,
    resourceUri: p.resourceuri,
    resourceName: p.resourcename,
    auditUri: p.audituri,
    resourceChangeUtcDate: p.resourcechangeutcdate,
  };
  switch (p.eventname.toLowerCase()) {
    case 'subscription-updated': {
      const match = matchResourcePath(p.resourceuri, SUBSCRIPTION_PATH);
      if (match === null) return { ok: false, reason: 'subscription-uri-unrecognised' };
      return {
        ok: true,
        event: {
          ...common,
          kind: 'subscription-updated',
          customerId: match[1]!.toLowerCase(),
          subscriptionId: match[2]!.toLowerCase(),
        },
      };
    }
    case 'reseller-relationship-accepted-by-customer': {
      const match = matchResourcePath(p.resourceuri, CUSTOMER_PATH);
      if (match === null) return { ok: false, reason: 'customer-uri-unrecognised' };
      return {
        ok: true,
        event: {
          ...common,
          kind: 'reseller-relationship-accepted-by-customer',
          customerId: match[1]!.toLowerCase(),
        },
      };
    }
    default:
      return { ok: true, event: { ...common, kind: 'other' } };
  }
}

/** First value wins when two keys differ only by case. */
function lowerCaseKeys(input: Record<string, unknown>): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const lower = key.toLowerCase();
    if (!(lower in output)) output[lower] = value;
  }
  return output;
}

/**
 * Only the path matters: the ids are read from it and the caller GETs its own configured base URL,
 * never the URI as sent (the documented example is even `http://`).
 */
function matchResourcePath(uri: string | null, pattern: RegExp): RegExpMatchArray | null {
  if (uri === null) return null;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return url.pathname.match(pattern);
}

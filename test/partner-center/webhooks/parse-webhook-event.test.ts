// Rule ids (docs/partner-center/README.md §3, Payload):
//   WH-EVT-1 every documented payload parses; unknown events parse to `other` (acknowledged, ignored)
//   WH-EVT-2 subscription-updated yields the customer and subscription ids from ResourceUri
//   WH-EVT-3 reseller-relationship-accepted-by-customer yields the customer id from ResourceUri
//   WH-EVT-4 a body that is not a payload is refused, never thrown
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  parseWebhookBody,
  parseWebhookEvent,
} from '../../../src/partner-center/webhooks/parse-webhook-event.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const examples = JSON.parse(
  readFileSync(`${repoRoot}docs/partner-center/examples/webhook-events.json`, 'utf8'),
) as {
  callbackExample: { request: { body: unknown } };
  eventSample: { body: unknown };
  events: { eventName: string; payload: Record<string, unknown> }[];
};

const CUSTOMER = '4b2a6e33-8791-4386-bd2b-0d55baf25039';
const SUBSCRIPTION = 'a4c1340d-6911-4758-bba3-0c4c6007d161';
const PLACEHOLDERS: Record<string, string> = {
  CustomerId: CUSTOMER,
  SubscriptionId: SUBSCRIPTION,
  subscriptionId: SUBSCRIPTION,
};

/** The docs write ids as `{{Name}}`: put real-looking GUIDs in their place. */
function fillPlaceholders(payload: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(payload).replace(
      /\{\{(\w+)\}\}/g,
      (_, name: string) => PLACEHOLDERS[name] ?? '0f2a6e33-0000-4000-8000-000000000001',
    ),
  ) as Record<string, unknown>;
}

function subscriptionUpdated(resourceUri: unknown): Record<string, unknown> {
  return {
    EventName: 'subscription-updated',
    ResourceUri: resourceUri,
    ResourceName: 'subscription',
    AuditUri: null,
    ResourceChangeUtcDate: '2017-11-16T16:19:06.3520276+00:00',
  };
}

describe('reading a Partner Center webhook payload', () => {
  it('WH-EVT-1: the documents hold examples of the three events the connector acts on or must ignore', () => {
    const names = examples.events.map((event) => event.eventName);
    expect(names).toEqual(
      expect.arrayContaining([
        'subscription-updated',
        'reseller-relationship-accepted-by-customer',
        'test-created',
      ]),
    );
    expect(examples.events.length).toBeGreaterThanOrEqual(20);
  });

  it.each(examples.events.map((event) => [event.eventName, event.payload] as const))(
    'WH-EVT-1: the documented %s payload parses',
    (eventName, payload) => {
      const result = parseWebhookBody(JSON.stringify(fillPlaceholders(payload)));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.event.eventName).toBe(eventName);
      const expectedKind =
        eventName === 'subscription-updated' || eventName === 'reseller-relationship-accepted-by-customer'
          ? eventName
          : 'other';
      expect(result.event.kind).toBe(expectedKind);
    },
  );

  it('WH-EVT-1: the callback example and the event sample parse as acknowledged-and-ignored test events', () => {
    for (const body of [examples.callbackExample.request.body, examples.eventSample.body]) {
      expect(parseWebhookEvent(body)).toMatchObject({
        ok: true,
        event: { kind: 'other', eventName: 'test-created' },
      });
    }
  });

  it('WH-EVT-2: the documented subscription-updated payload gives both ids and keeps the audit link', () => {
    const documented = examples.events.find((event) => event.eventName === 'subscription-updated')!;
    expect(parseWebhookEvent(fillPlaceholders(documented.payload))).toEqual({
      ok: true,
      event: {
        kind: 'subscription-updated',
        eventName: 'subscription-updated',
        customerId: CUSTOMER,
        subscriptionId: SUBSCRIPTION,
        resourceUri: `http://api.partnercenter.microsoft.com/webhooks/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`,
        resourceName: 'subscription',
        auditUri:
          'https://api.partnercenter.microsoft.com/v1/auditrecords/0f2a6e33-0000-4000-8000-000000000001',
        resourceChangeUtcDate: '2017-11-16T16:19:06.3520276+00:00',
      },
    });
  });

  it.each([
    `http://api.partnercenter.microsoft.com/webhooks/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`,
    `https://api.partnercenter.microsoft.com/webhooks/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`,
    `https://api.partnercenter.microsoft.com/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`,
    `http://api.partnercenter.microsoft.com/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}/`,
    `https://api.partnercenter.microsoft.com/v1/customers/${CUSTOMER.toUpperCase()}/subscriptions/${SUBSCRIPTION.toUpperCase()}`,
  ])('WH-EVT-2: subscription-updated reads the ids from %s', (uri) => {
    expect(parseWebhookEvent(subscriptionUpdated(uri))).toMatchObject({
      ok: true,
      event: { kind: 'subscription-updated', customerId: CUSTOMER, subscriptionId: SUBSCRIPTION },
    });
  });

  it.each([
    [`https://api.partnercenter.microsoft.com/v1/customers/${CUSTOMER}`],
    [`https://api.partnercenter.microsoft.com/v1/customers/${CUSTOMER}/subscriptions/not-a-guid`],
    [`https://api.partnercenter.microsoft.com/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}/addons`],
    [`ftp://api.partnercenter.microsoft.com/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`],
    ['not a uri'],
    [null],
    [undefined],
  ])('WH-EVT-2: subscription-updated with the resource %s is refused, not guessed', (uri) => {
    expect(parseWebhookEvent(subscriptionUpdated(uri))).toEqual({
      ok: false,
      reason: 'subscription-uri-unrecognised',
    });
  });

  it('WH-EVT-3: reseller-relationship-accepted-by-customer gives the customer id', () => {
    const documented = examples.events.find(
      (event) => event.eventName === 'reseller-relationship-accepted-by-customer',
    )!;
    expect(parseWebhookEvent(documented.payload)).toMatchObject({
      ok: true,
      event: {
        kind: 'reseller-relationship-accepted-by-customer',
        customerId: CUSTOMER,
        resourceName: 'Customer',
        resourceChangeUtcDate: '2023-10-18T00:26:24.0159088+00:00',
      },
    });
  });

  it('WH-EVT-3: reseller-relationship-accepted-by-customer without a customer URI is refused', () => {
    const payload = {
      EventName: 'reseller-relationship-accepted-by-customer',
      ResourceUri: 'https://x.test/v1/invoices/1',
    };
    expect(parseWebhookEvent(payload)).toEqual({ ok: false, reason: 'customer-uri-unrecognised' });
  });

  it('WH-EVT-1: property names are read in any casing, and absent or empty optional fields become null', () => {
    expect(
      parseWebhookEvent({
        eventName: 'Subscription-Updated',
        resourceuri: `https://api.partnercenter.microsoft.com/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`,
        AUDITURI: '',
      }),
    ).toEqual({
      ok: true,
      event: {
        kind: 'subscription-updated',
        eventName: 'Subscription-Updated',
        customerId: CUSTOMER,
        subscriptionId: SUBSCRIPTION,
        resourceUri: `https://api.partnercenter.microsoft.com/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`,
        resourceName: null,
        auditUri: null,
        resourceChangeUtcDate: null,
      },
    });
  });

  it('WH-EVT-1: an event the connector does not know is parsed as other', () => {
    expect(parseWebhookEvent({ EventName: 'new-commerce-migration-completed', ResourceUri: null })).toEqual({
      ok: true,
      event: {
        kind: 'other',
        eventName: 'new-commerce-migration-completed',
        resourceUri: null,
        resourceName: null,
        auditUri: null,
        resourceChangeUtcDate: null,
      },
    });
  });

  it('WH-EVT-4: a body that is not JSON, or JSON that is not a payload, is refused', () => {
    expect(parseWebhookBody(Buffer.from('{"EventName":'))).toEqual({ ok: false, reason: 'body-not-json' });
    expect(parseWebhookBody('')).toEqual({ ok: false, reason: 'body-not-json' });
    for (const body of [
      'null',
      '[]',
      '"subscription-updated"',
      '{}',
      '{"EventName":""}',
      '{"EventName":42}',
    ]) {
      expect(parseWebhookBody(body)).toEqual({ ok: false, reason: 'payload-invalid' });
    }
  });

  it('WH-EVT-4: a UTF-8 byte order mark before the JSON is tolerated', () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('{"EventName":"test-created"}'),
    ]);
    expect(parseWebhookBody(body)).toMatchObject({
      ok: true,
      event: { kind: 'other', eventName: 'test-created' },
    });
  });
});

// Rule ids: WH-SIG-* and WH-EVT-* as in the sibling tests; WH-HND-1 the endpoint verifies before it
// reads, answers 400/401 without saying why, and hands a valid event to the caller.
import { beforeAll, describe, expect, it } from 'vitest';
import { createWebhookHandler } from '../../../src/partner-center/webhooks/handle-webhook.js';
import { createWebhookVerifier } from '../../../src/partner-center/webhooks/verify-webhook-signature.js';
import {
  createWebhookSigner,
  type WebhookSigner,
} from '../../../tools/local-partner-center/webhook-signer.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const CERT_URL = 'https://certs.local-partner-center.test/certs/pcnotifications.cer';
const CUSTOMER = '4b2a6e33-8791-4386-bd2b-0d55baf25039';
const SUBSCRIPTION = 'a4c1340d-6911-4758-bba3-0c4c6007d161';

let signer: WebhookSigner;
let fetches = 0;

function makeHandler() {
  return createWebhookHandler({
    verifier: createWebhookVerifier({
      trustedRootsPem: signer.trustedPem,
      certificateHosts: ['certs.local-partner-center.test'],
      now: () => NOW,
      fetchCertificate: async (url) => {
        fetches += 1;
        if (url !== CERT_URL) throw new Error(`unexpected certificate URL ${url}`);
        return signer.leafDer;
      },
    }),
  });
}

beforeAll(async () => {
  signer = await createWebhookSigner({ now: new Date(NOW), certificateUrl: CERT_URL });
});

describe('the Partner Center webhook endpoint', () => {
  it('WH-HND-1: a signed subscription-updated is accepted with 200 and handed over with its ids', async () => {
    const body = Buffer.from(
      JSON.stringify({
        EventName: 'subscription-updated',
        ResourceUri: `http://api.partnercenter.microsoft.com/webhooks/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`,
        ResourceName: 'subscription',
        AuditUri: null,
        ResourceChangeUtcDate: '2026-06-01T11:00:00+00:00',
      }),
    );
    const result = await makeHandler()(body, signer.sign(body));
    expect(result).toMatchObject({
      status: 200,
      body: { status: 'accepted' },
      event: { kind: 'subscription-updated', customerId: CUSTOMER, subscriptionId: SUBSCRIPTION },
    });
  });

  it('WH-HND-1: a signed event the bot does not act on is still acknowledged with 200', async () => {
    const body = Buffer.from('{"EventName":"invoice-ready","ResourceUri":null}');
    const result = await makeHandler()(body, signer.sign(body, { header: 'x-ms-signature' }));
    expect(result).toMatchObject({ status: 200, event: { kind: 'other', eventName: 'invoice-ready' } });
  });

  it('WH-HND-1: a body handed over as the UTF-8 string restify keeps in req.rawBody verifies the same', async () => {
    const text = '{"EventName":"test-created","ResourceName":"tést ✓"}';
    const result = await makeHandler()(text, signer.sign(Buffer.from(text, 'utf8')));
    expect(result).toMatchObject({ status: 200, event: { kind: 'other', resourceName: 'tést ✓' } });
  });

  it('WH-SIG-6: a changed byte gets 401 with a body that does not say why, and no event', async () => {
    const body = Buffer.from('{"EventName":"reseller-relationship-accepted-by-customer"}');
    const headers = signer.sign(body);
    const tampered = Buffer.from(body.toString().replace('accepted', 'acceptee'));
    const result = await makeHandler()(tampered, headers);
    expect(result).toEqual({ status: 401, body: { error: 'unauthorized' }, reason: 'signature-mismatch' });
  });

  it('WH-SIG-2: a delivery without a certificate URL gets 400 and nothing is downloaded', async () => {
    const before = fetches;
    const body = Buffer.from('{"EventName":"test-created"}');
    const { 'X-MS-Certificate-Url': _dropped, ...headers } = signer.sign(body);
    const result = await makeHandler()(body, headers);
    expect(result).toEqual({
      status: 400,
      body: { error: 'bad-request' },
      reason: 'missing-certificate-url',
    });
    expect(fetches).toBe(before);
  });

  it('WH-EVT-4: a correctly signed body that is not a payload gets 400 and no event', async () => {
    const handler = makeHandler();
    for (const [text, reason] of [
      ['not json', 'body-not-json'],
      ['{"ResourceUri":"x"}', 'payload-invalid'],
      [
        '{"EventName":"subscription-updated","ResourceUri":"https://x.test/v1/invoices/1"}',
        'subscription-uri-unrecognised',
      ],
    ] as const) {
      const body = Buffer.from(text);
      expect(await handler(body, signer.sign(body))).toEqual({
        status: 400,
        body: { error: 'bad-request' },
        reason,
      });
    }
  });
});

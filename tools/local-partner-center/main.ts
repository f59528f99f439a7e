/**
 * `npm run partner-center:local [port]`: starts the local Partner Center (default port 4780, or
 * PARTNER_CENTER_LOCAL_PORT) and prints the variables that run the bot against it. Signed webhooks go to
 * BOT_WEBHOOK_URL (default http://127.0.0.1:3978/webhooks/partner-center) when a subscription changes here,
 * or on demand: POST /admin/webhooks {"eventName", "customerId", "subscriptionId"}.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CERTIFICATE_PATH } from './notifications.js';
import { startLocalPartnerCenter } from './server.js';

const port = Number(process.argv[2] ?? process.env.PARTNER_CENTER_LOCAL_PORT ?? 4780);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Not a port: ${process.argv[2] ?? process.env.PARTNER_CENTER_LOCAL_PORT}`);
  process.exit(1);
}

const webhookTarget = process.env.BOT_WEBHOOK_URL ?? 'http://127.0.0.1:3978/webhooks/partner-center';
const local = await startLocalPartnerCenter({ port, host: '127.0.0.1', webhookTarget });
const notifications = await local.notifications();
// A PEM is several lines: it is written to a file, and the variable is read from it.
const rootsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'local-partner-center-')), 'roots.pem');
fs.writeFileSync(rootsFile, notifications.trustedRootsPem);
const subscription = [...local.state.commerce.subscriptions.values()][0];
console.log(`Local Partner Center listening on ${local.apiUrl}. Run the bot with:

COMMERCE_BACKEND=partner-center
PARTNER_CENTER_API_URL=${local.apiUrl}
PARTNER_CENTER_AUTHORITY_URL=${local.authorityUrl}
PARTNER_CENTER_TENANT_ID=${local.tenantId}
PARTNER_CENTER_CLIENT_ID=${local.clientId}
PARTNER_CENTER_CLIENT_SECRET=${local.clientSecret}
PARTNER_CENTER_REFRESH_TOKEN=${local.refreshToken}
PARTNER_CENTER_WEBHOOK_TRUSTED_ROOTS="$(cat ${rootsFile})"
PARTNER_CENTER_WEBHOOK_CERT_HOSTS=${notifications.certificateHost}

Its signing certificate: ${local.apiUrl}${CERTIFICATE_PATH}. Signed webhooks go to ${webhookTarget}
(BOT_WEBHOOK_URL) when a subscription changes here, or on demand, e.g.:
  curl -X POST ${local.apiUrl}/admin/webhooks -H 'Content-Type: application/json' \\
    -d '{"eventName":"subscription-updated","customerId":"${subscription?.customerId ?? ''}","subscriptionId":"${subscription?.id ?? ''}"}'

(Demo credentials of this local server only; they change on every start. Ctrl+C stops it.)`);

const stop = (): void => {
  void local.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * `npm run partner-center:local [port]`: starts the local Partner Center (default port 4780, or
 * PARTNER_CENTER_LOCAL_PORT) and prints the variables that run the bot against it.
 */
import { startLocalPartnerCenter } from './server.js';

const port = Number(process.argv[2] ?? process.env.PARTNER_CENTER_LOCAL_PORT ?? 4780);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Not a port: ${process.argv[2] ?? process.env.PARTNER_CENTER_LOCAL_PORT}`);
  process.exit(1);
}

const local = await startLocalPartnerCenter({ port, host: '127.0.0.1' });
console.log(`Local Partner Center listening on ${local.apiUrl}. Run the bot with:

COMMERCE_BACKEND=partner-center
PARTNER_CENTER_API_URL=${local.apiUrl}
PARTNER_CENTER_AUTHORITY_URL=${local.authorityUrl}
PARTNER_CENTER_TENANT_ID=${local.tenantId}
PARTNER_CENTER_CLIENT_ID=${local.clientId}
PARTNER_CENTER_CLIENT_SECRET=${local.clientSecret}
PARTNER_CENTER_REFRESH_TOKEN=${local.refreshToken}

(Demo credentials of this local server only; they change on every start. Ctrl+C stops it.)`);

const stop = (): void => {
  void local.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/**
 * The bot in partner-center mode against a local Partner Center, for conversations through /api/messages.
 * The connector's sleep does not wait (backoff is counted, not slept).
 */
import { startBot } from '../../../src/compose.js';
import { loadConfig } from '../../../src/config.js';
import type { Clock } from '../../../src/domain/shared/time.js';
import type { DatabaseTarget } from '../../../src/db/database.js';
import { createLogger } from '../../../src/log.js';
import {
  startLocalPartnerCenter,
  type LocalPartnerCenter,
} from '../../../tools/local-partner-center/server.js';
import type { TestBot } from '../../support/bot.js';

export interface PartnerCenterBot {
  readonly fake: LocalPartnerCenter;
  readonly bot: TestBot;
  close(): Promise<void>;
}

export async function startPartnerCenterBot(
  options: {
    clock?: Clock;
    maxAttempts?: number;
    replyNoticeAfterMs?: () => number;
    /** Default: an embedded database in memory. */
    database?: DatabaseTarget;
    /** A local Partner Center shared with another bot (left running on close); default: one of its own. */
    fake?: LocalPartnerCenter;
  } = {},
): Promise<PartnerCenterBot> {
  const fake =
    options.fake ??
    (await startLocalPartnerCenter({
      port: 0,
      host: '127.0.0.1',
      ...(options.clock ? { clock: { now: () => options.clock!.now().valueOf() } } : {}),
    }));
  const closeFake = () => (options.fake ? Promise.resolve() : fake.close());
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      REMINDER_INTERVAL_SECONDS: '0',
      COMMERCE_BACKEND: 'partner-center',
      PARTNER_CENTER_API_URL: fake.apiUrl,
      PARTNER_CENTER_AUTHORITY_URL: fake.authorityUrl,
      PARTNER_CENTER_TENANT_ID: fake.tenantId,
      PARTNER_CENTER_CLIENT_ID: fake.clientId,
      PARTNER_CENTER_CLIENT_SECRET: fake.clientSecret,
      PARTNER_CENTER_REFRESH_TOKEN: fake.refreshToken,
    });
    const instance = await startBot(config, {
      database: options.database ?? { kind: 'memory' },
      log: createLogger('silent'),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.replyNoticeAfterMs ? { replyNoticeAfterMs: options.replyNoticeAfterMs } : {}),
      partnerCenter: {
        effects: { sleep: async () => {} },
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
      },
    });
    const bot: TestBot = { ...instance, endpoint: `${instance.http.url}/api/messages` };
    return {
      fake,
      bot,
      close: async () => {
        await bot.close();
        await closeFake();
      },
    };
  } catch (error) {
    await closeFake();
    throw error;
  }
}

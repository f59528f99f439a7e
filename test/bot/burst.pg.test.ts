/**
 * A burst of 50 conversations at once on PostgreSQL, each reviewing a cart and pressing Purchase for the
 * same customer (so every purchase waits for the customer's row lock while holding a pooled connection):
 * with the configured pool and transaction wait, every one gets its order, none an error card (no Prisma
 * P2028 "Unable to start a transaction in the given time"). Runs when TEST_DATABASE_URL is set.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { TEST_DATABASE_URL } from '../support/databases.js';
import { useTestBot } from '../support/test-bot.js';
import {
  buttonNamed,
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  textOf,
} from '../support/bot.js';
import { SALES_AGENT } from '../support/staff.js';

const CONVERSATIONS = 50;

describe.runIf(!!TEST_DATABASE_URL)('a burst of 50 conversations on PostgreSQL', () => {
  const bot = useTestBot({ database: 'postgres' });

  it('the pool size and transaction wait come from the configuration, with defaults for a 2-core machine', () => {
    expect(loadConfig({}).databaseOptions).toEqual({
      poolSize: 10,
      transactions: { maxWait: 30_000, timeout: 20_000 },
    });
    expect(
      loadConfig({
        DATABASE_POOL_SIZE: '4',
        DATABASE_TRANSACTION_WAIT_MS: '5000',
        DATABASE_TRANSACTION_TIMEOUT_MS: '9000',
      }).databaseOptions,
    ).toEqual({ poolSize: 4, transactions: { maxWait: 5000, timeout: 9000 } });
    expect(() => loadConfig({ DATABASE_POOL_SIZE: 'many' })).toThrow(/DATABASE_POOL_SIZE/);
    expect(bot.db.transactions).toEqual({ maxWait: 30_000, timeout: 20_000 });
  });

  it('50 conversations buying for one customer at once each get their order and no error card', async () => {
    const flows = Array.from({ length: CONVERSATIONS }, async (_, i) => {
      const options = { from: SALES_AGENT, conversationId: `personal:burst-${i}` };
      const review = await post(
        bot.endpoint,
        messageActivity('buy 1 Microsoft 365 E3 for contoso ltd monthly', options),
      );
      const cart = cardsOf(review)[0]!;
      const purchase = buttonNamed(cart, 'Purchase');
      const reply = await post(
        bot.endpoint,
        executeActivity(
          purchase.verb!,
          { ...purchase.data, 'quantity-0': '1', 'cycle-0': 'monthly' },
          options,
        ),
      );
      return { status: reply.status, text: textOf(invokeCardOf(reply)) };
    });
    const results = await Promise.all(flows);
    expect(results.map((r) => r.status)).toEqual(Array(CONVERSATIONS).fill(200));
    const failed = results.filter((r) => !/Order ORD-[A-Z0-9]{8} placed/.test(r.text));
    expect(failed.map((r) => r.text.slice(0, 200))).toEqual([]);
    expect(new Set(results.map((r) => /ORD-[A-Z0-9]{8}/.exec(r.text)?.[0])).size).toBe(CONVERSATIONS);
  });
});

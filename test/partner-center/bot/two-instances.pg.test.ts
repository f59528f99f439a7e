/**
 * Partner-center mode on PostgreSQL with two bot instances on one database and one (local) Partner Center:
 * a storm of presses of Purchase on one cart, spread over both instances, places one order at Partner
 * Center from one cart, and the bot records it once (R-PC-3, R-PC-11). Runs when TEST_DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { buttonNamed, executeActivity, invokeCardOf, post, sayTo, textOf } from '../../support/bot.js';
import { TEST_DATABASE_URL, createPostgresDatabase, type TestDatabase } from '../../support/databases.js';
import { ADMIN_AGENT } from '../../support/staff.js';
import {
  startLocalPartnerCenter,
  type LocalPartnerCenter,
} from '../../../tools/local-partner-center/server.js';
import { startPartnerCenterBot, type PartnerCenterBot } from './pc-bot.js';

const FABRIKAM = '53eb3134-67a9-457f-a575-e9ff997d3e0a';

describe.runIf(!!TEST_DATABASE_URL)('issue 9: partner-center mode, two instances on PostgreSQL', () => {
  let database: TestDatabase;
  let fake: LocalPartnerCenter;
  let first: PartnerCenterBot;
  let second: PartnerCenterBot;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    fake = await startLocalPartnerCenter({ port: 0, host: '127.0.0.1' });
    first = await startPartnerCenterBot({ fake, database: database.target, maxAttempts: 2 });
    second = await startPartnerCenterBot({ fake, database: database.target, maxAttempts: 2 });
  }, 120_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await fake?.close();
    await database?.drop();
  });

  it('R-PC-3, R-PC-11: 20 presses of Purchase across two instances → one Partner Center order, one cart checked out, one order and one audit entry in the bot', async () => {
    const [cart] = await sayTo(first.bot.endpoint, 'buy 5 Microsoft 365 E5 for fabrikam annual', {
      from: ADMIN_AGENT,
    });
    const button = buttonNamed(cart, 'Purchase');
    const ordersBefore = [...fake.state.commerce.orders.values()].filter((o) => o.customerId === FABRIKAM);
    const requestsBefore = fake.requests.length;

    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(
          (i % 2 === 0 ? first : second).bot.endpoint,
          executeActivity(
            button.verb!,
            { ...button.data, 'quantity-0': '5', 'cycle-0': 'annual' },
            {
              from: ADMIN_AGENT,
            },
          ),
        ),
      ),
    );
    const orderIds = replies.map((reply) => /Order (ORD-[A-Z0-9]+)/.exec(textOf(invokeCardOf(reply)))?.[1]);
    expect(new Set(orderIds).size, JSON.stringify(orderIds)).toBe(1);
    expect(orderIds[0]).toBeDefined();

    const ordersAfter = [...fake.state.commerce.orders.values()].filter((o) => o.customerId === FABRIKAM);
    expect(ordersAfter).toHaveLength(ordersBefore.length + 1);
    const checkedOut = new Set(
      fake.requests
        .slice(requestsBefore)
        .filter((r) => r.route === 'checkout')
        .map((r) => /carts\/([^/]+)\/checkout/.exec(r.url)?.[1]),
    );
    expect(checkedOut.size).toBe(1);

    const client = new pg.Client({ connectionString: (database.target as { url: string }).url });
    await client.connect();
    try {
      const orders = await client.query('SELECT id FROM orders WHERE id = $1', [orderIds[0]]);
      expect(orders.rowCount).toBe(1);
      const audits = await client.query(
        `SELECT id FROM audit_events WHERE "subjectId" = $1 AND outcome = 'allowed'`,
        [orderIds[0]],
      );
      expect(audits.rowCount).toBe(1);
    } finally {
      await client.end();
    }
  });
});

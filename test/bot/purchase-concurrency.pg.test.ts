/**
 * Purchases and subscription changes under double clicks, Teams retries and two bot processes, against
 * PostgreSQL at read committed. Runs when TEST_DATABASE_URL is set (CI sets it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL, createPostgresDatabase, type TestDatabase } from '../support/databases.js';
import {
  buttonNamed,
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  startTestBot,
  textOf,
  type TestBot,
} from '../support/bot.js';
import { ADMIN_AGENT, BILLING_ADMIN, SALES_AGENT } from '../support/staff.js';
import { startBotProcess, type BotProcess } from '../support/processes.js';

/** A second bot process on the same PostgreSQL database, as `npm start` runs it. */
const startSecondBot = (databaseUrl: string): Promise<BotProcess> =>
  startBotProcess({ ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test' });

describe.runIf(!!TEST_DATABASE_URL)('purchases on PostgreSQL with two bot processes', () => {
  let database: TestDatabase;
  let inProcess: TestBot;
  let other: BotProcess;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    inProcess = await startTestBot({ database: database.target });
    other = await startSecondBot((database.target as { url: string }).url);
  }, 120_000);

  afterAll(async () => {
    if (other?.child.pid && other.child.exitCode === null) {
      other.child.kill('SIGTERM');
      await other.exited;
    }
    await inProcess?.close();
    await database?.drop();
  });

  const endpoints = () => [inProcess.endpoint, `${other.url}/api/messages`];

  it('R-BUY-1, R-ROLE-9: 50 concurrent presses of Purchase on one cart, across two processes, place exactly one order', async () => {
    const cart = cardsOf(
      await post(
        inProcess.endpoint,
        messageActivity('buy 7 Microsoft 365 E3 for contoso ltd monthly', { from: SALES_AGENT }),
      ),
    )[0]!;
    const purchase = buttonNamed(cart, 'Purchase');
    const data = { ...purchase.data, 'quantity-0': '7', 'cycle-0': 'monthly' };
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(endpoints()[i % 2]!, executeActivity(purchase.verb!, data, { from: SALES_AGENT })),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(50).fill(200));
    const texts = replies.map((r) => textOf(invokeCardOf(r)));
    const orderIds = new Set(texts.map((t) => /ORD-[A-Z0-9]{8}/.exec(t)?.[0]));
    expect(orderIds.size).toBe(1);
    expect([...orderIds][0]).toBeDefined();
    expect(texts.filter((t) => !t.includes('This was already done'))).toHaveLength(1);
    const prisma = inProcess.db.prisma;
    expect(await prisma.order.count({ where: { pendingActionId: String(purchase.data.pendingId) } })).toBe(1);
    expect(await prisma.subscription.count({ where: { orderId: [...orderIds][0]! } })).toBe(1);
    expect(
      await prisma.auditEvent.count({
        where: { action: 'subscription.buy', outcome: 'allowed', subjectId: [...orderIds][0]! },
      }),
    ).toBe(1);
  });

  it('R-BUY-2: two people buying the one-per-customer product for one customer at once get one subscription', async () => {
    const buyers = [SALES_AGENT, BILLING_ADMIN, ADMIN_AGENT];
    const carts = await Promise.all(
      buyers.map(async (from) => ({
        from,
        card: cardsOf(
          await post(
            inProcess.endpoint,
            messageActivity('buy 3 Microsoft Defender for Business for woodgrove bank monthly', { from }),
          ),
        )[0]!,
      })),
    );
    const replies = await Promise.all(
      carts.map(({ from, card }, i) => {
        const purchase = buttonNamed(card, 'Purchase');
        return post(
          endpoints()[i % 2]!,
          executeActivity(
            purchase.verb!,
            { ...purchase.data, 'quantity-0': '3', 'cycle-0': 'monthly' },
            { from },
          ),
        );
      }),
    );
    const texts = replies.map((r) => textOf(invokeCardOf(r)));
    expect(texts.filter((t) => /Order ORD-/.test(t))).toHaveLength(1);
    expect(
      texts.filter((t) => t.includes('only one subscription to it is allowed per customer')),
    ).toHaveLength(2);
    expect(
      await inProcess.db.prisma.subscription.count({
        where: { customerId: 'cus-woodgrove-bank', productId: 'defender-for-business' },
      }),
    ).toBe(1);
  });

  it('R-SUS-1, R-ROLE-9: 30 concurrent presses of one Suspend across two processes suspend once and audit once', async () => {
    const preview = cardsOf(
      await post(inProcess.endpoint, messageActivity('suspend SUB-woodgrove-e5', { from: SALES_AGENT })),
    )[0]!;
    const confirm = buttonNamed(preview, 'Confirm');
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(endpoints()[i % 2]!, executeActivity(confirm.verb!, confirm.data, { from: SALES_AGENT })),
      ),
    );
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(
      replies.map((r) => textOf(invokeCardOf(r))).every((t) => t.includes('Subscription suspended')),
    ).toBe(true);
    const prisma = inProcess.db.prisma;
    const sub = await prisma.subscription.findUniqueOrThrow({ where: { id: 'SUB-woodgrove-e5' } });
    expect(sub.status).toBe('suspended');
    expect(sub.version).toBe(1);
    expect(
      await prisma.auditEvent.count({
        where: { action: 'subscription.suspend', outcome: 'allowed', subjectId: 'SUB-woodgrove-e5' },
      }),
    ).toBe(1);
  });

  it('two different confirmations changing one subscription at once: one wins, the other is told and changes nothing', async () => {
    const suspend = cardsOf(
      await post(inProcess.endpoint, messageActivity('suspend SUB-contoso-exo', { from: SALES_AGENT })),
    )[0]!;
    const autoRenew = cardsOf(
      await post(
        inProcess.endpoint,
        messageActivity('autorenew SUB-contoso-exo off', { from: BILLING_ADMIN }),
      ),
    )[0]!;
    const a = buttonNamed(suspend, 'Confirm');
    const b = buttonNamed(autoRenew, 'Confirm');
    const [ra, rb] = await Promise.all([
      post(inProcess.endpoint, executeActivity(a.verb!, a.data, { from: SALES_AGENT })),
      post(`${other.url}/api/messages`, executeActivity(b.verb!, b.data, { from: BILLING_ADMIN })),
    ]);
    const texts = [textOf(invokeCardOf(ra)), textOf(invokeCardOf(rb))];
    const sub = await inProcess.db.prisma.subscription.findUniqueOrThrow({
      where: { id: 'SUB-contoso-exo' },
    });
    // Whichever committed first applied; the other either saw the new state or lost the version race.
    expect(sub.version).toBeGreaterThanOrEqual(1);
    expect(texts.some((t) => t.includes('Subscription suspended') || t.includes('Auto-renew is off'))).toBe(
      true,
    );
    const applied = await inProcess.db.prisma.auditEvent.count({
      where: {
        subjectId: 'SUB-contoso-exo',
        outcome: 'allowed',
        action: { in: ['subscription.suspend', 'subscription.autorenew'] },
      },
    });
    expect(applied).toBe(sub.version);
  });
});

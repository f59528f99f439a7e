/**
 * Buying add-ons on PostgreSQL at read committed (R-ADD-2): concurrent presses of one confirmation buy
 * once, and two different confirmations that together would exceed the base cannot both pass, because the
 * click locks the customer before it counts. Runs when TEST_DATABASE_URL is set (CI sets it).
 */
import { describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../support/databases.js';
import { useTestBot } from '../support/test-bot.js';
import { buttonNamed, executeActivity, invokeCardOf, post } from '../support/bot.js';
import { SALES_AGENT } from '../support/staff.js';

describe.runIf(!!TEST_DATABASE_URL)('add-ons on PostgreSQL', () => {
  const bot = useTestBot({ database: 'postgres' });

  /** The preview card of Buy add-on for a product on SUB-contoso-e3. */
  async function preview(productId: string) {
    const reply = await post(
      bot.endpoint,
      executeActivity(
        'addon.start',
        { baseSubscriptionId: 'SUB-contoso-e3', productId },
        { from: SALES_AGENT },
      ),
    );
    expect(reply.status).toBe(200);
    return invokeCardOf(reply);
  }

  const press = async (card: unknown, quantity: string) => {
    const buy = buttonNamed(card, 'Buy');
    const reply = await post(
      bot.endpoint,
      executeActivity(buy.verb!, { ...buy.data, quantity }, { from: SALES_AGENT }),
    );
    expect(reply.status).toBe(200);
    return reply;
  };

  it('R-ADD-2: 20 concurrent presses of one confirmation attach the add-on once', async () => {
    const card = await preview('m365-e5-security');
    await Promise.all(Array.from({ length: 20 }, () => press(card, '10')));
    expect(
      await bot.db.prisma.subscription.count({
        where: { baseSubscriptionId: 'SUB-contoso-e3', productId: 'm365-e5-security' },
      }),
    ).toBe(1);
  });

  it('R-ADD-2: two confirmations that together exceed the base cannot both pass', async () => {
    // 250 licences of E3, 100 of Audio Conferencing attached: room for 150 more.
    const [first, second] = [
      await preview('teams-audio-conferencing'),
      await preview('teams-audio-conferencing'),
    ];
    await Promise.all([press(first, '100'), press(second, '100')]);
    const rows = await bot.db.prisma.subscription.findMany({
      where: { baseSubscriptionId: 'SUB-contoso-e3', productId: 'teams-audio-conferencing' },
    });
    expect(rows.reduce((sum, row) => sum + row.quantity, 0)).toBe(200);
  });
});

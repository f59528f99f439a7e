/**
 * A burst of downloads on a link with 3 downloads left (R-KEY-3, R-KEY-4): the count is one conditional
 * UPDATE, so however many GETs arrive at once, exactly 3 get the file and each of those is recorded once.
 * Concurrent on PostgreSQL at read committed (runs when TEST_DATABASE_URL is set), sequential on the
 * embedded database (which serializes everything anyway).
 */
import { describe, expect, it } from 'vitest';
import { confirmPendingAction } from '../../src/domain/confirmations/confirm-pending-action.js';
import { issueKeyExecutor } from '../../src/domain/software/issue-key.js';
import { revealKey } from '../../src/domain/software/reveal-key.js';
import { startKeyRequest } from '../../src/domain/software/request-key.js';
import type { TestBot } from '../support/bot.js';
import { TEST_DATABASE_URL } from '../support/databases.js';
import { useTestBot } from '../support/test-bot.js';
import { anActor } from '../support/builders.js';

const ADMIN_AGENT = anActor(['admin-agent']);
const GETS = 50;
const LEFT = 3;

/** A fresh Office order for Contoso, its key and link issued, the link with `LEFT` downloads to go. */
async function linkWithDownloadsLeft(
  bot: TestBot,
): Promise<{ url: string; linkId: string; orderId: string }> {
  const deps = bot.deps;
  const orderId = `ORD-BURST-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  await deps.orders.create({
    id: orderId,
    customerId: 'cus-contoso',
    placedByAadObjectId: ADMIN_AGENT.aadObjectId!,
    placedAt: deps.clock.now(),
    total: 439,
    currency: 'USD',
    pendingActionId: null,
    lines: [
      {
        id: `${orderId}-1`,
        productId: 'office-ltsc-2021',
        quantity: 1,
        billingCycle: 'annual',
        unitPrice: 439,
      },
    ],
    subscriptions: [],
  });
  const chooser = await startKeyRequest(deps, ADMIN_AGENT, { product: orderId, customer: '' });
  if (!chooser.ok) throw new Error(JSON.stringify(chooser.error));
  const issued = await confirmPendingAction(deps, ADMIN_AGENT, issueKeyExecutor, chooser.value.pendingId, {
    version: '2021',
    language: 'en-US',
    variant: 'x64',
  });
  if (!issued.ok) throw new Error(JSON.stringify(issued.error));
  const revealed = await revealKey(deps, ADMIN_AGENT, issued.value.result, false);
  if (!revealed.ok) throw new Error(JSON.stringify(revealed.error));
  const linkId = revealed.value.linkId;
  await bot.db.prisma.downloadLink.update({
    where: { id: linkId },
    data: { downloadCount: revealed.value.maxDownloads - LEFT },
  });
  return { url: revealed.value.downloadUrl, linkId, orderId };
}

/** The deliberate download (R-KEY-7: the landing page's button posts to the link). */
const get = async (url: string) => (await fetch(url, { method: 'POST', redirect: 'manual' })).status;

async function expectExactlyThreeCounted(
  bot: TestBot,
  link: { linkId: string; orderId: string },
  statuses: number[],
) {
  expect(statuses).toHaveLength(GETS);
  expect(statuses.filter((s) => s === 302)).toHaveLength(LEFT);
  expect(statuses.filter((s) => s === 410)).toHaveLength(GETS - LEFT);
  const stored = await bot.db.prisma.downloadLink.findUniqueOrThrow({ where: { id: link.linkId } });
  expect(stored.downloadCount).toBe(50);
  const events = await bot.db.prisma.auditEvent.findMany({
    where: { action: 'software.download', subjectId: link.orderId },
  });
  expect(events).toHaveLength(LEFT);
  expect(events.every((e) => (e.detail as { linkId?: string }).linkId === link.linkId)).toBe(true);
  expect(events.map((e) => (e.detail as { download?: number }).download).sort()).toEqual([48, 49, 50]);
}

describe.runIf(!!TEST_DATABASE_URL)('a burst of downloads on PostgreSQL', () => {
  const bot = useTestBot({ database: 'postgres' });

  it('R-KEY-3: 50 concurrent GETs on a link with 3 downloads left: exactly 3 are 302, 47 are 410, each of the 3 recorded once (R-KEY-4)', async () => {
    const link = await linkWithDownloadsLeft(bot);

    const statuses = await Promise.all(Array.from({ length: GETS }, () => get(link.url)));

    await expectExactlyThreeCounted(bot, link, statuses);
  });
});

describe('a burst of downloads on the embedded database', () => {
  const bot = useTestBot();

  it('R-KEY-3: 50 GETs in a row on a link with 3 downloads left: exactly 3 are 302, 47 are 410, each of the 3 recorded once (R-KEY-4)', async () => {
    const link = await linkWithDownloadsLeft(bot);

    const statuses: number[] = [];
    for (let i = 0; i < GETS; i++) statuses.push(await get(link.url));

    await expectExactlyThreeCounted(bot, link, statuses);
  });
});

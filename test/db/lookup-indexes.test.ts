/**
 * Every lookup a turn or a pass makes has an index that can serve it (migration …_lookup_indexes): with
 * sequential scans discouraged, the planner finds an index for each, on the same migrations PostgreSQL runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ kind: 'memory' });
});
afterAll(async () => {
  await db?.close();
});

const plan = async (sql: string): Promise<string> => {
  const rows = await db.prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
    return tx.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN ${sql}`);
  });
  return rows.map((row) => row['QUERY PLAN']).join('\n');
};

describe('lookup indexes', () => {
  it.each([
    [
      'a customer by domain, any case',
      `SELECT id FROM customers WHERE "primaryDomain" ILIKE 'contoso.onmicrosoft.com'`,
      // The trigram index, GIN or GiST: whichever the planner costs lower for this table.
      /customers_primaryDomain_trgm(_gist)?_idx/,
    ],
    [
      "a page of a customer's subscriptions, newest first",
      `SELECT id FROM subscriptions WHERE "customerId" = 'c1' ORDER BY "orderedAt" DESC, id LIMIT 31 OFFSET 30`,
      'subscriptions_customerId_orderedAt_id_idx',
    ],
    [
      'who last acted on a subscription',
      `SELECT "actorAadObjectId" FROM audit_events WHERE "subjectId" = 'SUB-1' ORDER BY at DESC LIMIT 1`,
      'audit_events_subjectId_at_idx',
    ],
    [
      'expired confirmations',
      `DELETE FROM pending_actions WHERE "expiresAt" < now()`,
      'pending_actions_expiresAt_idx',
    ],
    [
      'links expiring within a day, a page after a cursor',
      `SELECT id FROM download_links WHERE "revokedAt" IS NULL AND "expiresAt" > now() AND "expiresAt" <= now() + interval '25 hours' AND ("expiresAt" > now() OR ("expiresAt" = now() AND id > 'x')) ORDER BY "expiresAt", id LIMIT 1000`,
      'download_links_expiresAt_idx',
    ],
    [
      'subscriptions whose reminder check time has come, a page after a cursor',
      `SELECT id, "reminderCheckAt" FROM subscriptions WHERE "reminderCheckAt" <= now() AND ("reminderCheckAt", id) > ('1970-01-01'::timestamptz, 'SUB-1') ORDER BY "reminderCheckAt", id LIMIT 1000`,
      'subscriptions_reminderCheckAt_id_idx',
    ],
    [
      'a page of the reminder pass with who last suspended each row (a probe per row, in the same statement)',
      `SELECT s.id, (SELECT a."actorAadObjectId" FROM audit_events a WHERE a."subjectId" = s.id AND a.action = 'subscription.suspend' AND a.outcome = 'allowed' AND a."actorAadObjectId" IS NOT NULL ORDER BY a.at DESC LIMIT 1) FROM subscriptions s WHERE s."reminderCheckAt" <= now() ORDER BY s."reminderCheckAt", s.id LIMIT 1000`,
      /subscriptions_reminderCheckAt_id_idx[\s\S]*audit_events_subjectId_at_idx|audit_events_subjectId_at_idx[\s\S]*subscriptions_reminderCheckAt_id_idx/,
    ],
  ])('%s', async (_name, sql, index) => {
    const text = await plan(sql);
    expect(text).toMatch(index);
    expect(text).not.toContain('Seq Scan');
  });
});

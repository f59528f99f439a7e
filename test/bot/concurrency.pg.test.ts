/**
 * Double clicks, Teams retries and two bot instances, against PostgreSQL at read committed (the embedded
 * database serializes everything and would hide races). Runs when TEST_DATABASE_URL is set (CI sets it).
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
import { ADMIN_AGENT, GLOBAL_ADMIN } from '../support/staff.js';

describe.runIf(!!TEST_DATABASE_URL)('confirmations on PostgreSQL with two bot instances', () => {
  let database: TestDatabase;
  let first: TestBot;
  let second: TestBot;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    first = await startTestBot({ database: database.target });
    second = await startTestBot({ database: database.target });
  }, 120_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('R-ROLE-9: 50 concurrent presses of one Confirm across two instances grant the role once, and all get the result', async () => {
    const preview = cardsOf(
      await post(first.endpoint, messageActivity('grant Ada Wong sales-agent', { from: GLOBAL_ADMIN })),
    )[0]!;
    const confirm = buttonNamed(preview, 'Confirm');
    const presses = Array.from({ length: 50 }, (_, i) =>
      post(
        (i % 2 === 0 ? first : second).endpoint,
        executeActivity(confirm.verb!, confirm.data, { from: GLOBAL_ADMIN }),
      ),
    );
    const replies = await Promise.all(presses);
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const texts = replies.map((r) => textOf(invokeCardOf(r)));
    expect(texts.every((t) => t.includes('Ada Wong now holds Sales agent.'))).toBe(true);
    expect(texts.filter((t) => !t.includes('This was already done'))).toHaveLength(1);

    const prisma = first.db.prisma;
    expect(
      await prisma.staffRole.count({ where: { aadObjectId: ADMIN_AGENT.aadObjectId, role: 'sales-agent' } }),
    ).toBe(1);
    const allowed = await prisma.auditEvent.count({
      where: { action: 'staff.grant', outcome: 'allowed', subjectId: ADMIN_AGENT.aadObjectId },
    });
    expect(allowed).toBe(1);
    const pending = await prisma.pendingAction.findUniqueOrThrow({
      where: { id: String(confirm.data.pendingId) },
    });
    expect(pending.status).toBe('done');
  });

  it('two global admins revoking each other at once cannot leave nobody able to grant roles', async () => {
    const other = { aadObjectId: '00000000-0000-4000-8000-0000000000cc', displayName: 'Second Admin' };
    await first.deps.staff.grant(other.aadObjectId, 'global-admin', { displayName: other.displayName });
    await first.db.prisma.staffRole.deleteMany({
      where: { role: 'global-admin', aadObjectId: { notIn: [GLOBAL_ADMIN.aadObjectId, other.aadObjectId] } },
    });
    const graceRevokesOther = cardsOf(
      await post(first.endpoint, messageActivity('revoke Second Admin global-admin', { from: GLOBAL_ADMIN })),
    )[0]!;
    const otherRevokesGrace = cardsOf(
      await post(second.endpoint, messageActivity('revoke Grace Kim global-admin', { from: other })),
    )[0]!;
    const a = buttonNamed(graceRevokesOther, 'Confirm');
    const b = buttonNamed(otherRevokesGrace, 'Confirm');
    const [ra, rb] = await Promise.all([
      post(first.endpoint, executeActivity(a.verb!, a.data, { from: GLOBAL_ADMIN })),
      post(second.endpoint, executeActivity(b.verb!, b.data, { from: other })),
    ]);
    const outcomes = [textOf(invokeCardOf(ra)), textOf(invokeCardOf(rb))];
    expect(outcomes.filter((t) => t.includes('Role revoked'))).toHaveLength(1);
    expect(await first.db.prisma.staffRole.count({ where: { role: 'global-admin' } })).toBe(1);
  });
});

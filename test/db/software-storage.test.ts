/**
 * What the software repository writes into its columns (the domain tests see the values the use cases
 * hand over; only a database shows what is stored): a product key sealed, a download token only as its
 * hash. On the embedded database, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import { describe, expect, it } from 'vitest';
import { confirmPendingAction } from '../../src/domain/confirmations/confirm-pending-action.js';
import { issueKeyExecutor } from '../../src/domain/software/issue-key.js';
import { startKeyRequest } from '../../src/domain/software/request-key.js';
import { revealKey } from '../../src/domain/software/reveal-key.js';
import { DATABASES } from '../support/databases.js';
import { useSeededDatabase } from '../support/seeded-database.js';
import { anActor } from '../support/builders.js';

const NOW = '2026-11-21T09:00:00.000Z';
const ADMIN_AGENT = anActor(['admin-agent']);

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe.each(DATABASES)('software columns ($name)', ({ create }) => {
  const seeded = useSeededDatabase({ now: NOW, database: create });

  /** Issues a key for a seeded server subscription order and opens it, as the bot's button does. */
  async function keyAndToken() {
    const { deps } = seeded;
    const chooser = value(await startKeyRequest(deps, ADMIN_AGENT, { product: 'ORD-2001', customer: '' }));
    const choice = { version: '2022', language: 'ko-KR', variant: 'iso-x64' };
    const issued = value(
      await confirmPendingAction(deps, ADMIN_AGENT, issueKeyExecutor, chooser.pendingId, choice),
    ).result;
    const revealed = value(await revealKey(deps, ADMIN_AGENT, issued, false));
    return { ...revealed, token: new URL(revealed.downloadUrl).pathname.split('/').pop()! };
  }

  it('R-KEY-2: a key is 32 characters, stored sealed: the column does not hold it, and opening it gives it back', async () => {
    const { productKey, keyId } = await keyAndToken();

    expect(productKey).toMatch(/^[A-Z0-9]{32}$/);
    const rows = await seeded.db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
      'SELECT * FROM product_keys WHERE id = $1',
      keyId,
    );
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(JSON.stringify(row)).not.toContain(productKey);
    expect(String(row.keyEncrypted)).not.toContain(productKey);
    expect(seeded.deps.secrets.open(String(row.keyEncrypted))).toBe(productKey);
  });

  it('R-KEY-3: a token carries at least 128 bits (22+ base64url characters) and only its hash is stored', async () => {
    const { token, linkId } = await keyAndToken();

    expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    const rows = await seeded.db.prisma.$queryRawUnsafe<Array<Record<string, unknown>>>(
      'SELECT * FROM download_links WHERE id = $1',
      linkId,
    );
    expect(rows).toHaveLength(1);
    for (const [column, cell] of Object.entries(rows[0]!)) {
      expect(String(cell instanceof Date ? cell.toISOString() : cell), column).not.toContain(token);
    }
    expect(rows[0]!.tokenHash).toBe(seeded.deps.secrets.hashToken(token));
  });
});

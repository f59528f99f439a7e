/**
 * Software purchases over the in-memory fakes seeded with the demo data: product keys and counted download
 * links, the activity log and its CSV export, cancelling a software purchase, and refund support requests.
 * A movable clock decides every window; every test makes its own orders (or reads a seeded one it does
 * not change), so tests do not depend on one another.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { seedProduct } from '../../prisma/seed/catalog.js';
import { ACTIVITY_PAGE_SIZE } from '../../src/domain/software/activity.js';
import {
  csvCell,
  exportActivityCsv,
  startActivityExport,
} from '../../src/domain/software/export-activity.js';
import { queryActivity } from '../../src/domain/software/query-activity.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import { confirmPendingAction } from '../../src/domain/confirmations/confirm-pending-action.js';
import type { AllDeps } from '../../src/domain/ports/deps.js';
import type { Repositories } from '../../src/domain/ports/unit-of-work.js';
import type { Role } from '../../src/domain/shared/roles.js';
import { cancelWindow, softwareCredit } from '../../src/domain/software/software-cancel-rules.js';
import { softwareCancelExecutor } from '../../src/domain/software/cancel-software-order.js';
import { startSoftwareCancel } from '../../src/domain/software/start-software-cancel.js';
import { download } from '../../src/domain/software/download-software.js';
import { issueKeyExecutor, type IssuedKey } from '../../src/domain/software/issue-key.js';
import { listSoftwarePurchases } from '../../src/domain/software/list-software-purchases.js';
import { revealKey, type RevealedKey } from '../../src/domain/software/reveal-key.js';
import { startKeyRequest } from '../../src/domain/software/request-key.js';
import { listSupportRequests } from '../../src/domain/support/list-support-requests.js';
import { PROBLEM_TYPE } from '../../src/domain/support/support-request.js';
import { startSupportRequest } from '../../src/domain/support/start-support-request.js';
import { submitSupportRequestExecutor } from '../../src/domain/support/submit-support-request.js';
import { addDays, at, DAY_MS, movableClock, type Dayjs } from '../../src/domain/shared/time.js';
import type { AuditRow } from '../fakes/fake-database.js';
import { seededFakeDeps } from '../fakes/fake-deps.js';
import { aSubscription, anActor } from '../support/builders.js';

const NOW = '2026-11-21T09:00:00.000Z';
const MINUTE_MS = 60_000;

const ADMIN_AGENT = anActor(['admin-agent']);
const GLOBAL = anActor(['global-admin']);
const ACCOUNT = anActor(['account-admin']);
const REFERRAL = anActor(['referral-admin']);
const MARKETING = anActor(['marketing-content-admin']);
const SALES = anActor(['sales-agent']);
const BILLING = anActor(['billing-admin']);
const HELPDESK = anActor(['helpdesk-agent']);

const clock = movableClock(NOW);
const deps = seededFakeDeps(NOW, { clock });
const { db } = deps;

beforeEach(() => clock.set(NOW));

const now = () => clock.now();

// ---- helpers ----

/** Unwraps a Result the test expects to be ok, showing the error when it is not. */
function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

let sequence = 0;

interface GivenOrder {
  readonly customerId: string;
  readonly productId: string;
  readonly placedAt?: Dayjs;
  readonly quantity?: number;
}

/**
 * A software order of its own for one test, written through the repositories: one line, and for software
 * subscriptions the subscription it created (a one-year term starting at the purchase).
 */
async function givenSoftwareOrder(given: GivenOrder): Promise<string> {
  sequence += 1;
  const product = (await deps.products.findById(given.productId))!;
  const placedAt = given.placedAt ?? now();
  const quantity = given.quantity ?? 1;
  const orderId = `ORD-SW${sequence}`;
  await deps.orders.create({
    id: orderId,
    customerId: given.customerId,
    placedByAadObjectId: ADMIN_AGENT.aadObjectId!,
    placedAt,
    total: Math.round(product.unitPrice * quantity * 100) / 100,
    currency: product.currency,
    pendingActionId: null,
    lines: [
      {
        id: `${orderId}-1`,
        productId: product.id,
        quantity,
        billingCycle: 'annual',
        unitPrice: product.unitPrice,
      },
    ],
    subscriptions:
      product.kind === 'software-subscription'
        ? [
            aSubscription({
              id: `SUB-SW${sequence}`,
              customerId: given.customerId,
              productId: product.id,
              productName: product.name,
              orderId,
              quantity,
              billingCycle: 'annual',
              orderedAt: placedAt,
            }),
          ]
        : [],
  });
  return orderId;
}

const OFFICE_CHOICE = { version: '2021', language: 'en-US', variant: 'x64' } as const;
const SERVER_CHOICE = { version: '2022', language: 'ko-KR', variant: 'iso-x64' } as const;

/** The chooser, then the click with a choice: what the bot does for "Get key and link". */
async function issueKey(
  orderId: string,
  choice: Record<string, unknown> = OFFICE_CHOICE,
  actor: Actor = ADMIN_AGENT,
): Promise<IssuedKey> {
  const chooser = value(await startKeyRequest(deps, actor, { product: orderId, customer: '' }));
  return value(await confirmPendingAction(deps, actor, issueKeyExecutor, chooser.pendingId, choice)).result;
}

/** A key issued and opened: the product key, and the token of its download link. */
async function keyAndToken(
  orderId: string,
  choice: Record<string, unknown> = OFFICE_CHOICE,
): Promise<RevealedKey & { token: string }> {
  const issued = await issueKey(orderId, choice);
  const revealed = value(await revealKey(deps, ADMIN_AGENT, issued, false));
  const token = new URL(revealed.downloadUrl).pathname.split('/').pop()!;
  return { ...revealed, token };
}

const keysOf = async (orderId: string) =>
  [...db.tables.productKeys.values()].filter((k) => k.orderId === orderId);
const linksOf = async (orderId: string) =>
  [...db.tables.downloadLinks.values()].filter((l) => l.orderId === orderId);
const orderRow = async (orderId: string) => {
  const order = db.tables.orders.get(orderId);
  if (!order) throw new Error(`no order ${orderId}`);
  return order;
};
/** The audit entries written so far that match every field given, oldest first. */
const auditWhere = (
  where: Partial<Pick<AuditRow, 'subjectId' | 'action' | 'outcome' | 'actorAadObjectId'>>,
) =>
  db.tables.auditEvents.filter((event) =>
    Object.entries(where).every(([field, wanted]) => event[field as keyof AuditRow] === wanted),
  );

/** A copy of a seeded product sold under new commerce (R-NCE-4). */
async function newCommerceCopyOf(productId: string): Promise<string> {
  const id = `${productId}-nce`;
  const seeded = db.tables.products.get(productId)!;
  if (!db.tables.products.has(id))
    db.tables.products.set(id, {
      ...seeded,
      id,
      name: `${seeded.name} (new commerce)`,
      commercePolicy: 'new-commerce',
    });
  return id;
}

// ---- product keys and download links ----

describe('the edition chooser (R-KEY-1)', () => {
  it('R-KEY-1: offers exactly the versions, languages and bitness of on-premises software', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const chooser = value(await startKeyRequest(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    const catalog = seedProduct('office-ltsc-2021').softwareOptions!;
    expect(chooser.options).toEqual(catalog);
    expect(chooser.options.variantKind).toBe('bitness');
    expect(chooser.options.variants.map((v) => v.id)).toEqual(['x86', 'x64']);
    expect(chooser).toMatchObject({ orderId, productName: 'Office LTSC Professional Plus 2021' });
    expect(chooser.customerName).toBe('Coho Winery');
  });

  it('R-KEY-1: offers exactly the versions, languages and file types of a server subscription', async () => {
    const chooser = value(await startKeyRequest(deps, ADMIN_AGENT, { product: 'ORD-2001', customer: '' }));
    const catalog = seedProduct('ws2022-dc-sub').softwareOptions!;
    expect(chooser.options).toEqual(catalog);
    expect(chooser.options.variantKind).toBe('file-type');
    expect(chooser.options.versions).toEqual(['2022', '2019']);
    expect(chooser.options.variants.map((v) => v.label)).toEqual(['ISO (x64)', 'VHDX (x64)']);
    const issued = value(
      await confirmPendingAction(deps, ADMIN_AGENT, issueKeyExecutor, chooser.pendingId, SERVER_CHOICE),
    ).result;
    expect(issued).toMatchObject({ ...SERVER_CHOICE, variantLabel: 'ISO (x64)' });
    const { downloadUrl } = value(await revealKey(deps, ADMIN_AGENT, issued, false));
    expect(await download(deps, new URL(downloadUrl).pathname.split('/').pop()!)).toEqual({
      ok: true,
      fileUrl: 'https://downloads.example.test/ws2022-dc-sub/2022/ko-KR/iso-x64',
    });
  });

  it('R-KEY-1: finds the purchase by product name and customer, as typed', async () => {
    const chooser = value(
      await startKeyRequest(deps, ADMIN_AGENT, {
        product: 'SQL Server 2022',
        customer: 'contoso pharmaceuticals',
      }),
    );
    expect(chooser.orderId).toBe('ORD-2004');
    expect(chooser.options.variantKind).toBe('file-type');
  });

  it.each([
    ['a version it does not offer', { ...OFFICE_CHOICE, version: '2019' }],
    ['a language it does not offer', { ...OFFICE_CHOICE, language: 'xx-XX' }],
    ['a variant it does not offer', { ...OFFICE_CHOICE, variant: 'arm64' }],
    ['a file type of another product', { ...OFFICE_CHOICE, variant: 'iso-x64' }],
    ['no choice at all', {}],
  ])('R-KEY-1: refuses %s at the click (invalid-input), and stores nothing', async (_case, choice) => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const chooser = value(await startKeyRequest(deps, ADMIN_AGENT, { product: orderId, customer: '' }));

    const result = await confirmPendingAction(deps, ADMIN_AGENT, issueKeyExecutor, chooser.pendingId, choice);

    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input', field: 'edition' } });
    expect(await keysOf(orderId)).toHaveLength(0);
    expect(await linksOf(orderId)).toHaveLength(0);
    expect(auditWhere({ subjectId: orderId, action: 'software.key', outcome: 'allowed' }).length).toBe(0);
    // Nothing was used up either: the same chooser still works with a choice it offers.
    value(await confirmPendingAction(deps, ADMIN_AGENT, issueKeyExecutor, chooser.pendingId, OFFICE_CHOICE));
    expect(await keysOf(orderId)).toHaveLength(1);
  });

  it('R-KEY-1: a software plan with nothing to download (SUSE) offers no key', async () => {
    const result = await startKeyRequest(deps, ADMIN_AGENT, { product: 'ORD-2006', customer: '' });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-KEY-1', reason: 'no-key' },
    });
  });
});

describe('product keys (R-KEY-2)', () => {
  it('R-KEY-2: a key is 32 characters, stored sealed: the column does not hold it, and opening it gives it back', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const { productKey, keyId } = await keyAndToken(orderId);

    expect(productKey).toHaveLength(32);
    expect(productKey).toMatch(/^[A-Z0-9]{32}$/);
    // What the use case hands the repository is sealed (the columns themselves: test/db/software-storage.test.ts).
    const row = db.tables.productKeys.get(keyId)!;
    expect(JSON.stringify(row)).not.toContain(productKey);
    expect(row.keySealed).not.toContain(productKey);
    expect(deps.secrets.open(row.keySealed)).toBe(productKey);
  });

  it('R-KEY-2, R-KEY-3: asking again for the same edition shows the same key with a new link (Decision)', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const first = await keyAndToken(orderId);
    const second = await keyAndToken(orderId);
    expect(second.productKey).toBe(first.productKey);
    expect(second.token).not.toBe(first.token);
    expect(await keysOf(orderId)).toHaveLength(1);
    expect(await linksOf(orderId)).toHaveLength(2);
  });

  it('R-KEY-2: another edition of the same purchase gets a key of its own, sealed differently', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const first = await keyAndToken(orderId);
    const other = await keyAndToken(orderId, { ...OFFICE_CHOICE, language: 'ko-KR' });
    expect(other.productKey).not.toBe(first.productKey);
    const sealed = (await keysOf(orderId)).map((k) => k.keySealed);
    expect(new Set(sealed).size).toBe(2);
  });
});

describe('download links (R-KEY-3)', () => {
  it('R-KEY-3: a link works 1 ms before 14 days after its issue', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const { token, linkExpiresAt } = await keyAndToken(orderId);
    expect(linkExpiresAt).toBe(addDays(now(), 14).toISOString());
    clock.set(addDays(at(NOW), 14).valueOf() - 1);

    const outcome = await download(deps, token);

    expect(outcome).toEqual({
      ok: true,
      fileUrl: 'https://downloads.example.test/office-ltsc-2021/2021/en-US/x64.iso',
    });
  });

  it('R-KEY-3: a link is refused (expired) at exactly 14 days after its issue, and not counted', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const { token } = await keyAndToken(orderId);
    clock.set(addDays(at(NOW), 14).valueOf());

    expect(await download(deps, token)).toEqual({ ok: false, reason: 'expired' });
    expect((await linksOf(orderId))[0]!.downloadCount).toBe(0);
    clock.advance(DAY_MS);
    expect(await download(deps, token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('R-KEY-3: a link works for 50 downloads; the 51st is refused (used-up)', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const { token } = await keyAndToken(orderId);

    for (let i = 1; i <= 50; i++) {
      const outcome = await download(deps, token);
      expect(outcome.ok, `download ${i}`).toBe(true);
    }
    expect(await download(deps, token)).toEqual({ ok: false, reason: 'used-up' });
    expect((await linksOf(orderId))[0]!.downloadCount).toBe(50);
  });

  it('R-KEY-3: asking again issues a new link with a fresh 14 days and 50 downloads', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const first = await keyAndToken(orderId);
    db.tables.downloadLinks.set(first.linkId, {
      ...db.tables.downloadLinks.get(first.linkId)!,
      downloadCount: 50,
    });
    clock.set(addDays(at(NOW), 13).valueOf());

    const second = await keyAndToken(orderId);

    expect(second.token).not.toBe(first.token);
    expect(second.linkExpiresAt).toBe(addDays(now(), 14).toISOString());
    expect(second.maxDownloads).toBe(50);
    expect(second.downloadsLeft).toBe(50);
    expect(await download(deps, first.token)).toEqual({ ok: false, reason: 'used-up' });
    clock.set(addDays(at(NOW), 20).valueOf());
    expect(await download(deps, first.token)).toMatchObject({ ok: false });
    expect(await download(deps, second.token)).toMatchObject({ ok: true });
  });

  it('R-KEY-3: a token carries at least 128 bits (22+ base64url characters) and only its hash is stored', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const { token, linkId, downloadUrl } = await keyAndToken(orderId);

    expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(downloadUrl).toBe(`http://localhost:3978/downloads/${token}`);
    // What the use case hands the repository (the columns themselves: test/db/software-storage.test.ts).
    const row = db.tables.downloadLinks.get(linkId)!;
    for (const [field, cell] of Object.entries(row)) {
      expect(String(typeof cell === 'object' && cell ? cell.toISOString() : cell), field).not.toContain(
        token,
      );
    }
    expect(row.tokenHash).toBe(deps.secrets.hashToken(token));
  });

  it('R-KEY-3: an unknown or malformed token is unknown, and counts nothing', async () => {
    expect(await download(deps, 'A'.repeat(32))).toEqual({ ok: false, reason: 'unknown' });
    expect(await download(deps, 'short')).toEqual({ ok: false, reason: 'unknown' });
    expect(await download(deps, '../../etc/passwd-aaaaaaaaaaaaaaaa')).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });
});

describe('downloads under a flood of guesses', () => {
  it('R-KEY-3: an unknown token is refused without opening a transaction; a real one opens exactly one', async () => {
    let transactions = 0;
    const counting: typeof deps = {
      ...deps,
      uow: {
        run: (work) => {
          transactions += 1;
          return deps.uow.run(work);
        },
      },
    };
    for (const guess of ['B'.repeat(32), 'abcdefghijklmnopqrstuvwxyz012345', 'x'.repeat(22)])
      expect(await download(counting, guess)).toEqual({ ok: false, reason: 'unknown' });
    expect(transactions).toBe(0);

    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const { token } = await keyAndToken(orderId);
    expect(await download(counting, token)).toMatchObject({ ok: true });
    expect(transactions).toBe(1);
  });
});

describe('the record of key views and downloads (R-KEY-4)', () => {
  it('R-KEY-4: issuing a key records who, when, customer and product (software.key)', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    clock.advance(3 * MINUTE_MS);
    await issueKey(orderId);

    const events = auditWhere({ subjectId: orderId, action: 'software.key', outcome: 'allowed' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorAadObjectId: ADMIN_AGENT.aadObjectId,
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    expect(events[0]!.at.toISOString()).toBe(now().toISOString());
  });

  it('R-KEY-4: viewing the key again records another software.key event', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const issued = await issueKey(orderId);
    clock.advance(MINUTE_MS);
    const again = value(await revealKey(deps, ADMIN_AGENT, issued, true));

    const events = auditWhere({ subjectId: orderId, action: 'software.key', outcome: 'allowed' });
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      actorAadObjectId: ADMIN_AGENT.aadObjectId,
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    expect(events[1]!.at.toISOString()).toBe(now().toISOString());
    expect(again.productKey).toHaveLength(32);
  });

  it('R-KEY-4: every download records who, when, customer and product (software.download)', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const { token } = await keyAndToken(orderId);
    clock.advance(MINUTE_MS);
    await download(deps, token);
    clock.advance(MINUTE_MS);
    await download(deps, token);
    clock.set(addDays(at(NOW), 15).valueOf());
    await download(deps, token); // expired: not a download

    const events = auditWhere({ subjectId: orderId, action: 'software.download' });
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event).toMatchObject({
        outcome: 'allowed',
        actorAadObjectId: ADMIN_AGENT.aadObjectId,
        customerId: 'cus-coho-winery',
        productId: 'office-ltsc-2021',
      });
    }
    expect(events.map((e) => e.at.toISOString())).toEqual([
      at(NOW).add(MINUTE_MS, 'ms').toISOString(),
      at(NOW)
        .add(2 * MINUTE_MS, 'ms')
        .toISOString(),
    ]);
  });
});

describe('who may get keys (R-ROLE-3)', () => {
  it.each([
    ['global-admin', GLOBAL],
    ['sales-agent', SALES],
    ['billing-admin', BILLING],
    ['helpdesk-agent', HELPDESK],
    ['account-admin', ACCOUNT],
  ])(
    'R-ROLE-3: a %s is refused before the purchase is looked up, and it is audited',
    async (_role, actor) => {
      const pendingBefore = db.tables.pendingActions.size;
      const deniedBefore = auditWhere({
        action: 'software.key',
        outcome: 'denied',
        actorAadObjectId: actor.aadObjectId,
      }).length;

      const known = await startKeyRequest(deps, actor, { product: 'ORD-2001', customer: '' });
      const unknown = await startKeyRequest(deps, actor, { product: 'ORD-NOPE', customer: '' });

      expect(known).toMatchObject({ ok: false, error: { kind: 'forbidden', allowedRoles: ['admin-agent'] } });
      expect(unknown).toEqual(known);
      expect(db.tables.pendingActions.size).toBe(pendingBefore);
      expect(
        auditWhere({ action: 'software.key', outcome: 'denied', actorAadObjectId: actor.aadObjectId }).length,
      ).toBe(deniedBefore + 2);
    },
  );

  it('R-ROLE-3: an admin agent who loses the role after the chooser is refused at the click, and nothing is issued', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const chooser = value(await startKeyRequest(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    const demoted: Actor = { ...ADMIN_AGENT, roles: ['sales-agent'] };

    const result = await confirmPendingAction(
      deps,
      demoted,
      issueKeyExecutor,
      chooser.pendingId,
      OFFICE_CHOICE,
    );

    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden', action: 'software.key' } });
    expect(await keysOf(orderId)).toHaveLength(0);
    expect(await linksOf(orderId)).toHaveLength(0);
  });

  it('R-ROLE-3: a key issued earlier is not shown again to someone who lost the role', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-coho-winery',
      productId: 'office-ltsc-2021',
    });
    const issued = await issueKey(orderId);
    const result = await revealKey(deps, { ...ADMIN_AGENT, roles: ['global-admin'] }, issued, true);
    expect(result).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });
});

// ---- cancelling a software purchase ----

describe('the cancel window (R-SWC-1)', () => {
  const cancelAt = async (orderId: string, instant: number) => {
    clock.set(instant);
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    return confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
      acknowledged: 'true',
    });
  };

  it('R-SWC-1: cancels 1 ms before 60 days after the purchase', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-alpine-ski-house',
      productId: 'office-ltsc-2021',
    });
    const result = value(await cancelAt(orderId, addDays(at(NOW), 60).valueOf() - 1));
    expect(result.result).toMatchObject({ orderId, creditKind: 'full', credit: 439 });
    expect((await orderRow(orderId)).status).toBe('cancelled');
  });

  it('R-SWC-1: refuses to cancel exactly 60 days after the purchase (cancel-window-passed)', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-alpine-ski-house',
      productId: 'office-ltsc-2021',
    });
    clock.set(addDays(at(NOW), 60).valueOf());
    const result = await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'refused',
        rule: 'R-SWC-1',
        reason: 'cancel-window-passed',
        facts: { orderId, days: 60, closedAt: addDays(at(NOW), 60).toISOString() },
      },
    });
    expect((await orderRow(orderId)).status).toBe('completed');
  });

  it('R-SWC-1: refuses to cancel after 60 days', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-alpine-ski-house',
      productId: 'office-ltsc-2021',
    });
    clock.set(addDays(at(NOW), 75).valueOf());
    expect(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' })).toMatchObject({
      ok: false,
      error: { kind: 'refused', reason: 'cancel-window-passed' },
    });
    expect(await startSoftwareCancel(deps, ADMIN_AGENT, { product: 'ORD-2003', customer: '' })).toMatchObject(
      { ok: false, error: { kind: 'refused', rule: 'R-SWC-1', reason: 'cancel-window-passed' } },
    );
  });

  it('R-SWC-1: the click is checked at its own instant: previewed in the window, clicked at 60 days, refused', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-alpine-ski-house',
      productId: 'office-ltsc-2021',
    });
    clock.set(addDays(at(NOW), 60).valueOf() - 5 * MINUTE_MS);
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    expect(preview.windowLeftMs).toBe(5 * MINUTE_MS);
    expect(preview.daysLeft).toBe(0);
    clock.set(addDays(at(NOW), 60).valueOf());

    const result = await confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
      acknowledged: 'true',
    });

    expect(result).toMatchObject({ ok: false, error: { kind: 'refused', reason: 'cancel-window-passed' } });
    expect((await orderRow(orderId)).status).toBe('completed');
  });

  it('R-SWC-5: the preview says how long is left in the window', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-alpine-ski-house',
      productId: 'office-ltsc-2021',
    });
    clock.set(addDays(at(NOW), 10).valueOf() + 3 * 3_600_000);
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    expect(preview).toMatchObject({
      rule: 'R-SWC-1',
      daysLeft: 49,
      windowLeftMs: 50 * DAY_MS - 3 * 3_600_000,
      windowClosesAt: addDays(at(NOW), 60).toISOString(),
    });
  });
});

describe('what cannot be cancelled here (R-SWC-2, R-SWC-3)', () => {
  it('R-SWC-2: Windows 7 ESU is refused with the support-request route (support-request-only)', async () => {
    const result = await startSoftwareCancel(deps, ADMIN_AGENT, { product: 'ORD-2005', customer: '' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'refused',
        rule: 'R-SWC-2',
        reason: 'support-request-only',
        facts: { orderId: 'ORD-2005' },
      },
    });
  });

  it('R-SWC-2: an ESU bought an hour ago, well inside 60 days, is still refused', async () => {
    const orderId = await givenSoftwareOrder({ customerId: 'cus-alpine-ski-house', productId: 'win7-esu' });
    clock.advance(60 * MINUTE_MS);
    expect(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' })).toMatchObject({
      ok: false,
      error: { reason: 'support-request-only' },
    });
  });

  it.each([
    ['SUSE', 'ORD-2006'],
    ['Red Hat', 'ORD-2007'],
  ])('R-SWC-3: a %s software plan is refused (not-cancellable)', async (_name, orderId) => {
    const result = await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-SWC-3', reason: 'not-cancellable' },
    });
    expect((await orderRow(orderId)).status).toBe('completed');
  });

  it('R-ROLE-4: only an admin agent may cancel a software purchase', async () => {
    for (const actor of [GLOBAL, SALES, BILLING, ACCOUNT]) {
      expect(await startSoftwareCancel(deps, actor, { product: 'ORD-2010', customer: '' })).toMatchObject({
        ok: false,
        error: { kind: 'forbidden', action: 'software.cancel' },
      });
    }
  });
});

describe('the acknowledgement and one order at a time (R-SWC-4)', () => {
  it.each([
    ['no acknowledgement', {}],
    ['an unticked acknowledgement', { acknowledged: 'false' }],
    ['something else', { acknowledged: 'yes' }],
  ])('R-SWC-4: %s is refused and nothing changes', async (_case, input) => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-alpine-ski-house',
      productId: 'office-ltsc-2021',
    });
    const { token } = await keyAndToken(orderId);
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));

    const result = await confirmPendingAction(
      deps,
      ADMIN_AGENT,
      softwareCancelExecutor,
      preview.pendingId,
      input,
    );

    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-SWC-4', reason: 'acknowledgement-required' },
    });
    expect(await orderRow(orderId)).toMatchObject({
      status: 'completed',
      cancelledAt: null,
      creditAmount: null,
    });
    expect((await keysOf(orderId)).every((k) => k.revokedAt === null)).toBe(true);
    expect(await download(deps, token)).toMatchObject({ ok: true });
    expect(db.tables.pendingActions.get(preview.pendingId)!.status).toBe('pending');
  });

  it('R-SWC-4: two orders of the product for the customer are a choice of order, and one confirmation cancels one', async () => {
    const first = await givenSoftwareOrder({
      customerId: 'cus-trey-research',
      productId: 'office-ltsc-2021',
    });
    clock.advance(MINUTE_MS);
    const second = await givenSoftwareOrder({
      customerId: 'cus-trey-research',
      productId: 'office-ltsc-2021',
    });

    const ambiguous = await startSoftwareCancel(deps, ADMIN_AGENT, {
      product: 'Office LTSC',
      customer: 'trey research',
    });
    expect(ambiguous).toMatchObject({ ok: false, error: { kind: 'ambiguous', what: 'order' } });
    if (ambiguous.ok || ambiguous.error.kind !== 'ambiguous') throw new Error('expected a choice');
    expect(ambiguous.error.candidates.map((c) => c.id).sort()).toEqual([first, second].sort());

    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: second, customer: '' }));
    value(
      await confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
        acknowledged: 'true',
      }),
    );
    const again = await confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
      acknowledged: 'true',
    });

    expect(again).toMatchObject({
      ok: false,
      error: { kind: 'already-done', previous: { orderId: second } },
    });
    expect((await orderRow(second)).status).toBe('cancelled');
    expect((await orderRow(first)).status).toBe('completed');
    // The remaining order is now the only one: no choice needed.
    const remaining = value(
      await startSoftwareCancel(deps, ADMIN_AGENT, { product: 'Office LTSC', customer: 'trey research' }),
    );
    expect(remaining.orderId).toBe(first);
  });
});

describe('after cancelling (R-SWC-6)', () => {
  it('R-SWC-6: every key and link of the order is revoked; an issued link now says revoked', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-fourth-coffee',
      productId: 'office-ltsc-2021',
    });
    const first = await keyAndToken(orderId);
    const second = await keyAndToken(orderId, { ...OFFICE_CHOICE, variant: 'x86', language: 'ko-KR' });
    clock.advance(DAY_MS);
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    expect(preview.activeKeys).toBe(2);

    const done = value(
      await confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
        acknowledged: 'true',
      }),
    );

    expect(done.result).toMatchObject({ keysRevoked: 2, linksRevoked: 2 });
    const keys = await keysOf(orderId);
    const links = await linksOf(orderId);
    expect(keys.map((k) => k.revokedAt?.toISOString())).toEqual([now().toISOString(), now().toISOString()]);
    expect(links.map((l) => l.revokedAt?.toISOString())).toEqual([now().toISOString(), now().toISOString()]);
    expect(await download(deps, first.token)).toEqual({ ok: false, reason: 'revoked' });
    expect(await download(deps, second.token)).toEqual({ ok: false, reason: 'revoked' });
    expect(await revealKey(deps, ADMIN_AGENT, first, true)).toMatchObject({ ok: false });
    expect(await startKeyRequest(deps, ADMIN_AGENT, { product: orderId, customer: '' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-state', status: 'cancelled' },
    });
  });

  it('R-SWC-6: the cancelled purchase is still listed, cancelled, with no active key', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-fourth-coffee',
      productId: 'office-ltsc-2021',
    });
    await keyAndToken(orderId);
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    value(
      await confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
        acknowledged: 'true',
      }),
    );

    const list = value(await listSoftwarePurchases(deps, ADMIN_AGENT, { customer: 'fourth coffee' }));
    const listed = list.purchases.find((p) => p.orderId === orderId);
    expect(listed).toMatchObject({ status: 'cancelled', activeKeys: 0, creditAmount: 439 });
    expect(listed?.cancelledAt?.toISOString()).toBe(now().toISOString());
  });

  it('R-SWC-6: revoking happens in the same transaction as the cancellation: when the cancellation fails, no key is revoked', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-fourth-coffee',
      productId: 'office-ltsc-2021',
    });
    const { token } = await keyAndToken(orderId);
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    // Someone else changes the order between the revocation and the cancellation write.
    const failingDeps: AllDeps = {
      ...deps,
      uow: {
        run: (work) =>
          deps.uow.run((tx: Repositories) =>
            work({ ...tx, software: { ...tx.software, cancelOrder: async () => false } }),
          ),
      },
    };

    const result = await confirmPendingAction(
      failingDeps,
      ADMIN_AGENT,
      softwareCancelExecutor,
      preview.pendingId,
      {
        acknowledged: 'true',
      },
    );

    expect(result).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    expect((await keysOf(orderId)).every((k) => k.revokedAt === null)).toBe(true);
    expect((await linksOf(orderId)).every((l) => l.revokedAt === null)).toBe(true);
    expect(await download(deps, token)).toMatchObject({ ok: true });
  });

  it('R-SWC-6: a software subscription is cancelled with its subscription', async () => {
    const orderId = await givenSoftwareOrder({ customerId: 'cus-fourth-coffee', productId: 'ws2022-dc-sub' });
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    value(
      await confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
        acknowledged: 'true',
      }),
    );
    expect([...db.tables.subscriptions.values()].find((s) => s.orderId === orderId)).toMatchObject({
      status: 'cancelled',
      autoRenew: false,
    });
  });
});

describe('the credit (R-SWC-7)', () => {
  it('R-SWC-7: perpetual software is credited 100%', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-lucerne-publishing',
      productId: 'office-ltsc-2021',
      quantity: 3,
    });
    clock.set(addDays(at(NOW), 45).valueOf());
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    expect(preview).toMatchObject({ credit: 1317, creditKind: 'full', currency: 'USD' });
    const done = value(
      await confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
        acknowledged: 'true',
      }),
    );
    expect(done.result).toMatchObject({ credit: 1317, creditKind: 'full' });
    expect((await orderRow(orderId)).creditAmount).toBe(1317);
  });

  it('R-SWC-7: a software subscription is credited for its unused days over the days in the term', async () => {
    // 2 × 1,850.00 for a 365-day term, cancelled 10 days and 5 hours in: 355 unused days.
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-lucerne-publishing',
      productId: 'ws2022-dc-sub',
      quantity: 2,
    });
    clock.set(addDays(at(NOW), 10).valueOf() + 5 * 3_600_000);
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    const expected = Math.round(((3700 * 355) / 365) * 100) / 100;
    expect(expected).toBe(3598.63);
    expect(preview).toMatchObject({ credit: expected, creditKind: 'prorated' });

    const done = value(
      await confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
        acknowledged: 'true',
      }),
    );

    expect(done.result).toMatchObject({ credit: 3598.63, creditKind: 'prorated' });
    expect((await orderRow(orderId)).creditAmount).toBe(3598.63);
  });

  it('R-SWC-7: the prorated credit falls as the term is used (day 0: all, day 59: 306/365)', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-lucerne-publishing',
      productId: 'ws2022-dc-sub',
    });
    const purchase = (await deps.software.findPurchase(orderId))!;
    expect(softwareCredit(purchase, at(NOW))).toEqual({ credit: 1850, kind: 'prorated' });
    expect(softwareCredit(purchase, addDays(at(NOW), 59))).toEqual({
      credit: Math.round(((1850 * 306) / 365) * 100) / 100,
      kind: 'prorated',
    });
  });
});

describe('new-commerce software (R-NCE-4)', () => {
  it('R-NCE-4: new-commerce perpetual software is refundable in full 1 ms before 30 days', async () => {
    const productId = await newCommerceCopyOf('office-ltsc-2021');
    const orderId = await givenSoftwareOrder({ customerId: 'cus-margies-travel', productId });
    const purchase = (await deps.software.findPurchase(orderId))!;
    expect(cancelWindow(purchase)).toMatchObject({ rule: 'R-NCE-4' });
    expect(cancelWindow(purchase).closesAt.toISOString()).toBe(addDays(at(NOW), 30).toISOString());
    clock.set(addDays(at(NOW), 30).valueOf() - 1);

    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    expect(preview).toMatchObject({ rule: 'R-NCE-4', credit: 439, creditKind: 'full' });
    value(
      await confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
        acknowledged: 'true',
      }),
    );
    expect((await orderRow(orderId)).status).toBe('cancelled');
  });

  it('R-NCE-4: new-commerce perpetual software is refused at exactly 30 days (while legacy allows 60)', async () => {
    const productId = await newCommerceCopyOf('office-ltsc-2021');
    const orderId = await givenSoftwareOrder({ customerId: 'cus-margies-travel', productId });
    clock.set(addDays(at(NOW), 30).valueOf());
    expect(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' })).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-NCE-4', reason: 'cancel-window-passed', facts: { days: 30 } },
    });
  });

  it('R-NCE-4: a new-commerce software subscription is refundable, prorated, 1 ms before 7 days', async () => {
    const productId = await newCommerceCopyOf('ws2022-dc-sub');
    const orderId = await givenSoftwareOrder({ customerId: 'cus-margies-travel', productId });
    clock.set(addDays(at(NOW), 7).valueOf() - 1);
    const preview = value(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' }));
    expect(preview).toMatchObject({
      rule: 'R-NCE-4',
      creditKind: 'prorated',
      credit: Math.round(((1850 * 359) / 365) * 100) / 100,
      windowLeftMs: 1,
    });
    value(
      await confirmPendingAction(deps, ADMIN_AGENT, softwareCancelExecutor, preview.pendingId, {
        acknowledged: 'true',
      }),
    );
    expect((await orderRow(orderId)).status).toBe('cancelled');
  });

  it('R-NCE-4: a new-commerce software subscription is refused at exactly 7 days', async () => {
    const productId = await newCommerceCopyOf('ws2022-dc-sub');
    const orderId = await givenSoftwareOrder({ customerId: 'cus-margies-travel', productId });
    clock.set(addDays(at(NOW), 7).valueOf());
    expect(await startSoftwareCancel(deps, ADMIN_AGENT, { product: orderId, customer: '' })).toMatchObject({
      ok: false,
      error: { kind: 'refused', rule: 'R-NCE-4', reason: 'cancel-window-passed', facts: { days: 7 } },
    });
  });
});

// ---- refund support requests ----

describe('refund support requests (R-SUP-1)', () => {
  const GOOD = {
    reason: 'The customer ordered the wrong edition',
    impact: 'moderate',
    title: 'Refund ESU order',
    contactName: 'Ada Wong',
    contactEmail: 'ada.wong@partner.example',
    contactPhone: '+82 2-1234-5678',
  };

  it('R-SUP-1: the form is pre-filled with the tenant id and domain, the order and its amount', async () => {
    const order = await orderRow('ORD-2005');
    const form = value(await startSupportRequest(deps, ADMIN_AGENT, { ref: 'ORD-2005' }));
    expect(form).toMatchObject({
      customerId: 'cus-litware',
      customerName: 'Litware, Inc.',
      tenantId: '26ca3d84-2569-4a96-b803-01314de6f5ca',
      primaryDomain: 'litware.onmicrosoft.com',
      orderId: 'ORD-2005',
      amount: order.total,
      currency: 'USD',
      contactName: ADMIN_AGENT.displayName,
    });
    expect(form.amount).toBe(7500);
    expect(form.suggestedTitle).toContain('ORD-2005');
  });

  it.each([
    ['contactEmail', { contactEmail: 'not-an-email' }],
    ['contactEmail', { contactEmail: '' }],
    ['contactPhone', { contactPhone: 'call me' }],
    ['contactPhone', { contactPhone: '12' }],
  ])('R-SUP-1: a bad %s is refused naming the field, and nothing is stored', async (field, bad) => {
    const form = value(await startSupportRequest(deps, ADMIN_AGENT, { ref: 'ORD-2005' }));
    const before = db.tables.supportRequests.size;

    const result = await confirmPendingAction(
      deps,
      ADMIN_AGENT,
      submitSupportRequestExecutor,
      form.pendingId,
      {
        ...GOOD,
        ...bad,
      },
    );

    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-input', field } });
    expect(db.tables.supportRequests.size).toBe(before);
  });

  it('R-SUP-1: a valid submission is stored with a reference, the problem type and a description holding tenant, order, reason and amount', async () => {
    const form = value(await startSupportRequest(deps, ADMIN_AGENT, { ref: 'ORD-2005' }));
    const receipt = value(
      await confirmPendingAction(deps, ADMIN_AGENT, submitSupportRequestExecutor, form.pendingId, GOOD),
    ).result;

    expect(receipt.reference).toMatch(/^SR-[A-Z0-9]{6,}$/);
    const row = [...db.tables.supportRequests.values()].find((r) => r.reference === receipt.reference)!;
    expect(row).toMatchObject({
      problemType: 'CSP purchase/refund on behalf of customers',
      customerId: 'cus-litware',
      orderId: 'ORD-2005',
      impact: 'moderate',
      title: 'Refund ESU order',
      contactEmail: 'ada.wong@partner.example',
      contactPhone: '+82 2-1234-5678',
      createdByAadObjectId: ADMIN_AGENT.aadObjectId,
    });
    expect(PROBLEM_TYPE).toBe('CSP purchase/refund on behalf of customers');
    expect(row.description).toMatch(/26ca3d84-2569-4a96-b803-01314de6f5ca|litware\.onmicrosoft\.com/);
    expect(row.description).toContain('ORD-2005');
    expect(row.description).toContain('The customer ordered the wrong edition');
    expect(row.description).toContain('7500.00 USD');
    expect(row.amount).toBe(7500);

    const list = value(await listSupportRequests(deps, ADMIN_AGENT));
    expect(list.map((r) => r.reference)).toContain(receipt.reference);
  });

  it('R-SUP-1: a second press of the same submit gives the same reference and stores one request', async () => {
    const orderId = await givenSoftwareOrder({
      customerId: 'cus-wide-world-importers',
      productId: 'win7-esu',
    });
    const form = value(await startSupportRequest(deps, ADMIN_AGENT, { ref: orderId }));
    const first = value(
      await confirmPendingAction(deps, ADMIN_AGENT, submitSupportRequestExecutor, form.pendingId, GOOD),
    );
    const second = await confirmPendingAction(
      deps,
      ADMIN_AGENT,
      submitSupportRequestExecutor,
      form.pendingId,
      GOOD,
    );

    expect(second).toMatchObject({
      ok: false,
      error: { kind: 'already-done', previous: { reference: first.result.reference } },
    });
    expect([...db.tables.supportRequests.values()].filter((r) => r.orderId === orderId)).toHaveLength(1);
  });
});

// ---- the activity log ----

describe('the activity log (R-KEY-5, R-ROLE-5)', () => {
  /** An event as the key and download use cases write it. */
  const record = (
    instant: string,
    overrides: { customerId?: string; actor?: string; subjectId?: string } = {},
  ) =>
    deps.audit.record({
      at: at(instant),
      actorAadObjectId: overrides.actor ?? ADMIN_AGENT.aadObjectId,
      action: 'software.download',
      outcome: 'allowed',
      customerId: overrides.customerId ?? 'cus-contoso',
      subjectId: overrides.subjectId ?? `ORD-${instant}`,
      productId: 'office-ltsc-2021',
    });

  const subjects = (page: { events: ReadonlyArray<{ subjectId?: string | null }> }) =>
    page.events.map((e) => e.subjectId);

  it('R-KEY-5: a range is whole calendar days in the user’s zone: 23:59 of the last day is in, 00:00 the next day is not', async () => {
    await record('2026-05-31T23:59:59.999+09:00', { subjectId: 'before' });
    await record('2026-06-01T00:00:00.000+09:00', { subjectId: 'first-instant' });
    await record('2026-06-03T23:59:00.000+09:00', { subjectId: 'last-minute' });
    await record('2026-06-03T23:59:59.999+09:00', { subjectId: 'last-instant' });
    await record('2026-06-04T00:00:00.000+09:00', { subjectId: 'next-day' });

    const page = value(
      await queryActivity(deps, GLOBAL, { from: '2026-06-01', to: '2026-06-03' }, 'Asia/Seoul'),
    );

    expect(subjects(page).sort()).toEqual(['first-instant', 'last-instant', 'last-minute']);
    expect(page).toMatchObject({ fromDay: '2026-06-01', toDay: '2026-06-03', total: 3 });
    // Without a zone the days are UTC days, and the same instants fall elsewhere.
    const utc = value(await queryActivity(deps, GLOBAL, { from: '2026-06-03', to: '2026-06-03' }, undefined));
    expect(subjects(utc).sort()).toEqual(['last-instant', 'last-minute', 'next-day']);
  });

  it('R-KEY-5: the day the clocks go back (25 hours in New York) includes its last hour', async () => {
    // 2026-11-01 in America/New_York runs from 04:00Z to 05:00Z the next day.
    await record('2026-11-01T23:30:00.000-05:00', { subjectId: 'dst-end-late-evening' });
    await record('2026-11-02T00:00:00.000-05:00', { subjectId: 'dst-end-next-day' });

    const page = value(
      await queryActivity(deps, GLOBAL, { from: '2026-11-01', to: '2026-11-01' }, 'America/New_York'),
    );

    expect(subjects(page)).toEqual(['dst-end-late-evening']);
  });

  it('R-KEY-5: the day the clocks go forward (23 hours in New York) excludes the next day’s first hour', async () => {
    // 2026-03-08 in America/New_York runs from 05:00Z to 04:00Z the next day.
    await record('2026-03-08T23:30:00.000-04:00', { subjectId: 'dst-start-late-evening' });
    await record('2026-03-09T00:30:00.000-04:00', { subjectId: 'dst-start-next-day' });

    const page = value(
      await queryActivity(deps, GLOBAL, { from: '2026-03-08', to: '2026-03-08' }, 'America/New_York'),
    );

    expect(subjects(page)).toEqual(['dst-start-late-evening']);
  });

  it('R-KEY-5: filters by customer', async () => {
    await record('2026-06-10T10:00:00Z', { customerId: 'cus-fabrikam', subjectId: 'fabrikam-1' });
    await record('2026-06-10T11:00:00Z', { customerId: 'cus-contoso', subjectId: 'contoso-1' });
    await record('2026-06-10T12:00:00Z', { customerId: 'cus-fabrikam', subjectId: 'fabrikam-2' });

    const page = value(
      await queryActivity(
        deps,
        GLOBAL,
        { from: '2026-06-10', to: '2026-06-10', customer: 'fabrikam' },
        undefined,
      ),
    );

    expect(page).toMatchObject({ customerId: 'cus-fabrikam', customerName: 'Fabrikam, Inc.', total: 2 });
    expect(subjects(page)).toEqual(['fabrikam-2', 'fabrikam-1']);
    expect(page.events.every((e) => e.customerName === 'Fabrikam, Inc.')).toBe(true);
  });

  it('R-KEY-5: lists who, customer and product, newest first, 15 to a page', async () => {
    for (let i = 0; i < 20; i++) {
      await record(at('2026-06-15T08:00:00Z').add(i, 'minute').toISOString(), { subjectId: `page-${i}` });
    }
    const query = { from: '2026-06-15', to: '2026-06-15' };

    const first = value(await queryActivity(deps, REFERRAL, query, undefined));
    const second = value(await queryActivity(deps, REFERRAL, { ...query, page: 1 }, undefined));

    expect(ACTIVITY_PAGE_SIZE).toBe(15);
    expect(first).toMatchObject({ page: 0, pages: 2, total: 20 });
    expect(first.events).toHaveLength(15);
    expect(first.events[0]).toMatchObject({
      subjectId: 'page-19',
      actorName: 'Ada Wong',
      customerName: 'Contoso Ltd',
      productName: 'Office LTSC Professional Plus 2021',
    });
    expect(second).toMatchObject({ page: 1, pages: 2, total: 20 });
    expect(subjects(second)).toEqual(['page-4', 'page-3', 'page-2', 'page-1', 'page-0']);
  });

  it.each([
    ['global-admin', GLOBAL],
    ['account-admin', ACCOUNT],
    ['referral-admin', REFERRAL],
    ['marketing-content-admin', MARKETING],
  ])('R-ROLE-5: a %s may view the activity log', async (_role, actor) => {
    expect(await queryActivity(deps, actor, {}, undefined)).toMatchObject({ ok: true });
  });

  it.each([
    ['admin-agent', ADMIN_AGENT],
    ['sales-agent', SALES],
    ['billing-admin', BILLING],
    ['helpdesk-agent', HELPDESK],
  ])('R-ROLE-5: a %s may not view the activity log', async (_role, actor) => {
    expect(await queryActivity(deps, actor, {}, undefined)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden', action: 'software.activity' },
    });
    expect(await startActivityExport(deps, actor, {}, undefined)).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
  });
});

describe('the activity export (R-KEY-5, R-ROLE-5)', () => {
  const record = (instant: string, actor: string | null, subjectId: string) =>
    deps.audit.record({
      at: at(instant),
      actorAadObjectId: actor,
      action: 'software.key',
      outcome: 'allowed',
      customerId: 'cus-fabrikam',
      subjectId,
      productId: 'office-ltsc-2021',
    });

  const rowsOf = (csv: string) => csv.split('\r\n').filter((line) => line !== '');

  it('R-KEY-5: the CSV has a header and one row per event of the range', async () => {
    await record('2026-07-01T10:00:00Z', ADMIN_AGENT.aadObjectId, 'ORD-CSV-1');
    await record('2026-07-01T11:00:00Z', ADMIN_AGENT.aadObjectId, 'ORD-CSV-2');
    await record('2026-07-02T11:00:00Z', ADMIN_AGENT.aadObjectId, 'ORD-CSV-3');
    await record('2026-07-03T00:00:00Z', ADMIN_AGENT.aadObjectId, 'ORD-CSV-outside');
    const started = value(
      await startActivityExport(deps, GLOBAL, { from: '2026-07-01', to: '2026-07-02' }, undefined),
    );

    const csv = await exportActivityCsv(deps, started.exportId);

    expect(csv).toBeDefined();
    const [header, ...rows] = rowsOf(csv!);
    expect(header).toBe(
      'time_utc,event,person,person_object_id,customer,customer_id,product,product_id,order_id',
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe(
      [
        '2026-07-02T11:00:00.000Z',
        'key-view',
        'Ada Wong',
        ADMIN_AGENT.aadObjectId,
        'Fabrikam, Inc.',
        'cus-fabrikam',
        'Office LTSC Professional Plus 2021',
        'office-ltsc-2021',
        'ORD-CSV-3',
      ]
        .map((cell) => `"${cell}"`)
        .join(','),
    );
    expect(csv).not.toContain('ORD-CSV-outside');
  });

  it('R-KEY-5: the export link works until 15 minutes after it is made, not at 15 minutes', async () => {
    const started = value(
      await startActivityExport(deps, GLOBAL, { from: '2026-07-01', to: '2026-07-02' }, undefined),
    );
    clock.set(
      at(NOW)
        .add(15 * MINUTE_MS - 1, 'ms')
        .valueOf(),
    );
    expect(await exportActivityCsv(deps, started.exportId)).toBeDefined();
    clock.set(
      at(NOW)
        .add(15 * MINUTE_MS, 'ms')
        .valueOf(),
    );
    expect(await exportActivityCsv(deps, started.exportId)).toBeUndefined();
  });

  it('R-ROLE-5: the export is refused when its requester lost the role meanwhile', async () => {
    const person = '00000000-0000-4000-8000-00000000e001';
    await deps.staff.grant(person, 'referral-admin', { displayName: 'Export Tester' });
    const actor: Actor = {
      aadObjectId: person,
      displayName: 'Export Tester',
      roles: ['referral-admin'] as Role[],
    };
    const started = value(
      await startActivityExport(deps, actor, { from: '2026-07-01', to: '2026-07-02' }, undefined),
    );
    expect(await exportActivityCsv(deps, started.exportId)).toBeDefined();

    await deps.staff.revoke(person, 'referral-admin');

    expect(await exportActivityCsv(deps, started.exportId)).toBeUndefined();
  });

  it('R-KEY-5: cells that a spreadsheet would run as formulas are neutralised', async () => {
    const person = '00000000-0000-4000-8000-00000000e002';
    await deps.staff.grant(person, 'admin-agent', { displayName: '=HYPERLINK("https://evil.example","x")' });
    await record('2026-07-20T10:00:00Z', person, '=1+2');
    await record('2026-07-20T11:00:00Z', person, '+1+2');
    await record('2026-07-20T12:00:00Z', person, '@SUM(A1)');
    await record('2026-07-20T13:00:00Z', person, '-1+2');
    const started = value(
      await startActivityExport(deps, GLOBAL, { from: '2026-07-20', to: '2026-07-20' }, undefined),
    );

    const csv = (await exportActivityCsv(deps, started.exportId))!;

    const cells = rowsOf(csv)
      .slice(1)
      .flatMap((row) => row.match(/"(?:[^"]|"")*"/g) ?? []);
    expect(cells.length).toBe(4 * 9);
    for (const cell of cells) expect(cell, cell).not.toMatch(/^"[=+\-@]/);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
    expect(csv).toContain(`"'=1+2"`);
  });

  it.each([
    ['a leading space', ' =1+2'],
    ['a leading tab', '\t=1+2'],
    ['a line feed', '\n=1+2'],
    ['a no-break space', '\u00a0=1+2'],
    ['an ideographic space', '\u3000+1'],
    ['a zero-width space', '\u200b=1+2'],
    ['a zero-width joiner', '\u200d@SUM(A1)'],
    ['a byte-order mark', '\ufeff-1+2'],
    ['a right-to-left override', '\u202e=1+2'],
    ['a full-width equals sign', '\uff1d1+2'],
    ['a full-width plus sign', '\uff0b1+2'],
    ['a full-width minus sign', '\uff0d1+2'],
    ['a full-width at sign', '\uff20SUM(A1)'],
    ['only invisible characters first', '\u200bplain'],
  ])('R-KEY-5: a cell starting with %s is neutralised', (_name, text) => {
    expect(csvCell(text)).toBe(`"'${text}"`);
  });

  it('R-KEY-5: ordinary text, numbers and ids are left as they are', () => {
    for (const text of ['Ada Wong', '김하나', 'ORD-2001', '2026-07-01T10:00:00.000Z', 'a=b', 'x-1', ''])
      expect(csvCell(text)).toBe(`"${text}"`);
  });

  it('R-KEY-5: the log keeps the name a person had at the event, whatever they are called later', async () => {
    const person = '00000000-0000-4000-8000-00000000e003';
    await deps.staff.grant(person, 'admin-agent', { displayName: 'Min Seo' });
    await record('2026-07-21T10:00:00Z', person, 'ORD-NAME-1');
    await deps.staff.remember({ aadObjectId: person, displayName: 'Min Seo Park' });
    await record('2026-07-21T11:00:00Z', person, 'ORD-NAME-2');
    const started = value(
      await startActivityExport(deps, GLOBAL, { from: '2026-07-21', to: '2026-07-21' }, undefined),
    );

    const rows = rowsOf((await exportActivityCsv(deps, started.exportId))!).slice(1);

    expect(rows.find((row) => row.includes('ORD-NAME-1'))).toContain('"Min Seo"');
    expect(rows.find((row) => row.includes('ORD-NAME-2'))).toContain('"Min Seo Park"');
  });
});

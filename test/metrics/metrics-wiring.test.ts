/**
 * The edges that record metrics: a turn's use cases watched for their outcome, confirmations counted as
 * stored (after commit), reminder deliveries, Partner Center calls; and prom-client kept out of the domain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outcomeOfAnswer, trackUseCases, type BotMetrics } from '../../src/bot/metrics.js';
import type { UseCases } from '../../src/bot/use-cases.js';
import type { ReminderNotifier } from '../../src/domain/reminders/reminder-notifier.js';
import type { StoredReminder } from '../../src/domain/ports/reminders.js';
import { createMetrics } from '../../src/metrics.js';
import {
  recordReminderPass,
  withConfirmationMetrics,
  withPartnerCenterMetrics,
  withReminderMetrics,
} from '../../src/metrics-wiring.js';
import type { PartnerCenterClient } from '../../src/partner-center/client.js';
import { at } from '../../src/domain/shared/time.js';
import { fakeDeps } from '../fakes/fake-deps.js';

const NOW = '2026-11-21T09:00:00Z';

/** The value of one sample, 0 when absent. */
async function sample(
  metrics: ReturnType<typeof createMetrics>,
  name: string,
  labels: Record<string, string>,
) {
  const { body } = await metrics.render();
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of body.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] === name && wanted.every((pair) => (match[2] ?? '').split(',').includes(pair)))
      return Number(match[3]);
  }
  return 0;
}

const recorder = (): BotMetrics & { expired: number } => {
  const seen = { expired: 0 };
  return Object.assign(seen, {
    turn: () => undefined,
    confirmationExpired: () => {
      seen.expired += 1;
    },
    rateLimitRefused: () => undefined,
  });
};

describe('a turn watched for its outcome', () => {
  it('is ok, refused, denied or error by the worst answer of the use cases it called, and counts an expired confirmation', async () => {
    const metrics = recorder();
    const useCases = {
      identifyActor: () => ({ aadObjectId: 'a' }),
      listStaff: async () => ({ ok: true, value: [] }),
      findCustomers: async () => ({ ok: false, error: { kind: 'not-found' } }),
      previewGrantRole: async () => ({ ok: false, error: { kind: 'forbidden' } }),
      confirmGrantRole: async () => ({ ok: false, error: { kind: 'expired', what: 'pending-action' } }),
      listOrders: async () => {
        throw new Error('database gone');
      },
    } as unknown as UseCases;
    const quiet = trackUseCases(useCases, metrics);
    // A synchronous use case stays synchronous.
    expect((quiet.useCases.identifyActor as unknown as () => unknown)()).toEqual({ aadObjectId: 'a' });
    await quiet.useCases.listStaff(undefined as never);
    expect(quiet.outcome()).toBe('ok');

    const refused = trackUseCases(useCases, metrics);
    await refused.useCases.findCustomers(undefined as never, undefined as never);
    expect(refused.outcome()).toBe('refused');
    await refused.useCases.listStaff(undefined as never);
    expect(refused.outcome()).toBe('refused');

    const denied = trackUseCases(useCases, metrics);
    await denied.useCases.findCustomers(undefined as never, undefined as never);
    await denied.useCases.previewGrantRole(undefined as never, undefined as never);
    expect(denied.outcome()).toBe('denied');

    const expired = trackUseCases(useCases, metrics);
    await expired.useCases.confirmGrantRole(undefined as never, 'p1');
    expect([expired.outcome(), metrics.expired]).toEqual(['refused', 1]);

    const failed = trackUseCases(useCases, metrics);
    await expect(failed.useCases.listOrders(undefined as never, undefined as never)).rejects.toThrow(
      'database gone',
    );
    expect(failed.outcome()).toBe('error');
  });

  it('reads only failed Results as denied or refused', () => {
    expect(outcomeOfAnswer(undefined).outcome).toBe('ok');
    expect(outcomeOfAnswer({ ok: true, value: { ok: false } }).outcome).toBe('ok');
    expect(outcomeOfAnswer({ ok: false, error: { kind: 'no-role' } }).outcome).toBe('denied');
    expect(outcomeOfAnswer({ ok: false, error: { kind: 'not-initiator' } }).outcome).toBe('denied');
    expect(outcomeOfAnswer({ ok: false, error: { kind: 'partner-center-refused' } }).outcome).toBe('refused');
  });
});

describe('confirmations as stored', () => {
  it('counts created and confirmed once the transaction commits, and nothing of one that rolled back', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const deps = withConfirmationMetrics(fakeDeps(), metrics);
    const pending = {
      action: 'staff.grant' as const,
      initiatorAadObjectId: 'a',
      payload: {},
      createdAt: at(NOW),
      expiresAt: at(NOW).add(15, 'minute'),
    };
    await deps.pending.create({ ...pending, id: 'p1' });
    await deps.pending.create({ ...pending, id: 'p2' });
    await expect(
      deps.uow.run(async (tx) => {
        expect(await tx.pending.claim('p1', at(NOW))).toBe(true);
        throw new Error('Partner Center refused; roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await sample(metrics, 'bot_confirmations_total', { event: 'confirmed' })).toBe(0);
    await deps.uow.run(async (tx) => {
      expect(await tx.pending.claim('p2', at(NOW))).toBe(true);
      expect(await tx.pending.claim('p2', at(NOW))).toBe(false);
    });
    expect(await sample(metrics, 'bot_confirmations_total', { event: 'created' })).toBe(2);
    expect(await sample(metrics, 'bot_confirmations_total', { event: 'confirmed' })).toBe(1);
  });
});

describe('reminders', () => {
  const reminder = (attempts: number) => ({ id: `r${attempts}`, attempts }) as unknown as StoredReminder;
  const notifierAnswering = (...answers: Array<'sent' | 'retry' | 'throw'>): ReminderNotifier => ({
    deliver: async () => {
      const answer = answers.shift();
      if (answer === 'throw') throw new Error('connector down');
      return answer === 'sent' ? { kind: 'sent' } : { kind: 'retry', error: '429' };
    },
  });

  it('counts due per pass, and sent, failed and retried (sent after an earlier failure) per delivery', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const notifier = withReminderMetrics(notifierAnswering('sent', 'retry', 'throw'), metrics);
    const preferences = { enabled: true, digest: false, locale: null, timeZone: null };
    await notifier.deliver('a', [reminder(0), reminder(2)], preferences);
    await notifier.deliver('b', [reminder(1)], preferences);
    await expect(notifier.deliver('c', [reminder(0)], preferences)).rejects.toThrow('connector down');
    recordReminderPass(metrics, { created: 4, sent: 2, failed: 2, skipped: 1, deferred: 1 });
    const counts = Object.fromEntries(
      await Promise.all(
        ['due', 'sent', 'failed', 'retried'].map(
          async (event) => [event, await sample(metrics, 'bot_reminders_total', { event })] as const,
        ),
      ),
    );
    expect(counts).toEqual({ due: 6, sent: 2, failed: 2, retried: 1 });
  });
});

describe('the Partner Center connector', () => {
  it('times every call by operation and outcome, and counts refusals and throws as errors', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const client = withPartnerCenterMetrics(
      {
        getCustomer: async () => ({ ok: true, value: {} }),
        getSubscription: async () => ({ ok: false, refusal: { kind: 'throttled' } }),
        listOrders: async () => {
          throw new Error('bug');
        },
        newRequestId: () => 'req-1',
      } as unknown as PartnerCenterClient,
      metrics,
    );
    await client.getCustomer('c');
    await client.getSubscription('c', 's');
    await expect(client.listOrders('c')).rejects.toThrow('bug');
    expect(client.newRequestId()).toBe('req-1');
    const count = (labels: Record<string, string>) =>
      sample(metrics, 'partner_center_call_duration_seconds_count', labels);
    expect(await count({ operation: 'getCustomer', outcome: 'ok' })).toBe(1);
    expect(await count({ operation: 'getSubscription', outcome: 'throttled' })).toBe(1);
    expect(await count({ operation: 'listOrders', outcome: 'error' })).toBe(1);
    expect(await sample(metrics, 'partner_center_call_errors_total', { operation: 'getCustomer' })).toBe(0);
    expect(
      await sample(metrics, 'partner_center_call_errors_total', {
        operation: 'getSubscription',
        kind: 'throttled',
      }),
    ).toBe(1);
    expect(
      await sample(metrics, 'partner_center_call_errors_total', { operation: 'listOrders', kind: 'error' }),
    ).toBe(1);
  });
});

describe('rate limits', () => {
  it('has a counter the limiter increments through the bot metrics port', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const port: BotMetrics = metrics;
    port.rateLimitRefused('person');
    port.rateLimitRefused('person');
    expect(await sample(metrics, 'bot_rate_limit_refusals_total', { scope: 'person' })).toBe(2);
  });
});

describe('where prom-client may be imported', () => {
  it('only src/metrics.ts imports it; the domain and the bot know only the port', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'generated' ? [] : files(full);
        return entry.name.endsWith('.ts') ? [full] : [];
      });
    const importers = files('src')
      .filter((file) =>
        /from ['"]prom-client['"]|import\(['"]prom-client['"]\)/.test(fs.readFileSync(file, 'utf8')),
      )
      .map((file) => path.relative('.', file).split(path.sep).join('/'));
    expect(importers).toEqual(['src/metrics.ts']);
  });
});

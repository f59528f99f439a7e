/**
 * Where the composition root records metrics: around the ports it hands out (pending actions, the reminder
 * notifier, the Partner Center client), so neither the domain nor the connector knows about them.
 */
import { performance } from 'node:perf_hooks';
import type { AllDeps } from './domain/ports/deps.js';
import type { PendingActionRepository } from './domain/ports/pending-actions.js';
import type { Repositories } from './domain/ports/unit-of-work.js';
import type { ReminderNotifier } from './domain/reminders/reminder-notifier.js';
import type { ReminderRunReport } from './domain/reminders/run-reminders.js';
import type { PartnerCenterClient } from './partner-center/client.js';
import type { ConfirmationEvent, Metrics } from './metrics.js';

type Note = (event: ConfirmationEvent) => void;

const watchPending = (pending: PendingActionRepository, note: Note): PendingActionRepository => ({
  ...pending,
  create: async (input) => {
    const created = await pending.create(input);
    note('created');
    return created;
  },
  claim: async (id, now) => {
    const claimed = await pending.claim(id, now);
    if (claimed) note('confirmed');
    return claimed;
  },
  find: (id) => pending.find(id),
  recordResult: (id, result) => pending.recordResult(id, result),
  updatePayload: (id, payload, now) => pending.updatePayload(id, payload, now),
  discard: (id, now) => pending.discard(id, now),
  purgeExpired: (before) => pending.purgeExpired(before),
});

/**
 * Counts confirmations created and confirmed as stored. Inside a transaction they count once it commits (a
 * purchase Partner Center refused rolls its claim back, and is not counted as confirmed).
 */
export function withConfirmationMetrics(deps: AllDeps, metrics: Metrics): AllDeps {
  const now: Note = (event) => metrics.confirmation(event);
  return {
    ...deps,
    pending: watchPending(deps.pending, now),
    uow: {
      run: async <T>(work: (tx: Repositories) => Promise<T>): Promise<T> => {
        const events: ConfirmationEvent[] = [];
        const result = await deps.uow.run((tx) =>
          work({ ...tx, pending: watchPending(tx.pending, (event) => events.push(event)) }),
        );
        for (const event of events) metrics.confirmation(event);
        return result;
      },
    },
  };
}

/** Reminders sent, failed and retried (sent again after a failure), per delivery. */
export function withReminderMetrics(notifier: ReminderNotifier, metrics: Metrics): ReminderNotifier {
  return {
    deliver: async (recipient, reminders, preferences) => {
      const retried = reminders.filter((reminder) => reminder.attempts > 0).length;
      try {
        const result = await notifier.deliver(recipient, reminders, preferences);
        metrics.reminders(result.kind === 'sent' ? 'sent' : 'failed', reminders.length);
        if (result.kind === 'sent') metrics.reminders('retried', retried);
        return result;
      } catch (error) {
        metrics.reminders('failed', reminders.length);
        throw error;
      }
    },
  };
}

/** The reminders a pass claimed as due (sent, failed, skipped or held for a digest). */
export const recordReminderPass = (metrics: Metrics, report: ReminderRunReport | undefined): void => {
  if (report) metrics.reminders('due', report.sent + report.failed + report.skipped + report.deferred);
};

const PARTNER_CENTER_UNTIMED = new Set<keyof PartnerCenterClient>(['newRequestId']);

/** Every connector call timed, with its outcome: 'ok', Partner Center's refusal kind, or 'error' (a throw). */
export function withPartnerCenterMetrics(client: PartnerCenterClient, metrics: Metrics): PartnerCenterClient {
  const timed = Object.fromEntries(
    Object.entries(client).map(([operation, call]) => {
      if (typeof call !== 'function' || PARTNER_CENTER_UNTIMED.has(operation as keyof PartnerCenterClient))
        return [operation, call];
      return [
        operation,
        async (...args: unknown[]) => {
          const startedAt = performance.now();
          const seconds = () => (performance.now() - startedAt) / 1000;
          try {
            const answer: unknown = await (call as (...a: unknown[]) => Promise<unknown>)(...args);
            metrics.partnerCenterCall(operation, outcomeOfConnectorAnswer(answer), seconds());
            return answer;
          } catch (error) {
            metrics.partnerCenterCall(operation, 'error', seconds());
            throw error;
          }
        },
      ];
    }),
  );
  return timed as unknown as PartnerCenterClient;
}

function outcomeOfConnectorAnswer(answer: unknown): string {
  if (typeof answer === 'boolean') return answer ? 'ok' : 'failed';
  if (!answer || typeof answer !== 'object' || (answer as { ok?: unknown }).ok !== false) return 'ok';
  const kind = (answer as { refusal?: { kind?: unknown } }).refusal?.kind;
  return typeof kind === 'string' ? kind : 'refused';
}

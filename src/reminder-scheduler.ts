/**
 * Runs the reminders in-process every interval. With PostgreSQL and several instances, each instance runs
 * it; the claim (a lease taken with FOR UPDATE SKIP LOCKED) makes each reminder go out once.
 */
import crypto from 'node:crypto';
import type { AllDeps } from './domain/ports/deps.js';
import { runReminders, type ReminderRunReport } from './domain/reminders/run-reminders.js';
import { type ReminderNotifier } from './domain/reminders/reminder-notifier.js';
import { purgeExpiredConfirmations } from './domain/confirmations/purge-expired-confirmations.js';
import type { Logger } from './log.js';

export interface ReminderScheduler {
  readonly instanceId: string;
  /** One pass now (also what the timer runs). */
  runOnce(): Promise<ReminderRunReport | undefined>;
  stop(): Promise<void>;
}

export function startReminderScheduler(options: {
  deps: AllDeps;
  notifier: ReminderNotifier;
  log: Logger;
  intervalMs: number;
  instanceId?: string;
}): ReminderScheduler {
  const instanceId = options.instanceId ?? `bot-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  let running: Promise<ReminderRunReport | undefined> | undefined;
  let stopped = false;
  const runOnce = () => {
    if (stopped) return Promise.resolve(undefined);
    // One pass at a time in this process.
    running ??= runReminders(options.deps, options.notifier, instanceId, Math.random)
      .then(async (report) => {
        const purged = await purgeExpiredConfirmations(options.deps);
        if (purged > 0) options.log.info({ purged, instanceId }, 'expired confirmations deleted');
        if (report.created || report.sent || report.failed)
          options.log.info({ ...report, instanceId }, 'reminders');
        return report;
      })
      .catch((error: unknown) => {
        options.log.error({ err: error, instanceId }, 'reminder pass failed');
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = options.intervalMs > 0 ? setInterval(() => void runOnce(), options.intervalMs) : undefined;
  timer?.unref();
  return {
    instanceId,
    runOnce,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

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
import { startPeriodicPass } from './periodic-pass.js';

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
  /** Each pass's report, once it is done (metrics). */
  onReport?: (report: ReminderRunReport) => void;
}): ReminderScheduler {
  const instanceId = options.instanceId ?? `bot-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const pass = startPeriodicPass({
    run: async () => {
      const report = await runReminders(options.deps, options.notifier, instanceId, Math.random);
      options.onReport?.(report);
      const purged = await purgeExpiredConfirmations(options.deps);
      if (purged > 0) options.log.info({ purged, instanceId }, 'expired confirmations deleted');
      if (report.created || report.sent || report.failed)
        options.log.info({ ...report, instanceId }, 'reminders');
      return report;
    },
    intervalMs: options.intervalMs,
    onError: (error) => options.log.error({ err: error, instanceId }, 'reminder pass failed'),
  });
  return { instanceId, runOnce: pass.runOnce, stop: pass.stop };
}

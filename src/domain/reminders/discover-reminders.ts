/**
 * Proactive reminders to the person who acted on the object: a cancellation window closing (24 h and 2 h
 * left), a trial converting in 3 days, a suspended subscription's data deleted in 7 days, a download link
 * expiring tomorrow, a scheduled cancellation taking effect tomorrow. Each is a row with a unique key, so
 * it is created once, claimed by one instance with a lease, and marked sent once delivered; failed sends
 * are retried with back-off, never dropped.
 *
 * The pass reads only the subscriptions whose check time has come: each row stores the next instant at
 * which it can give a reminder it did not give before (or change state), set by the pass from
 * `nextReminderCheck` and reset to "now" by any save. Its work is linear in what is due, not in the table.
 */
import type { AllDeps } from '../ports/deps.js';
import type { NewReminder, ReminderCheck, SourceCursor } from '../ports/reminders.js';
import type { Dayjs } from '../shared/time.js';
import { checkSubscription, linkReminders } from './reminder-events.js';

export type DiscoverRemindersDeps = Pick<AllDeps, 'reminders' | 'newId'>;

/** How many source rows one read takes. */
export const REMINDER_SOURCE_PAGE = 1000;
/**
 * At most this many pages of subscriptions per pass, so the one-time catch-up after the upgrade (every
 * row at the epoch) does not hold one pass for minutes; the next pass continues (those rows are still due).
 */
export const REMINDER_MAX_PAGES = 50;

export interface ReminderPassOptions {
  readonly pageSize?: number;
  readonly maxPages?: number;
}

export interface DiscoveryReport {
  /** Subscription rows and download links read. */
  readonly subscriptionRowsRead: number;
  readonly linkRowsRead: number;
  /** Pages of subscriptions read. */
  readonly pages: number;
  /** Reminders due at `now` (those already known included) and how many of them were new. */
  readonly due: number;
  readonly created: number;
  /** Subscriptions whose check time was advanced (the others changed meanwhile and stay queued). */
  readonly advanced: number;
  /** False when the page bound stopped the pass before every subscription due for a check was read. */
  readonly complete: boolean;
}

/** Pages whose writes (create, then advance) may run at once, while the next page is read and evaluated. */
export const REMINDER_PAGE_WRITES_IN_FLIGHT = 2;

/**
 * Work started now and awaited later: its failure is kept until `result()` is awaited, never reported as
 * an unhandled rejection in between.
 */
function started<T>(work: Promise<T>): { readonly settled: Promise<unknown>; result(): Promise<T> } {
  const settled = work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return {
    settled,
    async result() {
      const outcome = await settled;
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
  };
}

/**
 * Creates the reminders due at `now` (those already known are ignored by their unique key). Per page of
 * subscriptions whose check time has come: create their due reminders, THEN advance their check times
 * (conditional on the version read), so a crash in between only makes the next pass look again, and a
 * change saved meanwhile keeps its row queued. Download links expiring soon are read by expiry.
 *
 * The database and the evaluation overlap: the next page is read while this one is evaluated, and the
 * writes of up to REMINDER_PAGE_WRITES_IN_FLIGHT pages run meanwhile (each page's create before its own
 * advance; pages hold different subscriptions, so their writes are independent). The next page's keyset
 * starts after this page's last (check time, id) as read, so no row is read twice whether or not this
 * page's advance has landed. The pass returns only once every write it started has finished.
 */
export async function discoverReminders(
  deps: DiscoverRemindersDeps,
  now: Dayjs,
  options: ReminderPassOptions = {},
): Promise<DiscoveryReport> {
  const pageSize = options.pageSize ?? REMINDER_SOURCE_PAGE;
  const maxPages = options.maxPages ?? REMINDER_MAX_PAGES;
  const report = {
    subscriptionRowsRead: 0,
    linkRowsRead: 0,
    pages: 0,
    due: 0,
    created: 0,
    advanced: 0,
    complete: true,
  };
  const read = (after: SourceCursor | null) =>
    started(deps.reminders.subscriptionsToCheck(now, { after, limit: pageSize }));
  const writePage = async (due: NewReminder[], checks: ReminderCheck[]) => {
    // Not `report.created += await …`: that reads the total before the await, and two pages' writes
    // run at once.
    const created = await deps.reminders.create(due);
    report.created += created;
    const advanced = await deps.reminders.advanceReminderChecks(checks);
    report.advanced += advanced;
  };
  const writes: Array<ReturnType<typeof started<void>>> = [];
  let reading: ReturnType<typeof read> | null = read(null);
  try {
    while (reading !== null) {
      const page = await reading.result();
      reading = null;
      report.pages += 1;
      report.subscriptionRowsRead += page.rows.length;
      if (page.next !== null) {
        if (report.pages >= maxPages) report.complete = false;
        else reading = read(page.next);
      }
      const checked = page.rows.map((source) => ({ source, ...checkSubscription(deps, source, now) }));
      const due = checked.flatMap((c) => c.due);
      report.due += due.length;
      if (writes.length >= REMINDER_PAGE_WRITES_IN_FLIGHT) await writes.shift()!.result();
      writes.push(
        started(
          writePage(
            due,
            checked.map(({ source, next }) => ({
              id: source.subscription.id,
              version: source.subscription.version,
              checkAt: next,
            })),
          ),
        ),
      );
    }
    while (writes.length > 0) await writes.shift()!.result();
  } finally {
    // On a failure, what was started still finishes (or fails) before the pass reports it.
    await Promise.all([...writes.map((w) => w.settled), ...(reading ? [reading.settled] : [])]);
  }
  let after: SourceCursor | null = null;
  do {
    const page = await deps.reminders.linkSources(now, { after, limit: pageSize });
    report.linkRowsRead += page.rows.length;
    const due = linkReminders(deps, now, page.rows);
    report.due += due.length;
    report.created += await deps.reminders.create(due);
    after = page.next;
  } while (after !== null);
  return report;
}

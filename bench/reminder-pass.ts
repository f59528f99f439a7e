/**
 * `npx tsx bench/reminder-pass.ts`: only the reminder passes of `--scale`, on the scale database it made
 * (`npm run bench -- --scale 10000` first), in seconds instead of the scale bench's minutes of turns.
 *
 * "now" is the instant the scale data was generated (its customers' accounts were opened 800 days before
 * it), so the +6 h pass holds the same batch whenever this runs. Each run first deletes the reminders of
 * the generated subscriptions (so creating them is timed every run, not just the first) and puts every
 * check time back to the epoch, as the upgrade's migration does; then VACUUM ANALYZE, so the dead rows
 * of that reset and of earlier runs do not drift the figures. None of that is timed.
 *
 *   npx tsx bench/reminder-pass.ts                       # postgresql://postgres@127.0.0.1:5432/bench_scale
 *   npx tsx bench/reminder-pass.ts --runs 2              # the whole sequence twice (reset before each)
 *   npx tsx bench/reminder-pass.ts --database-url postgresql://…/other_scale
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDeps } from '../src/db/create-deps.js';
import { openDatabase } from '../src/db/database.js';
import { discoverReminders } from '../src/domain/reminders/discover-reminders.js';
import { at, fixedClock, HOUR_MS, type Dayjs } from '../src/domain/shared/time.js';
import { catchUpPasses, DEFAULT_SCALE_URL } from './scale.js';

const { values: args } = parseArgs({
  options: { 'database-url': { type: 'string' }, runs: { type: 'string' } },
});
const url = args['database-url'] ?? DEFAULT_SCALE_URL;
const runs = Number(args.runs ?? '1');
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a positive integer, got ${args.runs}`);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const client = new pg.Client({ connectionString: url });
await client.connect();
const generated = await client.query<{ at: Date | null }>(
  `SELECT "accountCreatedAt" + interval '800 days' AS at FROM customers WHERE id = 'cus-scale-1'`,
);
const generatedAt = generated.rows[0]?.at;
if (!generatedAt) throw new Error(`no scale data in ${url}: run npm run bench -- --scale 10000 first`);
const now = at(generatedAt);
const rows = await client.query<{ n: string }>('SELECT count(*) AS n FROM subscriptions');
console.log(
  `${url}: ${Number(rows.rows[0]!.n).toLocaleString('en')} subscriptions, now = ${now.toISOString()}`,
);

const db = await openDatabase({ kind: 'postgres', url });
const deps = createDeps(db, fixedClock(generatedAt));
const pass = async (instant: Dayjs) => {
  const began = performance.now();
  const report = await discoverReminders(deps, instant);
  return { report, ms: performance.now() - began };
};

try {
  for (let run = 1; run <= runs; run++) {
    await client.query(`DELETE FROM reminders WHERE "subjectId" LIKE 'SUB-scale-%'`);
    await client.query(`UPDATE subscriptions SET "reminderCheckAt" = to_timestamp(0)`);
    await client.query('VACUUM ANALYZE subscriptions');
    await client.query('VACUUM ANALYZE reminders');
    const catchUp = await catchUpPasses(() => pass(now));
    console.log(
      `run ${run}: catch-up ${catchUp.passes} passes ${seconds(catchUp.ms)} (slowest ${seconds(catchUp.slowestPassMs)}), ` +
        `${catchUp.rowsRead} rows read, ${catchUp.due} due, ${catchUp.created} created`,
    );
    for (const hours of [0, 1, 6, 24]) {
      const { report, ms } = await pass(now.add(hours * HOUR_MS, 'millisecond'));
      console.log(
        `run ${run}: pass at now+${hours}h ${seconds(ms)}, ${report.subscriptionRowsRead + report.linkRowsRead} rows read, ` +
          `${report.due} due, ${report.created} created`,
      );
    }
  }
} finally {
  await db.close();
  await client.end();
}

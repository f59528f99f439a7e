/**
 * `npm run bench -- --scale 10000`: a PostgreSQL database with N customers and 100 subscriptions each
 * (10,000 → 1,000,000), generated in SQL with generate_series and idempotent (a complete database is kept;
 * a partial one is completed), and the turns that name a customer at that size.
 */
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { seedData } from '../src/db/seed.js';
import type { DiscoveryReport } from '../src/domain/reminders/discover-reminders.js';
import { cardReplyContains, defineScenario, messageTurn, type Scenario } from './scenarios.js';

export const SUBSCRIPTIONS_PER_CUSTOMER = 100;
export const DEFAULT_SCALE_URL = 'postgresql://postgres@127.0.0.1:5432/bench_scale';

const ADJECTIVES = [
  'Northern',
  'Silver',
  'Bright',
  'Quiet',
  'Rapid',
  'Golden',
  'Blue',
  'Eastern',
  'Harbor',
  'Summit',
  'Cedar',
  'Coastal',
  'Prairie',
  'Granite',
  'Maple',
  'Crimson',
  'Lunar',
  'Urban',
  'Alpine',
  'Royal',
];
const NOUNS = [
  'Pine',
  'River',
  'Falcon',
  'Meadow',
  'Bridge',
  'Harvest',
  'Anchor',
  'Beacon',
  'Canyon',
  'Forge',
  'Garden',
  'Horizon',
  'Lantern',
  'Orchard',
  'Pioneer',
  'Quarry',
  'Ridge',
  'Signal',
  'Timber',
  'Willow',
];
const SUFFIXES = ['Holdings', 'Logistics', 'Analytics', 'Foods', 'Clinics'];
const PRODUCTS = [
  'm365-e3',
  'm365-e5',
  'm365-business-premium',
  'exchange-online-p1',
  'm365-e3-nce',
  'm365-e3-nce-monthly',
  'm365-e5-nce',
  'm365-business-premium-nce',
  'teams-essentials',
  'defender-for-business',
];

/** Customer i's company name, as the SQL below makes it (1-based). */
export const scaleCustomerName = (i: number): string =>
  `${ADJECTIVES[i % 20]} ${NOUNS[Math.floor(i / 20) % 20]} ${SUFFIXES[Math.floor(i / 400) % 5]} ${String(i).padStart(5, '0')}`;

const sqlArray = (values: readonly string[]) => `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]`;

/** Creates the database if needed (on the same server), migrates it and fills it up to `customers`. */
export async function prepareScaleDatabase(
  url: string,
  customers: number,
  log: (line: string) => void,
): Promise<{ generatedMs: number; generated: boolean }> {
  const name = new URL(url).pathname.slice(1);
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`--database-url must name a plain database, got ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const server = new pg.Client({ connectionString: admin.toString() });
  await server.connect();
  try {
    const exists = await server.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      log(`creating database ${name}`);
      await server.query(`CREATE DATABASE ${name}`);
    }
  } finally {
    await server.end();
  }
  // Migrations, the catalog and the demo data first (the generated rows refer to the catalog's products).
  const db = await openDatabase({ kind: 'postgres', url });
  try {
    await seedData(db.prisma, { now: new Date(), includeDemo: true });
  } finally {
    await db.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  try {
    const last = `SUB-scale-${customers}-${SUBSCRIPTIONS_PER_CUSTOMER}`;
    const done = await client.query(
      `SELECT (SELECT count(*) FROM customers WHERE id LIKE 'cus-scale-%')::int AS customers,
              EXISTS (SELECT 1 FROM subscriptions WHERE id = $1) AS complete`,
      [last],
    );
    const row = done.rows[0] as { customers: number; complete: boolean };
    if (row.customers === customers && row.complete) {
      log(
        `scale data present: ${customers} customers, ${customers * SUBSCRIPTIONS_PER_CUSTOMER} subscriptions`,
      );
      return { generatedMs: 0, generated: false };
    }
    log(
      `generating ${customers} customers and ${customers * SUBSCRIPTIONS_PER_CUSTOMER} subscriptions (SQL)`,
    );
    await client.query(`
      INSERT INTO customers (id, "companyName", "primaryDomain", "tenantId", "billingCountry", segment,
                             "tenantRegion", "accountCreatedAt", "firstBillingPeriodStartAt", relationship)
      SELECT 'cus-scale-' || i,
             (${sqlArray(ADJECTIVES)})[1 + i % 20] || ' ' || (${sqlArray(NOUNS)})[1 + (i / 20) % 20] || ' ' ||
               (${sqlArray(SUFFIXES)})[1 + (i / 400) % 5] || ' ' || lpad(i::text, 5, '0'),
             lower((${sqlArray(ADJECTIVES)})[1 + i % 20] || (${sqlArray(NOUNS)})[1 + (i / 20) % 20]) ||
               lpad(i::text, 5, '0') || '.onmicrosoft.com',
             md5('scale-tenant-' || i)::uuid, 'US', 'commercial', 'APAC',
             now() - interval '800 days', now() - interval '790 days', 'active'
      FROM generate_series(1, ${customers}) AS i
      ON CONFLICT DO NOTHING`);
    await client.query(`
      INSERT INTO orders (id, "customerId", "placedByAadObjectId", "placedAt", status, total, currency)
      SELECT 'ORD-SCALE' || lpad(i::text, 6, '0'), 'cus-scale-' || i, '00000000-0000-4000-8000-000000000005',
             now() - interval '700 days', 'completed', 0, 'USD'
      FROM generate_series(1, ${customers}) AS i
      ON CONFLICT DO NOTHING`);
    await client.query(`
      INSERT INTO order_lines (id, "orderId", "productId", quantity, "billingCycle", "unitPrice")
      SELECT 'ORD-SCALE' || lpad(i::text, 6, '0') || '-1', 'ORD-SCALE' || lpad(i::text, 6, '0'), 'm365-e3', 1,
             'monthly', 0
      FROM generate_series(1, ${customers}) AS i
      ON CONFLICT DO NOTHING`);
    // Per subscription: a product of ten, monthly (7 in 10) or annual, active (9 in 10), suspended or
    // cancelled; ordered up to 700 days ago; the current term ends within a month (a year when annual).
    await client.query(`
      INSERT INTO subscriptions (id, "customerId", "productId", "orderId", quantity, "billingCycle", status,
                                 "autoRenew", "orderedAt", "termStartAt", "renewsAt", "suspendedAt",
                                 "dataDeletedAt", "cancelledAt", "licenceAdditions")
      SELECT 'SUB-scale-' || i || '-' || s, 'cus-scale-' || i,
             (${sqlArray(PRODUCTS)})[1 + (i * 7 + s) % 10], 'ORD-SCALE' || lpad(i::text, 6, '0'),
             1 + (i + s) % 50, cycle,
             CASE WHEN (i + s * 3) % 20 = 0 THEN 'suspended' WHEN (i + s * 3) % 20 = 1 THEN 'cancelled'
                  ELSE 'active' END,
             (i + s) % 10 <> 0,
             now() - ((i * 37 + s * 101) % 700) * interval '1 day' - interval '3 hours',
             renews - CASE WHEN cycle = 'annual' THEN interval '1 year' ELSE interval '1 month' END,
             renews,
             CASE WHEN (i + s * 3) % 20 = 0 THEN now() - interval '10 days' END,
             CASE WHEN (i + s * 3) % 20 = 0 THEN now() + interval '80 days' END,
             CASE WHEN (i + s * 3) % 20 = 1 THEN now() - interval '20 days' END,
             '[]'::jsonb
      FROM generate_series(1, ${customers}) AS i,
           generate_series(1, ${SUBSCRIPTIONS_PER_CUSTOMER}) AS s,
           LATERAL (SELECT CASE WHEN (i + s) % 10 < 7 THEN 'monthly' ELSE 'annual' END AS cycle) AS c,
           LATERAL (SELECT now() + ((i * 13 + s * 7) % CASE WHEN (i + s) % 10 < 7 THEN 30 ELSE 365 END)
                          * interval '1 day' + interval '5 hours' AS renews) AS r
      ON CONFLICT DO NOTHING`);
    await client.query(
      'ANALYZE customers; ANALYZE customer_name_words; ANALYZE orders; ANALYZE subscriptions;',
    );
    const generatedMs = performance.now() - started;
    log(`generated in ${(generatedMs / 1000).toFixed(1)} s`);
    return { generatedMs, generated: true };
  } finally {
    await client.end();
  }
}

/** The turns that name a customer, at scale, next to `help` (the target: p95 ≤ 2× help's p95). */
export function scaleScenarios(customers: number): Scenario[] {
  const i = Math.max(1, Math.round(customers * 0.4242));
  const name = scaleCustomerName(i);
  const words = name.split(' ');
  // One letter dropped from the second word: a typo the search must still resolve ("did you mean").
  const typo = [words[0], words[1]!.slice(0, 2) + words[1]!.slice(3), ...words.slice(2)].join(' ');
  const turn = (label: string, text: string, ...expected: string[]) =>
    defineScenario({
      name: label,
      bot: 'real',
      describe: `message "${text}" from the global admin`,
      baseline: 'echo message turn (inbound POST + one reply POST)',
      request: (env) => messageTurn(env, env.real.endpoint, text),
      check: cardReplyContains(...expected),
    });
  return [
    turn('scale: help', 'help', 'What I can do for you'),
    turn('scale: customers <name>', `customers ${name}`, name),
    turn('scale: customers <typo>', `customers ${typo}`, name),
    turn('scale: customers <word>', `customers ${words[1]}`, words[1]!),
    turn('scale: subscriptions <name>', `subscriptions ${name}`, `Subscriptions of ${name}`),
    turn('scale: orders <name>', `orders ${name}`, `Orders of ${name}`),
    // The review card, or R-BUY-3's "reactivate it instead" when the customer holds a suspended one.
    turn('scale: buy … for <name>', `buy 1 Microsoft 365 E3 for ${name} monthly`, name, 'Microsoft 365 E3'),
    turn(
      'scale: suspend <name> <product>',
      `suspend ${name} Microsoft 365 E3`,
      'Which subscription do you mean?',
    ),
  ];
}

/** What a series of reminder passes read, found due and created, and how long they took. */
export interface CatchUpFigures {
  readonly ms: number;
  /** Subscription rows and download links the passes read. */
  readonly rowsRead: number;
  readonly due: number;
  readonly created: number;
  readonly passes: number;
  readonly slowestPassMs: number;
}

/**
 * The catch-up after the upgrade (every check time at the epoch): passes, each bounded, repeated until one
 * says nothing is left behind.
 */
export async function catchUpPasses(
  pass: () => Promise<{ report: DiscoveryReport; ms: number }>,
): Promise<CatchUpFigures> {
  const figures = { ms: 0, rowsRead: 0, due: 0, created: 0, passes: 0, slowestPassMs: 0 };
  for (let complete = false; !complete;) {
    const { report, ms } = await pass();
    figures.ms += ms;
    figures.rowsRead += report.subscriptionRowsRead + report.linkRowsRead;
    figures.due += report.due;
    figures.created += report.created;
    figures.passes += 1;
    figures.slowestPassMs = Math.max(figures.slowestPassMs, ms);
    complete = report.complete;
    if (figures.passes > 10_000) throw new Error('the reminder catch-up did not finish in 10,000 passes');
  }
  return figures;
}

/**
 * `npm run db:seed`: writes the catalog, and the demo customers, staff and subscriptions when the
 * configuration says so (SEED_DEMO_DATA, on by default outside production). Safe to run again.
 */
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';
import { openDatabase } from '../db/database.js';
import { seedDatabase } from '../db/seed.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    if (db.migrations.applied.length > 0)
      console.log(`Applied migrations: ${db.migrations.applied.join(', ')}`);
    const counts = await seedDatabase(db.prisma, { now: new Date(), includeDemo: config.seedDemoData });
    console.log(
      config.seedDemoData ? 'Seeded the catalog and the demo data.' : 'Seeded the catalog (demo data off).',
    );
    for (const [table, count] of Object.entries(counts)) console.log(`${table.padEnd(14)} ${count}`);
  } finally {
    await db.close();
  }
}

runCli('db:seed', main);

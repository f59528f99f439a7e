/** `npm run db:migrate`: applies the migrations to the configured database and says which ones ran. */
import { ConfigError, loadConfig } from '../config.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { openDatabase } from '../db/database.js';
import { MigrationError } from '../db/migrate.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL (DATABASE_URL)'
      : `embedded (${config.database.dataDir})`;
  // Opening the database applies the migrations it is missing.
  const db = await openDatabase(config.database);
  try {
    const { applied, alreadyApplied } = db.migrations;
    console.log(`Database: ${where}`);
    for (const name of applied) console.log(`applied          ${name}`);
    for (const name of alreadyApplied) console.log(`already applied  ${name}`);
    console.log(
      applied.length > 0
        ? `${applied.length} migration${applied.length === 1 ? '' : 's'} applied, ${alreadyApplied.length} already applied.`
        : `Up to date: all ${alreadyApplied.length} migrations were already applied.`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exitCode = 78;
  } else if (error instanceof DataDirLockedError || error instanceof MigrationError) {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    console.error('db:migrate failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
});

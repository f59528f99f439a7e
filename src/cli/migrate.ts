/** `npm run db:migrate`: applies the migrations to the configured database and says which ones ran. */
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';
import { openDatabase } from '../db/database.js';

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

runCli('db:migrate', main);

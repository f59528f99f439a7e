/** `npm run db:migrate`: applies the migrations to the configured database and says which ones ran. */
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';
import { openDatabase } from '../db/database.js';
import { readMigrations } from '../db/migrate.js';
import { askRunningBot } from './admin-channel.js';

async function main(): Promise<number | void> {
  const config = loadConfig();
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL (DATABASE_URL)'
      : `embedded (${config.database.dataDir})`;
  if (config.database.kind === 'embedded') {
    // A running bot applied its migrations at start and holds the database: say where it stands.
    const answer = await askRunningBot(config.database.dataDir, { op: 'migrations' });
    if (answer !== 'no-bot') {
      if (answer.code !== 0) {
        for (const line of answer.err) console.error(line);
        return answer.code;
      }
      const applied = new Set(answer.out);
      const pending = readMigrations()
        .map((migration) => migration.name)
        .filter((name) => !applied.has(name));
      console.log(`Database: ${where}, held by the running bot`);
      if (pending.length === 0) {
        console.log(`Up to date: all ${applied.size} migrations were already applied.`);
        return 0;
      }
      for (const name of pending) console.log(`not applied      ${name}`);
      console.error(
        `${pending.length} migration${pending.length === 1 ? '' : 's'} of this checkout not applied: restart the bot (it applies them at start), or stop it and run npm run db:migrate.`,
      );
      return 1;
    }
  }
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

/**
 * `npm run db:restore -- <file>`: replaces the embedded database in DATA_DIR with a backup made by
 * `npm run db:backup`. The bot must be stopped (the data directory's lock refuses otherwise); the database
 * it replaces is kept beside it in DATA_DIR until you delete it.
 */
import path from 'node:path';
import { loadConfig } from '../config.js';
import { RestoreError, restoreDataDir } from '../db/embedded-backup.js';
import { runCli } from './run-cli.js';

export const RESTORE_USAGE = `Usage: npm run db:restore -- <file>

Replaces the embedded database in DATA_DIR (default ./data) with the backup <file> made by
npm run db:backup. Stop the bot first. The replaced database is kept as DATA_DIR/pglite.before-restore-<time>.`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h' || args[0]!.startsWith('-')) {
    const help = args[0] === '--help' || args[0] === '-h';
    (help ? console.log : console.error)(RESTORE_USAGE);
    return help ? 0 : 2;
  }
  const file = path.resolve(args[0]!);
  const config = loadConfig();
  if (config.database.kind !== 'embedded') {
    console.error('DATABASE_URL is set: restore PostgreSQL with its own tools (pg_restore or psql).');
    return 2;
  }
  try {
    const restored = await restoreDataDir(config.database.dataDir, file, new Date());
    console.log(`Restored ${file} into ${config.database.dataDir} (${restored.tables} tables).`);
    if (restored.keptAt) console.log(`The database it replaced is kept in ${restored.keptAt}.`);
    console.log('Start the bot: migrations newer than the backup are applied at start.');
    return 0;
  } catch (error) {
    if (error instanceof RestoreError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

runCli('db:restore', main);

/**
 * `npm run db:backup -- <file>`: the embedded database in DATA_DIR as one tar.gz file (PGlite's data-directory
 * dump). While a bot runs there, the bot takes it through its admin socket without stopping; otherwise the
 * database is opened here. PostgreSQL (DATABASE_URL) is backed up with its own tools (pg_dump).
 */
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { writeBackupFile } from '../db/embedded-backup.js';
import { askRunningBot, printAdminResponse } from './admin-channel.js';
import { runCli } from './run-cli.js';

export const BACKUP_USAGE = `Usage: npm run db:backup -- <file>

Writes the embedded database in DATA_DIR (default ./data) to <file>, a tar.gz of its data directory, also
while the bot runs. Restore it with: npm run db:restore -- <file>`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h' || args[0]!.startsWith('-')) {
    const help = args[0] === '--help' || args[0] === '-h';
    (help ? console.log : console.error)(BACKUP_USAGE);
    return help ? 0 : 2;
  }
  const file = path.resolve(args[0]!);
  const config = loadConfig();
  if (config.database.kind !== 'embedded') {
    console.error(
      'DATABASE_URL is set: back up PostgreSQL with its own tools (pg_dump); db:backup is for the embedded database.',
    );
    return 2;
  }
  const answer = await askRunningBot(config.database.dataDir, { op: 'backup', file });
  if (answer !== 'no-bot') return printAdminResponse(answer);
  const db = await openDatabase(config.database);
  try {
    const data = await db.dump!();
    writeBackupFile(file, data);
    console.log(`Backed up ${config.database.dataDir} to ${file} (${data.length} bytes).`);
    return 0;
  } finally {
    await db.close();
  }
}

runCli('db:backup', main);

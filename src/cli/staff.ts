/**
 * `npm run staff -- list | grant <aadObjectId> <role> [--name NAME] | revoke <aadObjectId> <role>`.
 * The process wrapper: configuration, database, exit code. The command itself is in staff-command.ts.
 */
import { ConfigError, loadConfig } from '../config.js';
import { createDeps } from '../db/create-deps.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { openDatabase } from '../db/database.js';
import { MigrationError } from '../db/migrate.js';
import { at } from '../domain/time.js';
import { EXIT_OK, executeStaffCommand, parseStaffArgs, type StaffCommandOutput } from './staff-command.js';

const output: StaffCommandOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

async function main(): Promise<number> {
  const parsed = parseStaffArgs(process.argv.slice(2));
  if (!parsed.ok) {
    (parsed.exitCode === EXIT_OK ? output.out : output.err)(parsed.text);
    return parsed.exitCode;
  }
  const config = loadConfig();
  const db = await openDatabase(config.database);
  if (db.migrations.applied.length > 0) output.err(`Applied migrations: ${db.migrations.applied.join(', ')}`);
  try {
    return await executeStaffCommand(parsed.command, createDeps(db, { now: () => at(Date.now()) }), output);
  } finally {
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Expected failures (bad configuration, the embedded database held by a running bot, a failed
    // migration) explain themselves; anything else is reported by its message, without a stack trace.
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 78;
    } else if (error instanceof DataDirLockedError || error instanceof MigrationError) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      console.error('staff failed:', error instanceof Error ? error.message : error);
      process.exitCode = 1;
    }
  },
);

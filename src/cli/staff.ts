/**
 * `npm run staff -- list | grant <aadObjectId> <role> [--name NAME] | revoke <aadObjectId> <role>`.
 * The process wrapper: configuration, database, exit code. The command itself is in staff-command.ts.
 */
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';
import { createDeps } from '../db/create-deps.js';
import { openDatabase } from '../db/database.js';
import { at } from '../domain/shared/time.js';
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

runCli('staff', main);

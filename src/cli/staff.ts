/**
 * `npm run staff -- list | grant <aadObjectId> <role> [--name NAME] | revoke <aadObjectId> <role>`.
 * The process wrapper: configuration, database, exit code. The command itself is in staff-command.ts.
 */
import { loadConfig } from '../config.js';
import { runCli } from './run-cli.js';
import { createDeps } from '../db/create-deps.js';
import { openDatabase } from '../db/database.js';
import { at } from '../domain/shared/time.js';
import {
  EXIT_OK,
  executeStaffCommand,
  operatingSystemUser,
  parseStaffArgs,
  type StaffCommandOutput,
} from './staff-command.js';
import { askRunningBot, printAdminResponse } from './admin-channel.js';

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
  if (config.database.kind === 'embedded') {
    // A bot running on this data directory holds its lock: ask it, through its admin socket.
    const argv = process.argv.slice(2);
    const answer = await askRunningBot(config.database.dataDir, {
      op: 'staff',
      argv,
      user: operatingSystemUser(),
    });
    if (answer !== 'no-bot') return printAdminResponse(answer);
  }
  const db = await openDatabase(config.database);
  if (db.migrations.applied.length > 0) output.err(`Applied migrations: ${db.migrations.applied.join(', ')}`);
  try {
    return await executeStaffCommand(parsed.command, createDeps(db, { now: () => at(Date.now()) }), output);
  } finally {
    await db.close();
  }
}

runCli('staff', main);

/**
 * How every command-line tool ends: expected failures (bad configuration, the embedded database held by
 * a running bot, a failed migration) explain themselves; anything else is reported by its message,
 * without a stack trace.
 */
import { ConfigError } from '../config.js';
import { DataDirLockedError } from '../db/data-dir-lock.js';
import { MigrationError } from '../db/migrate.js';

export function runCli(name: string, main: () => Promise<number | void>): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      if (error instanceof ConfigError) {
        console.error(error.message);
        process.exitCode = 78;
      } else if (error instanceof DataDirLockedError || error instanceof MigrationError) {
        console.error(error.message);
        process.exitCode = 1;
      } else {
        console.error(`${name} failed:`, error instanceof Error ? error.message : error);
        process.exitCode = 1;
      }
    },
  );
}

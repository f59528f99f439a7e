/** `npm start`: read the configuration, open the database, serve the bot; stop cleanly on SIGTERM. */
import { ConfigError, loadConfig } from './config.js';
import { startBot } from './compose.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { MigrationError } from './db/migrate.js';
import { createLogger } from './log.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  // The signal handlers are in place before the start, so a SIGTERM that arrives while the bot is still
  // starting (or just after it logs that it listens) waits for the start and then stops cleanly.
  const starting = startBot(config, { log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took over 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      const bot = await starting.catch(() => undefined);
      await bot?.close();
    } catch (error) {
      log.error({ err: error }, 'shutdown did not complete cleanly');
      process.exit(1);
    }
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  try {
    await starting;
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof MigrationError) {
      log.fatal(error.message);
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error('The bot could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});

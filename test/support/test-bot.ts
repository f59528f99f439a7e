/**
 * The end-to-end tests' shared setup: the real bot on a free port (embedded database seeded with the demo
 * unless told otherwise) and a local connector playing the activities' serviceUrl, started before the
 * file's tests and closed after them, with the helpers the tests use to talk to it.
 */
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseTarget } from '../../src/db/database.js';
import type { Clock } from '../../src/domain/shared/time.js';
import {
  post,
  startLocalConnector,
  startTestBot,
  type ActivityOptions,
  type Card,
  type HttpReply,
  type LocalConnector,
  type TestBot,
  sayTo,
  pressOn,
} from './bot.js';
import { startRecordingConnector, type RecordingConnector } from './recording-connector.js';
import type { TestPerson } from './staff.js';
import { createPostgresDatabase, type TestDatabase } from './databases.js';

export type SayOptions = Omit<ActivityOptions, 'from'>;

export interface TestBotOptions {
  readonly clock?: Clock;
  readonly env?: Record<string, string>;
  /** 'postgres': a PostgreSQL database of the file's own (TEST_DATABASE_URL), dropped after its tests. */
  readonly database?: DatabaseTarget | 'postgres';
}

/** The running bot (its fields read once the tests run), its connector, and ways to talk to it. */
export type UsedTestBot<C extends LocalConnector> = TestBot & {
  readonly connector: C;
  /** Posts any activity to /api/messages. */
  send(activity: unknown): Promise<HttpReply>;
  /** Says `text` as `from` (replies expected in the response): the first card, after checking the 200. */
  say(text: string, from: TestPerson, options?: SayOptions): Promise<Card>;
  /** Presses the button `title` of `card` as `from` (Action.Execute), with `inputs`: the card it answers. */
  press(
    card: unknown,
    title: string,
    inputs: Record<string, unknown>,
    from: TestPerson,
    options?: SayOptions,
  ): Promise<Card>;
};

export function useTestBot(options?: TestBotOptions & { connector?: 'local' }): UsedTestBot<LocalConnector>;
export function useTestBot(
  options: TestBotOptions & { connector: 'recording' },
): UsedTestBot<RecordingConnector>;
export function useTestBot(
  options: TestBotOptions & { connector?: 'local' | 'recording' } = {},
): UsedTestBot<LocalConnector> {
  let bot: TestBot | undefined;
  let connector: LocalConnector | undefined;
  let postgres: TestDatabase | undefined;
  beforeAll(async () => {
    connector =
      options.connector === 'recording' ? await startRecordingConnector() : await startLocalConnector();
    if (options.database === 'postgres') postgres = await createPostgresDatabase();
    const database = postgres?.target ?? (options.database === 'postgres' ? undefined : options.database);
    bot = await startTestBot({
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(database ? { database } : {}),
    });
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
    await connector?.close();
    await postgres?.drop();
  });
  const running = (): TestBot => {
    if (!bot) throw new Error('the test bot runs only while the tests run');
    return bot;
  };
  const send = (activity: unknown) => post(running().endpoint, activity);
  const helpers = {
    get connector() {
      if (!connector) throw new Error('the connector runs only while the tests run');
      return connector;
    },
    send,
    async say(text: string, from: TestPerson, sayOptions: SayOptions = {}) {
      return (await sayTo(running().endpoint, text, { from, ...sayOptions }))[0]!;
    },
    async press(
      card: unknown,
      title: string,
      inputs: Record<string, unknown>,
      from: TestPerson,
      sayOptions: SayOptions = {},
    ) {
      return pressOn(running().endpoint, card, title, inputs, { from, ...sayOptions });
    },
  };
  return new Proxy(helpers, {
    get: (target, key) => (key in target ? Reflect.get(target, key) : Reflect.get(running(), key)),
  }) as unknown as UsedTestBot<LocalConnector>;
}

/**
 * Parameterised SQL for the statements every turn makes, sent on the connection the repositories are on.
 *
 * On PostgreSQL a statement through Prisma costs 0.2–0.4 ms of client work more than the same statement
 * through `pg` (query planning in the client, argument and result conversion), and a confirmation makes
 * ten or more. So the hot statements go to `pg` directly:
 *   - outside a transaction, to the pool;
 *   - inside a unit of work, to the very connection Prisma's interactive transaction took from the pool.
 *     The pool is ours: `TransactionPool` notes the connection its promise-style `connect()` hands out
 *     while a unit of work is opening (Prisma's adapter takes a transaction's connection that way and
 *     nothing else; plain queries go through `pool.query`). The statements then run inside Prisma's
 *     transaction, in order with Prisma's own (a `pg` client queues its queries), and are committed or
 *     rolled back with it. Once the connection goes back to the pool (commit, rollback, Prisma's timeout),
 *     the runner refuses every statement, as Prisma refuses a closed transaction.
 * The embedded database does the same with PGlite: its statements, on the transaction object Prisma's
 * adapter opened (`pgliteSqlAccess`); through Prisma a purchase spent 5.5 ms of its 9.7 in the database
 * layer outside PostgreSQL itself. Where no connection was noted (a Prisma client a test made on its own),
 * the same SQL goes through Prisma's `$queryRawUnsafe` on the client or the transaction: slower, same
 * result.
 *
 * The SQL must yield only types every path reads alike: text, integers (cast `::int`), `float8` for money,
 * booleans, `timestamptz`, `jsonb` and text arrays.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import crypto from 'node:crypto';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import type { Db } from './mappers.js';

export interface QueryOptions {
  /**
   * The statement's best plan does not depend on its values (a lookup or a write by key, a customer's rows
   * by the customer index) and its text is one of a few: on PostgreSQL it is prepared once per connection,
   * under a name derived from its text, instead of parsed and planned on every call (0.03–0.15 ms each).
   * Its columns are named, never `*`: a prepared statement must keep its result type.
   */
  readonly prepared?: boolean;
}

export interface Sql {
  /** `$1`, `$2`, … in `text` are `values` in order; rows come back as objects keyed by column name. */
  query<Row extends object>(
    text: string,
    values?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<Row[]>;
  /** Which path the statements take (tests prove the fast one is used where it should be). */
  readonly path: 'pg' | 'pglite' | 'prisma';
}

/** Through Prisma, on a client or inside one of its transactions. */
export const prismaSql = (db: Db): Sql => ({
  path: 'prisma',
  query: <Row extends object>(text: string, values: readonly unknown[] = []) =>
    db.$queryRawUnsafe<Row[]>(text, ...values),
});

/** A prepared statement's name: the same text always has the same name (pg keeps one per connection). */
const names = new Map<string, string>();
export function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `csp_${crypto.createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/** A runner on a driver; once `usable` says no (its transaction is over), every statement is refused. */
function runner(
  path: Sql['path'],
  run: (text: string, values: unknown[], options?: QueryOptions) => Promise<object[]>,
  usable: () => boolean = () => true,
): Sql {
  return {
    path,
    async query<Row extends object>(text: string, values: readonly unknown[] = [], options?: QueryOptions) {
      if (!usable())
        throw new Error('Transaction already closed: its connection is no longer this transaction');
      return (await run(text, [...values], options)) as Row[];
    },
  };
}

const pgSql = (target: pg.Pool | pg.PoolClient, usable?: () => boolean): Sql =>
  runner(
    'pg',
    async (text, values, options) =>
      (await target.query({ text, values, ...(options?.prepared ? { name: statementName(text) } : {}) }))
        .rows,
    usable,
  );

const pgliteSql = (target: Pick<Transaction, 'query'>, usable?: () => boolean): Sql =>
  runner('pglite', async (text, values) => (await target.query<object>(text, values)).rows, usable);

/** The connection a unit of work's transaction took, while the unit of work runs. */
interface Opening {
  client?: pg.PoolClient;
  closed: boolean;
  /** The embedded database's transaction (PGlite has one connection; a transaction is an object on it). */
  tx?: Transaction;
}
const opening = new AsyncLocalStorage<Opening>();

/** A `pg.Pool` that tells a unit of work which connection its transaction took (see the file's header). */
export class TransactionPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (
      err: Error | undefined,
      client: pg.PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): void;
  override connect(
    callback?: (
      err: Error | undefined,
      client: pg.PoolClient | undefined,
      done: (release?: unknown) => void,
    ) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    const slot = opening.getStore();
    return super.connect().then((client) => {
      if (slot && !slot.client) {
        slot.client = client;
        // pg-pool gives each checkout its own release function: when this one is called, the connection
        // is no longer this transaction's.
        const release = client.release.bind(client);
        client.release = (error?: Error | boolean) => {
          slot.closed = true;
          return release(error);
        };
      }
      return client;
    });
  }
}

/** How repositories reach the database with plain SQL, outside and inside a unit of work. */
export interface SqlAccess {
  /** Outside any transaction. */
  readonly root: Sql;
  /**
   * Runs `open`, which starts one Prisma transaction; `direct()`, called inside that transaction, gives
   * the statement runner on its connection (undefined when there is none: the caller uses Prisma's).
   */
  transaction<T>(open: (direct: () => Sql | undefined) => Promise<T>): Promise<T>;
}

/** PostgreSQL: `pg` on the pool, and on each transaction's own connection. */
export function pgSqlAccess(pool: TransactionPool): SqlAccess {
  return {
    root: pgSql(pool),
    transaction(open) {
      const slot: Opening = { closed: false };
      return opening.run(slot, () =>
        open(() => (slot.client && !slot.closed ? pgSql(slot.client, () => !slot.closed) : undefined)),
      );
    },
  };
}

/**
 * The embedded database: PGlite itself, on the database or, inside a unit of work, on the transaction
 * object Prisma's adapter opened (`pglite.transaction` notes it while a unit of work opens, as
 * TransactionPool does for PostgreSQL). PGlite runs one statement at a time; a transaction holds it until
 * it ends, so a statement on the database itself waits, as Prisma's do.
 */
export function pgliteSqlAccess(pglite: PGlite): SqlAccess {
  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = <T>(callback: (tx: Transaction) => Promise<T>): Promise<T> => {
    const slot = opening.getStore();
    return transaction((tx) => {
      if (slot && !slot.tx) slot.tx = tx;
      return callback(tx);
    });
  };
  return {
    root: pgliteSql(pglite),
    transaction(open) {
      const slot: Opening = { closed: false };
      return opening.run(slot, () =>
        open(() => {
          const tx = slot.tx;
          return tx && !tx.closed ? pgliteSql(tx, () => !tx.closed) : undefined;
        }),
      );
    },
  };
}

/** See QueryOptions.prepared. */
export const PREPARED: QueryOptions = { prepared: true };

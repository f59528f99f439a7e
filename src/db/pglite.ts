/**
 * The one place an embedded PGlite database is created: with the extensions the migrations need
 * (pg_trgm, for customer search in SQL), so the embedded database, the tests and the schema engine's
 * shadow database run the same migrations PostgreSQL does.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * PostgreSQL's shared buffers inside the embedded database. PGlite's default, 128 MB, stays resident in the
 * bot's process once touched; the embedded database is for demos, tests and one small partner, whose data
 * fits many times over, and the operating system still caches DATA_DIR's files.
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';

/** In memory without a directory; `loadDataDir`: a data-directory dump to start from (a restore). */
export function newPGlite(dataDir?: string, from?: { readonly loadDataDir: Blob }): PGlite {
  return new PGlite({
    ...(dataDir === undefined ? {} : { dataDir }),
    ...from,
    extensions: { pg_trgm },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
  });
}

/**
 * pg_trgm's thresholds for the customer search's `%` and `<%` operators, set on every session (PostgreSQL:
 * connection options; PGlite: its one session). Word similarity is lowered from 0.6 to 0.3 so that a
 * transposed pair ("Fabirkam") is still a candidate; the domain decides what matches (src/domain/shared/fuzzy.ts).
 */
export const TRIGRAM_SETTINGS = {
  'pg_trgm.similarity_threshold': '0.3',
  'pg_trgm.word_similarity_threshold': '0.3',
} as const;

/** The settings as `SET` statements (PGlite). */
export const trigramSetStatements = (): string =>
  Object.entries(TRIGRAM_SETTINGS)
    .map(([name, value]) => `SET ${name} = ${value};`)
    .join('\n');

/** The settings as libpq startup options (PostgreSQL connections). */
export const trigramConnectionOptions = (): string =>
  Object.entries(TRIGRAM_SETTINGS)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');

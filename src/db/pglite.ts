/**
 * The one place an embedded PGlite database is created: with the extensions the migrations need
 * (pg_trgm, for customer search in SQL), so the embedded database, the tests and the schema engine's
 * shadow database run the same migrations PostgreSQL does.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/** In memory without a directory. */
export function newPGlite(dataDir?: string): PGlite {
  return new PGlite({ ...(dataDir === undefined ? {} : { dataDir }), extensions: { pg_trgm } });
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

/**
 * The one place an embedded PGlite database is created: with the extensions the migrations need
 * (pg_trgm, for customer search in SQL), so the embedded database, the tests and the schema engine's
 * shadow database run the same migrations PostgreSQL does.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * PostgreSQL's shared buffers inside the embedded database. PGlite's default, 128 MB, stays resident in the
 * bot's process once touched; the embedded database is for demos, tests and one small partner, whose data
 * fits many times over, and the operating system still caches DATA_DIR's files.
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';

/**
 * A new database: in memory without a directory. It starts from a copy of a freshly initialised cluster
 * (`pgliteTemplate`) unless `dataDir` already holds one or `from` gives a dump to start from (a restore).
 */
export async function newPGlite(dataDir?: string, from?: { readonly loadDataDir: Blob }): Promise<PGlite> {
  const fresh =
    from === undefined && (dataDir === undefined || !fs.existsSync(path.join(dataDir, 'PG_VERSION')));
  return new PGlite({
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(fresh ? { loadDataDir: await pgliteTemplate() } : from),
    extensions: { pg_trgm },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
  });
}

/**
 * PGlite initialises a new cluster (initdb, in WebAssembly) in the process that opens it: 10 s or more, and
 * its memory peaks near 740 MB for a database that then runs in under 300 MB. So initdb runs once per
 * installed PGlite, in a child process, and its cluster is kept as a dump that every new database starts
 * from (`node_modules/.cache/csp-partner-bot/`, or the temporary directory where that cannot be written).
 */
export function pgliteTemplate(): Promise<Blob> {
  templateLoad ??= loadOrMakeTemplate().catch((error: unknown) => {
    templateLoad = undefined;
    throw error;
  });
  return templateLoad;
}
let templateLoad: Promise<Blob> | undefined;

const requireHere = createRequire(import.meta.url);

async function loadOrMakeTemplate(): Promise<Blob> {
  const entry = requireHere.resolve('@electric-sql/pglite');
  const packageDir = entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`));
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const name = `pglite-${version}-cluster.tar.gz`;
  const nodeModules = path.dirname(path.dirname(packageDir));
  const places = [
    path.join(nodeModules, '.cache', 'csp-partner-bot'),
    path.join(os.tmpdir(), 'csp-partner-bot'),
  ];
  for (const dir of places) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  }
  let lastError: unknown;
  for (const dir of places) {
    const file = path.join(dir, name);
    try {
      fs.mkdirSync(dir, { recursive: true });
      await makeTemplate(entry, file);
      return new Blob([fs.readFileSync(file)]);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** initdb in a child process; the dump is written beside `file` and renamed, so readers never see half of it. */
async function makeTemplate(entry: string, file: string): Promise<void> {
  const partial = `${file}.partial-${process.pid}-${Date.now()}`;
  const script = `
    import fs from 'node:fs';
    const { PGlite } = await import(${JSON.stringify(pathToFileURL(entry).href)});
    const db = new PGlite();
    await db.waitReady;
    const dump = await db.dumpDataDir('gzip');
    fs.writeFileSync(${JSON.stringify(partial)}, new Uint8Array(await dump.arrayBuffer()));
    await db.close();`;
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, ['--input-type=module', '-e', script], (error, _stdout, stderr) =>
        error ? reject(new Error(`PGlite's initdb failed: ${stderr || error.message}`)) : resolve(),
      );
    });
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
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

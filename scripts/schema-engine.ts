/**
 * Prisma's schema engine as WebAssembly (dev only): drafts migration SQL from schema.prisma and checks that
 * the committed migrations and the schema agree. The native engine cannot be downloaded on these machines.
 * The engine runs migrations on a throwaway in-memory PGlite as its shadow database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { PGlite } from '@electric-sql/pglite';
import { newPGlite } from '../src/db/pglite.js';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_PATH = path.join(ROOT, 'prisma/schema.prisma');
export const MIGRATIONS_DIR = path.join(ROOT, 'prisma/migrations');

interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: unknown } }>;
}

let loaded: Promise<void> | undefined;
const loadWasm = () =>
  (loaded ??= (async () => {
    const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const { instance } = await wasm.instantiate(fs.readFileSync(wasmPath), { './schema_engine_bg.js': bg });
    (bg as unknown as { __wbg_set_wasm(exports: unknown): void }).__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })());

const readMigrations = (dir: string) => ({
  baseDir: dir,
  lockfile: {
    path: 'migration_lock.toml',
    content: fs.existsSync(path.join(dir, 'migration_lock.toml'))
      ? fs.readFileSync(path.join(dir, 'migration_lock.toml'), 'utf8')
      : null,
  },
  shadowDbInitScript: '',
  migrationDirectories: fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: {
          tag: 'ok' as const,
          value: fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'),
        },
      },
    })),
});

/**
 * SQL that takes the database from `from` to the schema: `from` is "empty" or the committed migrations.
 * Returns an empty string when there is nothing to do.
 */
export async function diffSchema(options: {
  from: 'empty' | 'migrations';
  schema?: string;
  migrationsDir?: string;
}): Promise<string> {
  await loadWasm();
  const schema = options.schema ?? fs.readFileSync(SCHEMA_PATH, 'utf8');
  const pglite = await newPGlite();
  const shadows: PGlite[] = [];
  try {
    // The adapter's own shadow database is a bare PGlite: the migrations need pg_trgm, so give it ours.
    const factory = new PrismaPGlite(pglite);
    factory.connectToShadowDb = async () => {
      const shadow = await newPGlite();
      shadows.push(shadow);
      return new PrismaPGlite(shadow).connect();
    };
    const adapter = bindMigrationAwareSqlAdapterFactory(factory);
    const engine = await bg.SchemaEngine.new({ datamodels: [['schema.prisma', schema]] }, () => {}, adapter);
    const from =
      options.from === 'empty'
        ? ({ tag: 'empty' } as const)
        : ({ tag: 'migrations', ...readMigrations(options.migrationsDir ?? MIGRATIONS_DIR) } as const);
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    const script = result.stdout ?? '';
    return /^\s*-- This is an empty migration\.\s*$/.test(script) ? '' : script.trim();
  } finally {
    await Promise.all(shadows.map((shadow) => shadow.close()));
    await pglite.close();
  }
}

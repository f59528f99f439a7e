import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffSchema, SCHEMA_PATH } from '../../scripts/schema-engine.js';

/** Prisma's schema engine as WebAssembly takes a few seconds per diff. */
const WASM_TIMEOUT = 60_000;

describe('prisma/schema.prisma and prisma/migrations', () => {
  it(
    'agree: the committed migrations produce exactly the schema',
    async () => {
      expect(await diffSchema({ from: 'migrations' })).toBe('');
    },
    WASM_TIMEOUT,
  );

  it(
    'disagree as soon as the schema changes, and the diff is the SQL of the change',
    async () => {
      const schema = fs.readFileSync(SCHEMA_PATH, 'utf8');
      const changed = schema.replace(/^model Customer \{\n/m, '$&  note String?\n');
      expect(changed).not.toBe(schema);

      const sql = await diffSchema({ from: 'migrations', schema: changed });

      expect(sql.replace(/\s+/g, ' ')).toContain('ALTER TABLE "customers" ADD COLUMN "note" TEXT;');
      expect(sql).not.toMatch(/DROP|CREATE TABLE/);
    },
    WASM_TIMEOUT,
  );
});

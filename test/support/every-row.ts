/** Every row of every table of the public schema, for tests that prove a copy of a database is whole. */
import type { PrismaClient } from '../../src/db/database.js';

/** Every row of every table, as text, table by table (sorted, so equal means equal). */
export async function everyRow(db: { readonly prisma: PrismaClient }): Promise<Record<string, string[]>> {
  const tables = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const rows: Record<string, string[]> = {};
  for (const { name } of tables) {
    const found = await db.prisma.$queryRawUnsafe<{ row: string }[]>(
      `SELECT t::text AS row FROM "${name}" t`,
    );
    rows[name] = found.map((r) => r.row).sort();
  }
  return rows;
}

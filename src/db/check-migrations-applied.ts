/** Readiness: is every migration this build knows applied to the database it talks to? */
import type { PrismaClient } from './generated/prisma/client.js';
import { readMigrations } from './migrate.js';

export function createMigrationsCheck(prisma: PrismaClient): () => Promise<boolean> {
  const expected = readMigrations().map((migration) => migration.name);
  return async () => {
    const rows = await prisma.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((row) => row.migration_name));
    return expected.every((name) => applied.has(name));
  };
}

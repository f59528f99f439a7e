// Prisma 7 reads its configuration here. Only `prisma generate` is run by this project's scripts; the
// schema engine is replaced by src/db/migrate.ts (apply) and scripts/db-diff.ts (draft), see README.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});

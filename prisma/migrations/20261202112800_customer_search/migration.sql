-- Customer search in SQL (R-CAT-1): trigram similarity and substring matches served by GIN indexes,
-- so no turn reads every customer. pg_trgm is a trusted extension (PostgreSQL 13+) and PGlite loads it
-- from @electric-sql/pglite/contrib/pg_trgm (src/db/pglite.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "customers_companyName_trgm_idx" ON "customers" USING GIN ("companyName" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "customers_primaryDomain_trgm_idx" ON "customers" USING GIN ("primaryDomain" gin_trgm_ops);

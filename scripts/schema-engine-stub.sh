#!/bin/sh
# Stand-in for Prisma's native schema engine, which cannot be downloaded on these machines.
# `prisma generate` only checks that the file exists and never runs it. Migrations are applied by
# src/db/migrate.ts and drafted with @prisma/schema-engine-wasm (npm run db:diff).
echo "schema engine stub: use npm run db:migrate / npm run db:diff instead" >&2
exit 1

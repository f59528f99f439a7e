-- R-NCE-2: remember each licence addition, not only the last one, so that only licences added in the
-- last 7 days can be removed. Existing rows: their last addition becomes one entry of their quantity.

-- AlterTable
ALTER TABLE "subscriptions" ADD COLUMN     "licenceAdditions" JSONB NOT NULL DEFAULT '[]';

UPDATE "subscriptions"
SET "licenceAdditions" = jsonb_build_array(
  jsonb_build_object('at', to_char("licencesAddedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'count', "quantity")
)
WHERE "licencesAddedAt" IS NOT NULL;

ALTER TABLE "subscriptions" DROP COLUMN "licencesAddedAt";

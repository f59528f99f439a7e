-- Reminders driven by a stored check time (issue 12): each subscription keeps the next instant at which
-- the reminder pass must look at it ("reminderCheckAt", null: never again), so a pass reads the rows
-- whose time has come, in ("reminderCheckAt", id) order, instead of walking the table by time conditions.
-- New rows get the default, the epoch ("look at the next pass"), whatever inserts them; every save
-- resets it to the epoch; the pass advances it.
--
-- Upgrade: the existing rows get the default too, so the first passes after the upgrade look at every
-- subscription once (a catch-up bounded per pass; later passes continue until none is left behind).
--
-- The single-column indexes served only the old source query and go.

-- DropIndex
DROP INDEX "subscriptions_cancelAt_idx";

-- DropIndex
DROP INDEX "subscriptions_dataDeletedAt_idx";

-- DropIndex
DROP INDEX "subscriptions_orderedAt_idx";

-- DropIndex
DROP INDEX "subscriptions_renewsAt_idx";

-- DropIndex
DROP INDEX "subscriptions_termStartAt_idx";

-- DropIndex
DROP INDEX "subscriptions_trialEndsAt_idx";

-- AlterTable
ALTER TABLE "subscriptions" ADD COLUMN     "reminderCheckAt" TIMESTAMPTZ(3) DEFAULT '1970-01-01 00:00:00+00'::timestamptz;

-- CreateIndex
CREATE INDEX "subscriptions_reminderCheckAt_id_idx" ON "subscriptions"("reminderCheckAt", "id");

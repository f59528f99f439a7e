-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "actorName" TEXT;

-- AlterTable
ALTER TABLE "staff" ADD COLUMN     "tenantId" TEXT;

-- Software purchases: a repeated "Get key" press shows the same link again to its asker (the token is
-- kept sealed beside its hash), and a cancelled order records its credit and reason (R-SWC-7).

-- AlterTable
ALTER TABLE "download_links" ADD COLUMN     "tokenEncrypted" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "cancelReason" TEXT,
ADD COLUMN     "creditAmount" DECIMAL(14,2);

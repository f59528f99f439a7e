-- AlterTable
ALTER TABLE "products" ADD COLUMN     "baseProductIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "termOptionIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "upgradeTargetIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "subscriptions" ADD COLUMN     "baseSubscriptionId" TEXT,
ADD COLUMN     "scheduledBillingCycle" TEXT,
ADD COLUMN     "scheduledProductId" TEXT,
ADD COLUMN     "termAnchorAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "partner_center_refresh_tokens" (
    "tenantId" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "partner_center_refresh_tokens_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "partner_center_subscription_snapshots" (
    "subscriptionId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "refreshedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "partner_center_subscription_snapshots_pkey" PRIMARY KEY ("subscriptionId")
);

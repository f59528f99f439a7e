-- CreateTable
CREATE TABLE "partner_center_carts" (
    "operationId" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "cartId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "partner_center_carts_pkey" PRIMARY KEY ("operationId","fingerprint")
);

-- CreateIndex
CREATE INDEX "partner_center_carts_createdAt_idx" ON "partner_center_carts"("createdAt");

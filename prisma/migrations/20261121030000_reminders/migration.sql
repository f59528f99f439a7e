-- CreateTable
CREATE TABLE "reminders" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "recipientAadObjectId" TEXT NOT NULL,
    "eventAt" TIMESTAMPTZ(3) NOT NULL,
    "uniqueKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "skippedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,

    CONSTRAINT "reminders_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reminders_uniqueKey_key" ON "reminders"("uniqueKey");

-- CreateIndex
CREATE INDEX "reminders_sentAt_nextAttemptAt_idx" ON "reminders"("sentAt", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "reminders_recipientAadObjectId_sentAt_idx" ON "reminders"("recipientAadObjectId", "sentAt");

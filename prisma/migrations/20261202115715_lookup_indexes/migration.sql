-- An index for every lookup a turn or a pass makes (issue 12): a customer's subscriptions by page, the
-- reminder sources' time conditions, links expiring soon, expired confirmations, the audit by subject.
-- (The case-insensitive domain lookup is served by customers_primaryDomain_trgm_idx.)
-- DropIndex
DROP INDEX "subscriptions_customerId_idx";

-- CreateIndex
CREATE INDEX "audit_events_subjectId_at_idx" ON "audit_events"("subjectId", "at");

-- CreateIndex
CREATE INDEX "download_links_expiresAt_idx" ON "download_links"("expiresAt");

-- CreateIndex
CREATE INDEX "pending_actions_expiresAt_idx" ON "pending_actions"("expiresAt");

-- CreateIndex
CREATE INDEX "subscriptions_customerId_orderedAt_id_idx" ON "subscriptions"("customerId", "orderedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "subscriptions_orderedAt_idx" ON "subscriptions"("orderedAt");

-- CreateIndex
CREATE INDEX "subscriptions_termStartAt_idx" ON "subscriptions"("termStartAt");

-- CreateIndex
CREATE INDEX "subscriptions_renewsAt_idx" ON "subscriptions"("renewsAt");

-- CreateIndex
CREATE INDEX "subscriptions_trialEndsAt_idx" ON "subscriptions"("trialEndsAt");

-- CreateIndex
CREATE INDEX "subscriptions_cancelAt_idx" ON "subscriptions"("cancelAt");

-- CreateIndex
CREATE INDEX "subscriptions_dataDeletedAt_idx" ON "subscriptions"("dataDeletedAt");

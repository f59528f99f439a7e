-- A software purchase's subscription and an order card's subscriptions are read by order. Without an
-- index that read walked the subscriptions table (2.5 ms at 3,300 rows in the demo bench, every key and
-- link turn; a million rows at the scale the bot is measured at).

-- CreateIndex
CREATE INDEX "subscriptions_orderId_idx" ON "subscriptions"("orderId");

/**
 * Invitations in partner-center mode, end to end through /api/messages against the local Partner Center:
 * the link is Partner Center's own (GET /customers/relationshiprequests, App+User), stored as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf, type Card, sayTo } from '../../support/bot.js';
import { staffWithRole } from '../../support/staff.js';
import { startPartnerCenterBot, type PartnerCenterBot } from './pc-bot.js';

const ACCOUNT_ADMIN = staffWithRole('account-admin');

let pc: PartnerCenterBot;

beforeAll(async () => {
  pc = await startPartnerCenterBot();
});
afterAll(async () => {
  await pc?.close();
});

const say = async (text: string): Promise<Card> => {
  const cards = await sayTo(pc.bot.endpoint, text, { from: ACCOUNT_ADMIN });
  expect(cards).toHaveLength(1);
  return cards[0]!;
};

describe('issue 9: invitations in partner-center mode', () => {
  it("R-PC-15: invite gives Partner Center's invitation link, read with App+User, and stores the request", async () => {
    const card = await say('invite humongousinsurance.onmicrosoft.com');
    const asked = pc.fake.requests.filter((r) => r.route === 'relationshipRequest');
    expect(asked).toHaveLength(1);
    // The fake's link names the partner tenant it signed in and DAP=false (the bot's own link says DAP=true).
    const link = `partnerId=${pc.fake.tenantId}&msppId=0&DAP=false`;
    expect(textOf(card)).toContain(link);
    // App-only would have been refused (403 900329): the link was read with App+User.
    const customer = await pc.bot.deps.customers.findByDomain('humongousinsurance.onmicrosoft.com');
    const stored = await pc.bot.deps.relationships.findPendingFor(customer!.id);
    expect(stored?.invitationUrl).toContain(link);
  });
});

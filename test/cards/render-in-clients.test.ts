/**
 * Every template in cards/ renders in the clients: a tour of the bot's commands and buttons, in English,
 * Korean and Chinese, with the demo data, records every card the views produce (bound from each template,
 * and as sent: Action.Execute for Teams, Action.Submit for Web Chat and the Emulator) and checks each with
 * the real Adaptive Cards renderer (zero parse and validation events: "Required inputs should have a label"
 * is what Web Chat shows as an empty box) and against the Adaptive Cards 1.5 schema that Teams uses. The
 * templates are read from cards/, so a new template fails here until the tour reaches it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as CardsModule from '../../src/bot/cards.js';
import { rendererProblems, schemaProblems } from '../support/adaptive-cards.js';
import { buttonsOf, cardsOf, executeActivity, messageActivity, post, type Card } from '../support/bot.js';
import { useTestBot } from '../support/test-bot.js';
import { ADMIN_AGENT, GLOBAL_ADMIN, SALES_AGENT, type TestPerson } from '../support/staff.js';

/** Each card a template was bound into during the tour, by template name. */
const rendered = vi.hoisted(() => new Map<string, unknown[]>());

vi.mock('../../src/bot/cards.js', async (importOriginal) => {
  const original = await importOriginal<typeof CardsModule>();
  return {
    ...original,
    renderCard: (name: CardsModule.TemplateName, data: unknown) => {
      const card = original.renderCard(name, data);
      rendered.set(name, [...(rendered.get(name) ?? []), structuredClone(card)]);
      return card;
    },
  };
});

const CARDS_DIR = path.resolve(import.meta.dirname, '../../cards');
const TEMPLATES = fs
  .readdirSync(CARDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => path.basename(f, '.json'));

/** Values for a card's inputs: what it shows, else the first choice, else a plausible answer. */
function inputsOf(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const r = node as Record<string, unknown>;
      if (typeof r.type === 'string' && r.type.startsWith('Input.') && typeof r.id === 'string') {
        const choices = r.choices as Array<{ value: string }> | undefined;
        out[r.id] =
          r.type === 'Input.Toggle'
            ? (r.valueOn ?? 'true')
            : (r.value ?? choices?.[0]?.value ?? (r.type === 'Input.Number' ? 1 : 'Bought by mistake'));
      }
      if (r.type !== 'Action.ShowCard') Object.values(r).forEach(walk);
      else walk((r.card as Record<string, unknown>).body);
    }
  };
  walk(card);
  return out;
}

const sent: Array<{ where: string; card: unknown }> = [];

function tour(locale: string) {
  const bot = useTestBot();
  const options = (from: TestPerson, channelId: 'msteams' | 'webchat' = 'msteams') => ({
    from,
    locale,
    channelId,
  });

  const say = async (
    text: string,
    from: TestPerson = GLOBAL_ADMIN,
    channelId: 'msteams' | 'webchat' = 'msteams',
  ) => {
    const reply = await post(bot.endpoint, messageActivity(text, options(from, channelId)));
    expect(reply.status).toBe(200);
    const cards = cardsOf(reply);
    for (const card of cards) sent.push({ where: `${locale} ${channelId} "${text}"`, card });
    expect(cards.length).toBeGreaterThan(0);
    return cards[0]!;
  };
  /** Presses the first button whose verb is `verb` (any language), with the card's own input values. */
  const press = async (
    card: Card,
    verb: string,
    from: TestPerson = GLOBAL_ADMIN,
    extra: Record<string, unknown> = {},
  ) => {
    const button = buttonsOf(card).find((b) => b.verb === verb);
    if (!button)
      throw new Error(`no ${verb} button in ${JSON.stringify(buttonsOf(card).map((b) => b.verb))}`);
    const reply = await post(
      bot.endpoint,
      executeActivity(verb, { ...inputsOf(card), ...button.data, ...extra }, options(from)),
    );
    expect(reply.status).toBe(200);
    const body = reply.body as { value?: Card };
    if (body?.value?.type === 'AdaptiveCard')
      sent.push({ where: `${locale} press ${verb}`, card: body.value });
    return body.value as Card;
  };

  it(`${locale}: the tour of every command and button answers with cards`, async () => {
    await say('help');
    await say('help', GLOBAL_ADMIN, 'webchat');
    await say('whoami');
    await say('customers contoso');
    await say('customers con', GLOBAL_ADMIN, 'webchat');
    await say('subscriptions contoso ltd');
    await say('subscriptions contoso');
    await say('subscriptions contoso', GLOBAL_ADMIN, 'webchat');
    await say('orders northwind');
    await say('staff');
    await say('nonsense words');

    await press(await say('suspend SUB-contoso-exo'), 'subscription.suspend.confirm');
    await press(await say('reactivate SUB-fabrikam-bp'), 'subscription.reactivate.confirm');
    await press(await say('licenses SUB-contoso-e3 260'), 'subscription.licenses.confirm');
    await press(await say('autorenew SUB-coho-e3 off'), 'subscription.autorenew.confirm');
    const reason = await say('cancel SUB-woodgrove-e5');
    const preview = await press(reason, 'subscription.cancel.reason');
    await press(preview, 'subscription.cancel.confirm');
    await say('cancel SUB-woodgrove-e5', GLOBAL_ADMIN, 'webchat');

    const cart = await say('buy 10 Microsoft 365 E3 for contoso ltd monthly', SALES_AGENT);
    await say('buy 10 Microsoft 365 E3 for contoso ltd monthly', SALES_AGENT, 'webchat');
    await press(cart, 'cart.purchase', SALES_AGENT);

    await say('software fabrikam', ADMIN_AGENT);
    const chooser = await say('key ORD-2001', ADMIN_AGENT);
    await say('key ORD-2001', ADMIN_AGENT, 'webchat');
    await press(chooser, 'software.key.confirm', ADMIN_AGENT);
    const acknowledge = await say('cancel order ORD-2010', ADMIN_AGENT);
    await say('cancel order ORD-2010', ADMIN_AGENT, 'webchat');
    await press(acknowledge, 'software.cancel.confirm', ADMIN_AGENT);
    const form = await say('support request ORD-2003', ADMIN_AGENT);
    await say('support request ORD-2003', ADMIN_AGENT, 'webchat');
    await press(form, 'support.submit', ADMIN_AGENT);

    await say('invite Blue Yonder', SALES_AGENT);
    await say('reminders');
    await say('activity');
    await press(await say('grant Ada Wong sales-agent'), 'staff.grant.confirm');

    // Dashboard parity (issue 11): one order, the catalog, add-ons, billing and term, upgrade.
    await say('order ORD-1001', SALES_AGENT);
    await say('order ORD-2003', ADMIN_AGENT, 'webchat');
    await say('products microsoft license', SALES_AGENT);
    await say('products for northwind', SALES_AGENT, 'webchat');
    const addOns = await say('addons SUB-contoso-e3', SALES_AGENT);
    await press(addOns, 'addon.start', SALES_AGENT);
    await say('billing SUB-woodgrove-e5 annual', SALES_AGENT);
    await say('upgrade SUB-contoso-e3 to E5', SALES_AGENT);
  });
}

for (const locale of ['en-US', 'ko-KR', 'zh-CN']) describe(`in ${locale}`, () => tour(locale));

describe('what the tour rendered', () => {
  afterAll(() => rendered.clear());

  it('reached every template in cards/', () => {
    expect(TEMPLATES.filter((name) => !rendered.has(name))).toEqual([]);
  });

  it.each(TEMPLATES)(
    '%s: every card bound from it renders with no renderer event and passes the 1.5 schema',
    (name) => {
      for (const card of rendered.get(name) ?? []) {
        expect(rendererProblems(card), JSON.stringify(card).slice(0, 400)).toEqual([]);
        expect(schemaProblems(card), JSON.stringify(card).slice(0, 400)).toEqual([]);
      }
    },
  );

  it('every card as sent (Teams and Web Chat) renders and passes the 1.5 schema', () => {
    expect(sent.length).toBeGreaterThan(30);
    for (const { where, card } of sent) {
      expect(rendererProblems(card), where).toEqual([]);
      expect(schemaProblems(card), where).toEqual([]);
    }
  });
});

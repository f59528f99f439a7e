/**
 * Every card template renders with its data in every language, leaves no `${…}` unbound, stays under
 * Teams' 28 KB limit, and carries only buttons the handlers understand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARDS_DIR, TEMPLATE_NAMES, cardBytes, renderCard, toSubmitActions } from '../../src/bot/cards.js';
import { findUnbound } from '../../src/bot/card-template.js';
import { parseCardAction } from '../../src/bot/card-actions.js';
import { LOCALES } from '../../src/bot/commands.js';
import { speechFor } from '../../src/bot/i18n.js';
import * as commonViews from '../../src/bot/common-views.js';
import * as customerViews from '../../src/bot/features/customers/views.js';
import * as helpViews from '../../src/bot/features/help/views.js';
import * as staffViews from '../../src/bot/features/staff/views.js';
import type { Actor } from '../../src/domain/shared/actor.js';
import type { DomainError } from '../../src/domain/shared/errors.js';
import type { Customer, Order, Subscription } from '../../src/domain/shared/model.js';
import { ROLES } from '../../src/domain/shared/roles.js';
import { at } from '../../src/domain/shared/time.js';
import { rendererProblems, schemaProblems } from '../support/adaptive-cards.js';

/** The views this test renders, from the files that hold them since views.ts was split per feature. */
const views = { ...commonViews, ...helpViews, ...customerViews, ...staffViews };

const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

const actor: Actor = {
  aadObjectId: '00000000-0000-4000-8000-000000000001',
  displayName: 'Grace Kim',
  roles: ['global-admin'],
};
const customer: Customer = {
  id: 'cus-contoso',
  relationship: 'active',
  companyName: 'Contoso Ltd',
  primaryDomain: 'contoso.onmicrosoft.com',
  tenantId: '2f6e1c55-8d4b-4a57-9c1e-4f6a0b7d9e21',
  billingCountry: 'US',
  segment: 'commercial',
  tenantRegion: 'NA',
  preferredLanguage: 'en',
  accountCreatedAt: at('2024-01-01T00:00:00Z'),
  firstBillingPeriodStartAt: at('2024-01-01T00:00:00Z'),
};
const subscription = (i: number, status: Subscription['status']): Subscription => ({
  id: `SUB-${i}`,
  customerId: customer.id,
  productId: 'm365-e3',
  productName: 'Microsoft 365 E3 with a rather long product name to make the card realistic',
  orderId: `ORD-${i}`,
  quantity: 10 + i,
  billingCycle: i % 2 ? 'monthly' : 'annual',
  status,
  autoRenew: i % 3 !== 0,
  orderedAt: at('2026-11-01T08:00:00Z'),
  termStartAt: at('2026-11-01T08:00:00Z'),
  renewsAt: at('2026-12-01T08:00:00Z'),
  trialEndsAt: i % 4 === 0 ? at('2026-12-01T08:00:00Z') : null,
  suspendedAt: status === 'suspended' ? at('2026-11-10T08:00:00Z') : null,
  dataDeletedAt: status === 'suspended' ? at('2027-02-08T08:00:00Z') : null,
  cancelledAt: null,
  cancelAt: i % 5 === 0 ? at('2026-12-01T08:00:00Z') : null,
  version: 0,
});
const order = (i: number): Order => ({
  id: `ORD-${1000 + i}`,
  customerId: customer.id,
  placedByAadObjectId: actor.aadObjectId!,
  placedAt: at('2026-11-01T08:00:00Z'),
  status: i % 7 ? 'completed' : 'cancelled',
  total: 1234.5 * i,
  currency: 'USD',
  lines: [1, 2, 3].map((n) => ({
    productId: 'm365-e3',
    productName: `Product ${n}`,
    quantity: n,
    billingCycle: 'monthly' as const,
    unitPrice: 32,
    currency: 'USD',
  })),
});

const ERRORS: DomainError[] = [
  { kind: 'forbidden', action: 'staff.grant', allowedRoles: ['global-admin'] },
  { kind: 'no-role' },
  { kind: 'not-found', what: 'customer', ref: 'zz' },
  { kind: 'not-found', what: 'pending-action', ref: 'x' },
  { kind: 'ambiguous', what: 'customer', ref: 'con', candidates: [{ id: 'a', label: 'A', detail: 'a.com' }] },
  { kind: 'invalid-input', field: 'customer', reason: 'empty' },
  { kind: 'invalid-input', field: 'customer', reason: 'too-long' },
  { kind: 'invalid-state', what: 'subscription', status: 'suspended', attempted: 'suspend' },
  { kind: 'invalid-state', what: 'role', status: 'last-global-admin', attempted: 'revoke' },
  { kind: 'not-initiator' },
  { kind: 'expired', what: 'pending-action' },
  { kind: 'already-done', previous: null },
  { kind: 'discarded' },
  { kind: 'no-change', reason: 'role-already-held' },
];

/** Every card the bot can send, in one language, with realistic (and maximal) data. */
function everyCard(locale: (typeof LOCALES)[number]) {
  const s = speechFor(locale, locale === 'ko' ? 'Asia/Seoul' : undefined);
  const everyRole: Actor = { ...actor, roles: [...ROLES] };
  const many = Array.from({ length: 40 }, (_, i) =>
    subscription(i, (['active', 'suspended', 'expired', 'cancelled'] as const)[i % 4]!),
  );
  return {
    help: views.helpCard(s, everyRole),
    noRole: views.noRoleCard(s, { ...actor, roles: [] }, ['Grace Kim', 'Other Admin']),
    whoami: views.whoamiCard(s, actor),
    customers: views.customersCard(
      s,
      'contoso',
      Array.from({ length: 40 }, () => customer),
    ),
    choice: views.choiceCard(
      s,
      {
        kind: 'ambiguous',
        what: 'customer',
        ref: 'contoso',
        candidates: Array.from({ length: 40 }, (_, i) => ({
          id: `c${i}`,
          label: `Contoso ${i}`,
          detail: 'contoso.onmicrosoft.com',
        })),
      },
      (c) => ({ verb: 'customer.subscriptions', data: { customerId: c.id } }),
    ),
    subscriptions: views.subscriptionsCard(
      s,
      { customer, subscriptions: many.slice(0, 30), page: 1, hasMore: true },
      everyRole,
    ),
    noSubscriptions: views.subscriptionsCard(
      s,
      { customer, subscriptions: [], page: 0, hasMore: false },
      everyRole,
    ),
    orders: views.ordersCard(s, {
      customer,
      orders: Array.from({ length: 30 }, (_, i) => order(i)),
      page: 0,
      hasMore: true,
    }),
    staff: views.staffCard(
      s,
      Array.from({ length: 30 }, (_, i) => ({
        aadObjectId: `id-${i}`,
        displayName: `Person ${i}`,
        roles: [...ROLES],
        locale: null,
        timeZone: null,
      })),
    ),
    grantPreview: views.roleChangePreviewCard(s, {
      pendingId: 'AAAAAAAAAAAAAAAAAAAAAA',
      change: 'grant',
      person: { aadObjectId: 'id', displayName: 'Ada Wong', roles: ['admin-agent'] },
      role: 'sales-agent',
      expiresAt: '2026-11-21T09:15:00.000Z',
    }),
    revokeResult: views.roleChangeResultCard(
      s,
      { change: 'revoke', aadObjectId: 'id', displayName: 'Ada', role: 'sales-agent', roles: [] },
      s.m.errors.alreadyDone,
    ),
    discarded: views.discardedCard(s),
    parseErrors: [
      views.parseErrorCard(s, { kind: 'empty' }),
      views.parseErrorCard(s, { kind: 'too-long', max: 1000 }),
      views.parseErrorCard(s, { kind: 'unknown-command', word: 'x', suggestion: 'help' }),
      views.parseErrorCard(s, { kind: 'missing-argument', command: 'orders' }),
      views.parseErrorCard(s, { kind: 'bad-role', command: 'grant', text: 'x' }),
    ],
    errors: ERRORS.map((e) => views.domainErrorCard(s, actor, e)),
    badCard: views.badCardCard(s),
    turnError: views.turnErrorCard(s, 'ERR-0123ABCD'),
  };
}

describe('card templates', () => {
  it('every template in cards/ is one the renderer knows, and is valid JSON', () => {
    const files = fs
      .readdirSync(CARDS_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.basename(f, '.json'));
    expect(files.sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  it('an unbound ${…} is left visible so that this test can catch it', () => {
    expect(findUnbound(renderCard('message', { title: 'x' }))).not.toHaveLength(0);
  });

  for (const locale of LOCALES) {
    describe(`in ${locale}`, () => {
      const cards = Object.entries(everyCard(locale)).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map(
          (card, i) => [`${name}${Array.isArray(value) ? ` #${i}` : ''}`, card] as const,
        ),
      );

      it.each(cards)('%s leaves nothing unbound and fits in 28 KB', (_name, card) => {
        expect(findUnbound(card)).toEqual([]);
        expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_LIMIT_BYTES);
        expect(card.type).toBe('AdaptiveCard');
      });

      it.each(cards)(
        '%s renders in the Adaptive Cards renderer and passes the 1.5 schema, as sent to Teams and to Web Chat',
        (_name, card) => {
          for (const sent of [card, toSubmitActions(card)]) {
            expect(rendererProblems(sent)).toEqual([]);
            expect(schemaProblems(sent)).toEqual([]);
          }
        },
      );

      it.each(cards)(
        '%s has only buttons the bot understands, in Teams and in the Emulator',
        (_name, card) => {
          const buttons: Array<Record<string, unknown>> = [];
          const walk = (node: unknown) => {
            if (Array.isArray(node)) node.forEach(walk);
            else if (node && typeof node === 'object') {
              const r = node as Record<string, unknown>;
              if (r.type === 'Action.Execute' || r.type === 'Action.Submit') buttons.push(r);
              Object.values(r).forEach(walk);
            }
          };
          walk(card);
          walk(toSubmitActions(card));
          for (const b of buttons) {
            const parsed =
              b.type === 'Action.Execute'
                ? parseCardAction(b.verb, b.data)
                : parseCardAction(undefined, b.data);
            expect(parsed.success, JSON.stringify(b)).toBe(true);
            expect(typeof b.title === 'string' && b.title.length > 0).toBe(true);
          }
        },
      );
    });
  }
});

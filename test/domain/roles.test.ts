import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, can, type Action, type Role } from '../../src/domain/shared/roles.js';

/** The spec's table (domain-rules.md, "Actors and roles"), written out independently of the code. */
const SPEC: Array<[string, Action[], Role[]]> = [
  [
    'R-ROLE-1',
    [
      'subscription.buy',
      'subscription.suspend',
      'subscription.reactivate',
      'subscription.cancel',
      'subscription.licenses',
      'subscription.autorenew',
    ],
    ['admin-agent', 'billing-admin', 'global-admin', 'helpdesk-agent', 'sales-agent'],
  ],
  ['R-ROLE-2', ['software.buy', 'software.manage'], ['admin-agent', 'global-admin']],
  ['R-ROLE-3', ['software.key'], ['admin-agent']],
  ['R-ROLE-4', ['software.cancel'], ['admin-agent']],
  [
    'R-ROLE-5',
    ['software.activity'],
    ['global-admin', 'account-admin', 'referral-admin', 'marketing-content-admin'],
  ],
  ['R-ROLE-6', ['relationship.request'], ['account-admin', 'sales-agent', 'billing-admin']],
  ['R-ROLE-7', ['catalog.read'], [...ROLES]],
  ['R-ROLE-8', ['staff.grant', 'staff.revoke'], ['global-admin']],
];

describe('who may do what', () => {
  for (const [rule, actions, allowed] of SPEC) {
    for (const action of actions) {
      it(`${rule}: ${action} is allowed to exactly ${allowed.join(', ')}`, () => {
        for (const role of ROLES)
          expect(can([role], action), `${role} → ${action}`).toBe(allowed.includes(role));
      });
    }
  }

  it('an unknown user (no role) may do nothing', () => {
    for (const action of ACTIONS) expect(can([], action)).toBe(false);
  });

  it('holding several roles allows what any of them allows', () => {
    expect(can(['referral-admin', 'admin-agent'], 'software.key')).toBe(true);
    expect(can(['referral-admin', 'marketing-content-admin'], 'software.key')).toBe(false);
  });
});

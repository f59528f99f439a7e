/**
 * Demo partner staff: one person per role, so that every permission of R-ROLE-1..8 can be tried by
 * signing in as the right person. The ids stand in for Entra object ids.
 */
import type { Role } from '../../src/domain/shared/roles.js';

export interface SeedStaff {
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly email: string;
  readonly locale: string | null;
  readonly timeZone: string | null;
  readonly roles: readonly Role[];
}

/**
 * The demo partner's Entra tenant: the one `.teamsapptesttool.yml` (tenantId) and the tests' activities send.
 * Demo staff belong to it (R-ID-2), so the same object id from another tenant is nobody.
 */
export const DEMO_TENANT_ID = '00000000-0000-4000-8000-000000000100';

export const DEMO_STAFF: readonly SeedStaff[] = [
  {
    aadObjectId: '00000000-0000-4000-8000-000000000001',
    displayName: 'Grace Kim',
    email: 'grace.kim@partner.example',
    locale: 'en-US',
    timeZone: null,
    roles: ['global-admin'],
  },
  {
    aadObjectId: '00000000-0000-4000-8000-000000000002',
    displayName: 'Adam Park',
    email: 'adam.park@partner.example',
    locale: null,
    timeZone: null,
    roles: ['account-admin'],
  },
  {
    aadObjectId: '00000000-0000-4000-8000-000000000003',
    displayName: 'Bora Lee',
    email: 'bora.lee@partner.example',
    locale: 'ko-KR',
    timeZone: 'Asia/Seoul',
    roles: ['billing-admin'],
  },
  {
    aadObjectId: '00000000-0000-4000-8000-000000000004',
    displayName: 'Ada Wong',
    email: 'ada.wong@partner.example',
    locale: null,
    timeZone: null,
    roles: ['admin-agent'],
  },
  {
    aadObjectId: '00000000-0000-4000-8000-000000000005',
    displayName: 'Sam Chen',
    email: 'sam.chen@partner.example',
    locale: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    roles: ['sales-agent'],
  },
  {
    aadObjectId: '00000000-0000-4000-8000-000000000006',
    displayName: 'Hana Choi',
    email: 'hana.choi@partner.example',
    locale: null,
    timeZone: null,
    roles: ['helpdesk-agent'],
  },
  {
    aadObjectId: '00000000-0000-4000-8000-000000000007',
    displayName: 'Rui Li',
    email: 'rui.li@partner.example',
    locale: null,
    timeZone: null,
    roles: ['referral-admin'],
  },
  {
    aadObjectId: '00000000-0000-4000-8000-000000000008',
    displayName: 'Mei Lin',
    email: 'mei.lin@partner.example',
    locale: null,
    timeZone: null,
    roles: ['marketing-content-admin'],
  },
];

/** A user who holds no role and is not in the staff table: can only ask for help. Never seeded. */
export const NO_ROLE_USER: SeedStaff = {
  aadObjectId: '00000000-0000-4000-8000-000000000009',
  displayName: 'Nora Jung',
  email: 'nora.jung@partner.example',
  locale: null,
  timeZone: null,
  roles: [],
};

/** A demo staff member by role (exactly one holds each role). */
export const demoStaffWithRole = (role: Role): SeedStaff => {
  const found = DEMO_STAFF.find((staff) => staff.roles.includes(role));
  if (!found) throw new Error(`no demo staff member holds ${role}`);
  return found;
};

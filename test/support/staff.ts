/** The demo staff, by role, as tests act as them. */
import { DEMO_STAFF, NO_ROLE_USER } from '../../prisma/seed/staff.js';
import type { Role } from '../../src/domain/shared/roles.js';

export interface TestPerson {
  readonly aadObjectId: string;
  readonly displayName: string;
}

export function staffWithRole(role: Role): TestPerson {
  const person = DEMO_STAFF.find((s) => s.roles.length === 1 && s.roles[0] === role);
  if (!person) throw new Error(`no demo staff member holds only ${role}`);
  return { aadObjectId: person.aadObjectId, displayName: person.displayName };
}

export const GLOBAL_ADMIN = staffWithRole('global-admin');
export const ADMIN_AGENT = staffWithRole('admin-agent');
export const SALES_AGENT = staffWithRole('sales-agent');
export const BILLING_ADMIN = staffWithRole('billing-admin');
export const NOBODY: TestPerson = {
  aadObjectId: NO_ROLE_USER.aadObjectId,
  displayName: NO_ROLE_USER.displayName,
};

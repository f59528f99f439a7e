/** For someone who holds no role: whom to ask (R-ROLE-10). */
import type { StaffRepository } from '../ports/staff.js';

export interface WhoCanGrantRolesDeps {
  readonly staff: StaffRepository;
}

/** The names of the people who can grant roles, for someone who holds none. */
export async function whoCanGrantRoles(deps: WhoCanGrantRolesDeps): Promise<string[]> {
  const staff = await deps.staff.list();
  return staff.filter((s) => s.roles.includes('global-admin')).map((s) => s.displayName);
}

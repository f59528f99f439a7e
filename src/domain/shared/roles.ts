/** Who may do what (R-ROLE-1..8). Policy is a table; `can` is the only way to read it. */
import { z } from 'zod';

export const ROLES = [
  'global-admin',
  'account-admin',
  'billing-admin',
  'admin-agent',
  'sales-agent',
  'helpdesk-agent',
  'referral-admin',
  'marketing-content-admin',
] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

const SUBSCRIPTION_ROLES = [
  'admin-agent',
  'billing-admin',
  'global-admin',
  'helpdesk-agent',
  'sales-agent',
] as const;
const SOFTWARE_ROLES = ['admin-agent', 'global-admin'] as const;

export const ALLOWED = {
  /** R-ROLE-7: any role may list and look up customers, subscriptions and orders. */
  'catalog.read': ROLES,
  /** R-ROLE-1 */
  'subscription.buy': SUBSCRIPTION_ROLES,
  'subscription.suspend': SUBSCRIPTION_ROLES,
  'subscription.reactivate': SUBSCRIPTION_ROLES,
  'subscription.cancel': SUBSCRIPTION_ROLES,
  'subscription.licenses': SUBSCRIPTION_ROLES,
  'subscription.autorenew': SUBSCRIPTION_ROLES,
  /** R-ROLE-1 too: add-ons (R-ADD-1), billing cycle and term changes (R-TRM-1), upgrades (R-UPG-1). */
  'subscription.addon': SUBSCRIPTION_ROLES,
  'subscription.billing': SUBSCRIPTION_ROLES,
  'subscription.upgrade': SUBSCRIPTION_ROLES,
  /** R-ROLE-2 */
  'software.buy': SOFTWARE_ROLES,
  'software.manage': SOFTWARE_ROLES,
  /** R-ROLE-3 */
  'software.key': ['admin-agent'],
  /** R-ROLE-4 */
  'software.cancel': ['admin-agent'],
  /** R-ROLE-5 */
  'software.activity': ['global-admin', 'account-admin', 'referral-admin', 'marketing-content-admin'],
  /** R-ROLE-6 (the source says "billing agent"; decided: billing-admin) */
  'relationship.request': ['account-admin', 'sales-agent', 'billing-admin'],
  /** R-ROLE-8 (decision) */
  'staff.grant': ['global-admin'],
  'staff.revoke': ['global-admin'],
  /** Refund support requests: whoever may cancel a subscription or a software purchase. */
  'support.request': [...SUBSCRIPTION_ROLES],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ALLOWED;
export const ACTIONS = Object.keys(ALLOWED) as Action[];

export const can = (roles: readonly Role[], action: Action): boolean =>
  roles.some((role) => (ALLOWED[action] as readonly Role[]).includes(role));

/** The roles that may carry out an action, for "ask one of these people" replies. */
export const rolesAllowedTo = (action: Action): readonly Role[] => ALLOWED[action];

export const hasAnyRole = (roles: readonly Role[]): boolean => roles.length > 0;

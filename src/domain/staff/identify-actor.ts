/**
 * Who is speaking, with the roles the database holds now. For staff (people holding a role) it also
 * remembers how to reach them (name, tenant, language, time zone, one-to-one chat), writing only when
 * something changed. Nobody else is remembered (R-ID-3), and a staff member's object id presented from
 * another tenant is not that person (R-ID-2).
 */
import type { Actor } from '../shared/actor.js';
import type { StaffRepository } from '../ports/staff.js';

export interface IdentifyActorDeps {
  readonly staff: StaffRepository;
}

/** Who an activity says is speaking; every field already validated and normalised at the edge. */
export interface Identity {
  readonly aadObjectId: string | null;
  readonly displayName: string;
  /** The Entra tenant the activity comes from (absent only where no tenant list is configured). */
  readonly tenantId?: string | null;
  readonly locale?: string | null;
  readonly timeZone?: string | null;
  /**
   * Present only in a one-to-one conversation between the bot and this person: the reference used for
   * proactive messages (keys and links, R-KEY-6), so it may come from nowhere else.
   */
  readonly personalConversation?: { readonly id: string; readonly reference: unknown } | undefined;
}

export async function identifyActor(deps: IdentifyActorDeps, identity: Identity): Promise<Actor> {
  if (!identity.aadObjectId) return { aadObjectId: null, displayName: identity.displayName, roles: [] };
  const aadObjectId = identity.aadObjectId.toLowerCase();
  const tenantId = identity.tenantId?.toLowerCase() ?? null;
  const staff = await deps.staff.find(aadObjectId);
  // R-ID-2: a staff member bound to a tenant is that person only in activities from that tenant.
  if (staff?.tenantId && tenantId && staff.tenantId.toLowerCase() !== tenantId) {
    return { aadObjectId: null, displayName: identity.displayName, roles: [] };
  }
  // R-ID-3: no row, and no change to one, for someone without a role.
  if (!staff || staff.roles.length === 0) {
    return { aadObjectId, displayName: identity.displayName || staff?.displayName || aadObjectId, roles: [] };
  }
  const changes = {
    ...(identity.displayName && identity.displayName !== staff.displayName
      ? { displayName: identity.displayName }
      : {}),
    ...(tenantId && !staff.tenantId ? { tenantId } : {}),
    ...(identity.locale && identity.locale !== staff.locale ? { locale: identity.locale } : {}),
    ...(identity.timeZone && identity.timeZone !== staff.timeZone ? { timeZone: identity.timeZone } : {}),
    ...(identity.personalConversation && identity.personalConversation.id !== staff.personalConversationId
      ? { conversationReference: identity.personalConversation.reference }
      : {}),
  };
  if (Object.keys(changes).length > 0) await deps.staff.remember({ aadObjectId, ...changes });
  return { aadObjectId, displayName: identity.displayName || staff.displayName, roles: staff.roles };
}

/**
 * Who is speaking, with the roles the database holds now. Also remembers how to reach them (their
 * one-to-one conversation, language and time zone), writing only when something changed.
 */
import type { Actor } from '../shared/actor.js';
import type { StaffRepository } from '../ports/staff.js';

export interface IdentifyActorDeps {
  readonly staff: StaffRepository;
}

export interface Identity {
  readonly aadObjectId: string | null;
  readonly displayName: string;
  readonly locale?: string | null;
  readonly timeZone?: string | null;
  /** Present only in a one-to-one conversation: the reference used for proactive messages. */
  readonly personalConversation?: { readonly id: string; readonly reference: unknown } | undefined;
}

export async function identifyActor(deps: IdentifyActorDeps, identity: Identity): Promise<Actor> {
  if (!identity.aadObjectId) return { aadObjectId: null, displayName: identity.displayName, roles: [] };
  const aadObjectId = identity.aadObjectId.toLowerCase();
  const staff = await deps.staff.find(aadObjectId);
  const displayName = identity.displayName || staff?.displayName || aadObjectId;
  const changed =
    !staff ||
    (identity.displayName && identity.displayName !== staff.displayName) ||
    (identity.locale && identity.locale !== staff.locale) ||
    (identity.timeZone && identity.timeZone !== staff.timeZone) ||
    (identity.personalConversation && identity.personalConversation.id !== staff.personalConversationId);
  if (changed) {
    await deps.staff.remember({
      aadObjectId,
      displayName,
      ...(identity.locale ? { locale: identity.locale } : {}),
      ...(identity.timeZone ? { timeZone: identity.timeZone } : {}),
      ...(identity.personalConversation
        ? { conversationReference: identity.personalConversation.reference }
        : {}),
    });
  }
  return { aadObjectId, displayName, roles: staff?.roles ?? [] };
}

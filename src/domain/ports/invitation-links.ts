/**
 * Where the reseller-relationship invitation link comes from when the commerce backend has its own
 * (R-PC-15: Partner Center's `GET /customers/relationshiprequests`, App+User). Absent in simulated mode,
 * where the bot builds the link from the partner id.
 */
import type { ExternalRefusal } from '../shared/external-refusal.js';

export interface InvitationLinkSource {
  current(): Promise<string | ExternalRefusal>;
}

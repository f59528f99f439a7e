import type { Role } from './roles.js';

/** The person acting in this turn, with the roles read from the database for this turn. */
export interface Actor {
  readonly aadObjectId: string | null;
  readonly displayName: string;
  readonly roles: readonly Role[];
}

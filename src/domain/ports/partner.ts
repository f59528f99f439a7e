/** Facts about the partner running the bot. */

/** Facts about the partner running the bot (from configuration). */
export interface PartnerSettings {
  /** This partner's id, to tell private offers made to others (R-BUY-4). */
  readonly partnerId: string;
  /** The partner's region (R-REL-2). */
  readonly region: string;
}

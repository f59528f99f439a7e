import type { Dayjs } from './time.js';

export type AuditOutcome = 'allowed' | 'denied' | 'failed' | 'previewed';

/** Who did what, when, to which customer, and how it ended. */
export interface AuditEntry {
  readonly at: Dayjs;
  readonly actorAadObjectId: string | null;
  readonly action: string;
  readonly outcome: AuditOutcome;
  readonly customerId?: string | null;
  readonly subjectId?: string | null;
  readonly productId?: string | null;
  readonly detail?: Record<string, unknown>;
}

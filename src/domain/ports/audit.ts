/** The audit log port. */
import type { AuditEntry } from '../shared/audit.js';
import type { Dayjs } from '../shared/time.js';

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Events of the given actions in [from, to), newest first, a page at a time (R-KEY-5). */
  query(filter: AuditQuery): Promise<{ events: AuditRecord[]; total: number }>;
}

export interface AuditQuery {
  readonly actions: readonly string[];
  readonly from: Dayjs;
  readonly to: Dayjs;
  readonly customerId?: string;
  readonly offset: number;
  readonly limit: number;
}

export interface AuditRecord extends AuditEntry {
  readonly id: string;
  readonly actorName: string | null;
  readonly customerName: string | null;
  readonly productName: string | null;
  /**
   * R-PC-16: where the row comes from; absent means the bot's own audit (which names the staff member).
   * Partner Center's rows name the app account it saw and the operation in `action`.
   */
  readonly source?: 'partner-center' | 'bot';
}

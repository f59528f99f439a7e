/**
 * The state every in-memory fake reads and writes: one table per aggregate, rows never changed in place
 * (an update puts a new row), so a snapshot is a copy of each table and restoring it is putting them
 * back. `transaction` gives one process real transaction semantics: the work sees its own writes, a
 * throw restores every table, and transactions (and the single-statement calls made outside one, like a
 * database's autocommit) run one at a time. Work started inside a transaction joins it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RelationshipRequest } from '../../src/domain/ports/relationships.js';
import type { StoredReminder } from '../../src/domain/ports/reminders.js';
import type { NewProductKey, StoredDownloadLink } from '../../src/domain/ports/software.js';
import type { LicenseAddition } from '../../src/domain/ports/subscriptions.js';
import type { NewSupportRequest } from '../../src/domain/ports/support-requests.js';
import type { PendingAction } from '../../src/domain/confirmations/pending-action.js';
import type { AuditEntry } from '../../src/domain/shared/audit.js';
import type {
  BillingCycle,
  Customer,
  OrderStatus,
  Product,
  Subscription,
} from '../../src/domain/shared/model.js';
import type { Role } from '../../src/domain/shared/roles.js';
import type { Dayjs } from '../../src/domain/shared/time.js';

export interface ProductRow extends Product {
  readonly softwareOptions: unknown;
}

export interface StaffRow {
  readonly aadObjectId: string;
  readonly displayName: string;
  readonly tenantId?: string | null;
  readonly email: string | null;
  readonly locale: string | null;
  readonly timeZone: string | null;
  readonly remindersEnabled: boolean;
  readonly remindersDigest: boolean;
  readonly conversationReference: unknown;
}

export interface StaffRoleRow {
  readonly aadObjectId: string;
  readonly role: Role;
  readonly grantedBy: string | null;
}

export interface OrderLineRow {
  readonly id: string;
  readonly productId: string;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  readonly unitPrice: number;
}

export interface OrderRow {
  readonly id: string;
  readonly customerId: string;
  readonly placedByAadObjectId: string;
  readonly placedAt: Dayjs;
  readonly status: OrderStatus;
  readonly total: number;
  readonly currency: string;
  readonly pendingActionId: string | null;
  readonly cancelledAt: Dayjs | null;
  readonly creditAmount: number | null;
  readonly cancelReason: string | null;
  readonly lines: readonly OrderLineRow[];
}

export interface SubscriptionRow extends Omit<Subscription, 'productName'> {
  readonly licenseAdditions: readonly LicenseAddition[];
}

export interface AuditRow extends AuditEntry {
  readonly id: number;
}

export interface ProductKeyRow extends NewProductKey {
  readonly revokedAt: Dayjs | null;
}

export interface SupportRequestRow extends NewSupportRequest {
  readonly status: string;
}

export interface ReminderRow extends StoredReminder {
  readonly claimedBy: string | null;
  readonly claimedUntil: Dayjs | null;
  readonly sentAt: Dayjs | null;
  readonly skippedAt: Dayjs | null;
  readonly lastError: string | null;
}

export interface FakeTables {
  products: Map<string, ProductRow>;
  customers: Map<string, Customer>;
  staff: Map<string, StaffRow>;
  /** Keyed `${aadObjectId}|${role}`. */
  staffRoles: Map<string, StaffRoleRow>;
  orders: Map<string, OrderRow>;
  subscriptions: Map<string, SubscriptionRow>;
  pendingActions: Map<string, PendingAction>;
  auditEvents: AuditRow[];
  productKeys: Map<string, ProductKeyRow>;
  downloadLinks: Map<string, StoredDownloadLink>;
  supportRequests: Map<string, SupportRequestRow>;
  relationshipRequests: Map<string, RelationshipRequest>;
  reminders: Map<string, ReminderRow>;
  /**
   * subscriptions."reminderCheckAt" kept beside the rows: a subscription without an entry has the
   * column's default, the epoch ("look at the next pass"), however it was inserted; null: never again.
   */
  reminderChecks: Map<string, Dayjs | null>;
}

const emptyTables = (): FakeTables => ({
  products: new Map(),
  customers: new Map(),
  staff: new Map(),
  staffRoles: new Map(),
  orders: new Map(),
  subscriptions: new Map(),
  pendingActions: new Map(),
  auditEvents: [],
  productKeys: new Map(),
  downloadLinks: new Map(),
  supportRequests: new Map(),
  relationshipRequests: new Map(),
  reminders: new Map(),
  reminderChecks: new Map(),
});

const copyTables = (tables: FakeTables): FakeTables => ({
  products: new Map(tables.products),
  customers: new Map(tables.customers),
  staff: new Map(tables.staff),
  staffRoles: new Map(tables.staffRoles),
  orders: new Map(tables.orders),
  subscriptions: new Map(tables.subscriptions),
  pendingActions: new Map(tables.pendingActions),
  auditEvents: [...tables.auditEvents],
  productKeys: new Map(tables.productKeys),
  downloadLinks: new Map(tables.downloadLinks),
  supportRequests: new Map(tables.supportRequests),
  relationshipRequests: new Map(tables.relationshipRequests),
  reminders: new Map(tables.reminders),
  reminderChecks: new Map(tables.reminderChecks),
});

/** What a JSON column stores: the value as JSON would give it back (instants become ISO strings). */
export const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value ?? null)) as T;

/** A violated unique or foreign key, as the database would refuse it (a throw, like Prisma's). */
export class ConstraintViolation extends Error {}

export class FakeDatabase {
  tables: FakeTables = emptyTables();
  private nextAuditId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inTransaction = new AsyncLocalStorage<true>();

  /** Runs `work` atomically (see the file comment); inside a transaction it joins it. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) return work();
    const run = async () => {
      const before = copyTables(this.tables);
      const auditId = this.nextAuditId;
      try {
        return await this.inTransaction.run(true, work);
      } catch (error) {
        this.tables = before;
        this.nextAuditId = auditId;
        throw error;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  newAuditId(): number {
    return this.nextAuditId++;
  }
}

/**
 * Wraps every method of a repository so that a call outside a transaction is its own transaction (a
 * database's autocommit), and inside one joins it.
 */
export function atomically<R extends object>(db: FakeDatabase, repository: R): R {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repository)) {
    wrapped[name] =
      typeof method === 'function'
        ? (...args: unknown[]) =>
            db.transaction(async () => (method as (...a: unknown[]) => Promise<unknown>)(...args))
        : method;
  }
  return wrapped as R;
}

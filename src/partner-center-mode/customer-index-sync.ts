/**
 * Keeps the bot's customer name index (the customers table) in step with Partner Center, which searches
 * only by `starts_with`: all pages of the partner's customers at start, then every interval, and one
 * customer when a webhook names it. Upserts by tenant id are idempotent, so two instances may both run it.
 */
import { startPeriodicPass } from '../periodic-pass.js';
import type { CustomerIndexEntry, CustomerIndexRepository } from '../domain/ports/customers.js';
import type { Clock } from '../domain/shared/time.js';
import type { Logger } from '../log.js';
import type { Customer as PartnerCenterCustomer } from '../partner-center/parsers/customer.js';
import type { Result } from '../partner-center/result.js';

export interface CustomerIndexSyncReport {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly skipped: number;
}

export interface CustomerIndexSync {
  /** One full pass now (also what the timer runs); undefined when Partner Center refused or it failed. */
  runOnce(): Promise<CustomerIndexSyncReport | undefined>;
  /** Re-reads one customer and updates its row (after a webhook). */
  refreshCustomer(customerId: string): Promise<'created' | 'updated' | 'unchanged' | 'failed'>;
  stop(): Promise<void>;
}

export interface CustomerIndexSyncOptions {
  readonly listCustomers: () => Promise<Result<PartnerCenterCustomer[]>>;
  readonly getCustomer: (customerId: string) => Promise<Result<PartnerCenterCustomer>>;
  readonly index: CustomerIndexRepository;
  readonly clock: Clock;
  readonly log: Logger;
  /** Region given to customers first seen here (the partner's region). */
  readonly tenantRegion: string;
  /** 0: no timer (the first pass still runs when the caller asks). */
  readonly intervalMs: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Partner Center's customer as an index entry, or null when it lacks what the index needs. */
export function toIndexEntry(customer: PartnerCenterCustomer): CustomerIndexEntry | null {
  const tenantId = (customer.companyProfile?.tenantId ?? customer.id).toLowerCase();
  if (!GUID.test(tenantId)) return null;
  const companyName = (
    customer.companyProfile?.companyName ??
    customer.billingProfile?.companyName ??
    customer.companyProfile?.domain ??
    ''
  ).trim();
  if (!companyName) return null;
  const country = customer.billingProfile?.defaultAddress?.country?.trim().toUpperCase() ?? '';
  return {
    tenantId,
    companyName: companyName.slice(0, 200),
    // The domain is unique in the index; a customer without one is still findable by name.
    primaryDomain: (customer.companyProfile?.domain ?? `${tenantId}.tenant.invalid`).trim().toLowerCase(),
    billingCountry: /^[A-Z]{2}$/.test(country) ? country : null,
    preferredLanguage: customer.billingProfile?.culture ?? customer.billingProfile?.language ?? null,
  };
}

export function startCustomerIndexSync(options: CustomerIndexSyncOptions): CustomerIndexSync {
  const { index, clock, log } = options;

  const upsert = async (entry: CustomerIndexEntry) =>
    index.upsertIndexEntry(entry, clock.now(), options.tenantRegion);

  const refreshCustomer = async (
    customerId: string,
  ): Promise<'created' | 'updated' | 'unchanged' | 'failed'> => {
    const read = await options.getCustomer(customerId);
    const entry = read.ok ? toIndexEntry(read.value) : null;
    if (!entry) return 'failed';
    try {
      return await upsert(entry);
    } catch (error) {
      log.warn({ err: error, customerId }, 'customer index: row not written');
      return 'failed';
    }
  };

  const pass = async (): Promise<CustomerIndexSyncReport | undefined> => {
    const listed = await options.listCustomers();
    if (!listed.ok) {
      log.warn({ refusal: listed.refusal.kind }, 'customer index sync: Partner Center refused the list');
      return undefined;
    }
    const report = { created: 0, updated: 0, unchanged: 0, skipped: 0 };
    for (const customer of listed.value) {
      const entry = toIndexEntry(customer);
      if (!entry) {
        report.skipped += 1;
        continue;
      }
      try {
        const outcome = await upsert(entry);
        report[outcome] += 1;
        // The list omits the billing profile: a customer seen for the first time is read in full once.
        if (outcome === 'created' && entry.billingCountry === null) await refreshCustomer(entry.tenantId);
      } catch (error) {
        // e.g. a domain another row already holds: that customer only is left out.
        log.warn({ err: error, customerId: entry.tenantId }, 'customer index sync: row not written');
        report.skipped += 1;
      }
    }
    if (report.created || report.updated || report.skipped) log.info(report, 'customer index synced');
    return report;
  };

  const periodic = startPeriodicPass({
    run: pass,
    intervalMs: options.intervalMs,
    onError: (error) => log.error({ err: error }, 'customer index sync failed'),
  });
  return { runOnce: periodic.runOnce, refreshCustomer, stop: periodic.stop };
}

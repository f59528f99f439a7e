/**
 * The activity log in partner-center mode (R-PC-16): the bot's own audit (which names the staff member)
 * merged with Partner Center's audit records for the same range (which only see the app account), newest
 * first, each row marked with its source; paging and the CSV export read the merged list. Partner Center
 * keeps 90 days, so its part of the range is clipped to that; a customer filter becomes its CustomerId
 * filter. When Partner Center cannot be read, the bot's own rows are still shown.
 */
import type { AuditLog, AuditRecord } from '../../domain/ports/audit.js';
import type { CustomerRepository } from '../../domain/ports/customers.js';
import type { Clock } from '../../domain/shared/time.js';
import { at } from '../../domain/shared/time.js';
import type { PartnerCenterClient } from '../client.js';
import type { AuditRecord as PcAuditRecord } from '../parsers/audit-record.js';

/** Partner Center keeps audit records this long. */
export const PARTNER_CENTER_AUDIT_DAYS = 90;
/** At most this many Partner Center rows are read for one query. */
export const MAX_PARTNER_CENTER_AUDIT_ROWS = 5000;

const toRow = (record: PcAuditRecord, index: number, customerId: string | null): AuditRecord => ({
  id: record.id ?? `pc-${index}`,
  at: at(record.operationDate),
  actorAadObjectId: null,
  actorName: record.userPrincipalName ?? record.applicationId ?? null,
  action: `${record.resourceType}.${record.operationType}`,
  outcome: 'allowed',
  customerId,
  customerName: record.customerName ?? null,
  productId: null,
  productName: null,
  subjectId: null,
  source: 'partner-center',
});

export function createPartnerCenterActivity(
  client: PartnerCenterClient,
  local: { readonly audit: AuditLog; readonly customers: CustomerRepository },
  clock: Clock,
): AuditLog {
  return {
    record: (entry) => local.audit.record(entry),
    async query(filter) {
      const customer = filter.customerId ? await local.customers.findById(filter.customerId) : null;
      const earliest = clock
        .now()
        .subtract(PARTNER_CENTER_AUDIT_DAYS - 1, 'day')
        .startOf('day');
      const from = filter.from.isBefore(earliest) ? earliest : filter.from;
      const pc =
        from.isBefore(filter.to) && (!filter.customerId || customer)
          ? await client.getAuditRecords({
              startDate: from.format('YYYY-MM-DD'),
              endDate: filter.to.format('YYYY-MM-DD'),
              ...(customer
                ? {
                    filter: {
                      field: 'CustomerId' as const,
                      operator: 'equals' as const,
                      value: customer.tenantId,
                    },
                  }
                : {}),
              max: MAX_PARTNER_CENTER_AUDIT_ROWS,
            })
          : null;
      const pcRows =
        pc && pc.ok
          ? pc.value
              .map((record, i) => toRow(record, i, filter.customerId ?? null))
              .filter((row) => !row.at.isBefore(filter.from) && row.at.isBefore(filter.to))
          : [];
      const own = await local.audit.query({ ...filter, offset: 0, limit: filter.offset + filter.limit });
      const merged = [...own.events.map((e) => ({ ...e, source: 'bot' as const })), ...pcRows].sort(
        (a, b) => b.at.valueOf() - a.at.valueOf(),
      );
      return {
        events: merged.slice(filter.offset, filter.offset + filter.limit),
        total: own.total + pcRows.length,
      };
    },
  };
}

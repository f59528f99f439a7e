/** The activity log: `GET /v1/auditrecords?startDate&endDate&filter` (dates `yyyy-mm-dd`, 90 days kept). */
import { collectPages } from '../paging.js';
import type { OperationContext } from '../http-pipeline.js';
import { auditRecordCollectionSchema, type AuditRecord } from '../parsers/audit-record.js';
import type { Result } from '../result.js';
import type { OperationDeps } from './operation-deps.js';

export type AuditFilter =
  | { field: 'CustomerId'; operator: 'equals'; value: string }
  | { field: 'ResourceType'; operator: 'equals'; value: string }
  | { field: 'CompanyName'; operator: 'substring'; value: string };

export interface AuditQuery {
  /** yyyy-mm-dd */
  startDate: string;
  /** yyyy-mm-dd */
  endDate?: string;
  filter?: AuditFilter;
  max?: number;
}

export const getAuditRecords = (
  deps: OperationDeps,
  query: AuditQuery,
  context?: OperationContext,
): Promise<Result<AuditRecord[]>> =>
  collectPages(
    deps.pipeline,
    {
      method: 'GET',
      uri: '/auditrecords',
      query: {
        startDate: query.startDate,
        endDate: query.endDate,
        size: String(deps.settings.pageSize),
        filter: query.filter
          ? JSON.stringify({
              Field: query.filter.field,
              Value: query.filter.value,
              Operator: query.filter.operator,
            })
          : undefined,
      },
      auth: deps.authFor('A'),
      resourceKey: 'auditrecords',
    },
    auditRecordCollectionSchema,
    query.max ?? Number.MAX_SAFE_INTEGER,
    context,
  );

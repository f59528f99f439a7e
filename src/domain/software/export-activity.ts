/** A CSV export of the activity log (R-KEY-5): a link valid for 15 minutes, checked again at download. */
import type { Actor } from '../shared/actor.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { AllDeps } from '../ports/deps.js';
import type { ActivityQuery } from './activity.js';
import { requireRole } from '../shared/authorize.js';
import { createPendingAction } from '../confirmations/create-pending-action.js';
import { ok } from '../shared/result.js';
import { can } from '../shared/roles.js';
import { activityRange, ExportFilterSchema, ACTIVITY_ACTIONS, MAX_EXPORT_ROWS } from './activity.js';
import { at } from '../shared/time.js';

export type StartActivityExportDeps = Pick<AllDeps, 'clock' | 'audit' | 'customers' | 'pending' | 'newId'>;
export type ExportActivityCsvDeps = Pick<AllDeps, 'clock' | 'audit' | 'pending' | 'staff'>;

/** A CSV export of the same query: a link valid for 15 minutes, for its requester's roles at download. */
export async function startActivityExport(
  deps: StartActivityExportDeps,
  actor: Actor,
  query: ActivityQuery,
  timeZone: string | undefined,
): Promise<Result<{ exportId: string; expiresAt: string }, DomainError>> {
  const denied = await requireRole(deps, actor, 'software.activity');
  if (denied) return denied;
  const r = await activityRange(deps, query, timeZone);
  if (!r.ok) return r;
  const pending = await createPendingAction(deps, actor, 'software.activity', {
    from: r.value.from.toISOString(),
    to: r.value.to.toISOString(),
    customerId: r.value.customerId,
  });
  return ok({ exportId: pending.id, expiresAt: pending.expiresAt.toISOString() });
}

/**
 * What a spreadsheet may take for the start of a formula: = + - @ (and their full-width forms ＝ ＋ － ＠),
 * tab, CR and LF, even behind whitespace or invisible characters (spaces, NBSP, ideographic space,
 * zero-width and bidirectional marks, BOM), which spreadsheets skip or which hide the trigger from a reader.
 */
const FORMULA_START =
  /^[\s\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\t\r\n]/;
const INVISIBLE_START = /^[\s\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/;

/** One quoted cell; anything a spreadsheet could run, or that starts with something unseen, gets a leading '. */
export const csvCell = (value: string | number | null | undefined) => {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = FORMULA_START.test(text) || INVISIBLE_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** The CSV of an export link, or undefined when the link is unknown, expired or its owner lost the role. */
export async function exportActivityCsv(
  deps: ExportActivityCsvDeps,
  exportId: string,
): Promise<string | undefined> {
  const pending = await deps.pending.find(exportId);
  const now = deps.clock.now();
  if (
    !pending ||
    pending.action !== 'software.activity' ||
    pending.status !== 'pending' ||
    !now.isBefore(pending.expiresAt)
  )
    return undefined;
  const filter = ExportFilterSchema.safeParse(pending.payload);
  if (!filter.success) return undefined;
  const roles = await deps.staff.rolesOf(pending.initiatorAadObjectId);
  if (!can(roles, 'software.activity')) return undefined;
  const { events } = await deps.audit.query({
    actions: ACTIVITY_ACTIONS,
    from: at(filter.data.from),
    to: at(filter.data.to),
    ...(filter.data.customerId ? { customerId: filter.data.customerId } : {}),
    offset: 0,
    limit: MAX_EXPORT_ROWS,
  });
  await deps.audit.record({
    at: now,
    actorAadObjectId: pending.initiatorAadObjectId,
    action: 'software.activity',
    outcome: 'allowed',
    ...(filter.data.customerId ? { customerId: filter.data.customerId } : {}),
    detail: { event: 'export', rows: events.length, from: filter.data.from, to: filter.data.to },
  });
  const withSource = events.some((e) => e.source !== undefined);
  const header = [
    'time_utc',
    'event',
    'person',
    'person_object_id',
    'customer',
    'customer_id',
    'product',
    'product_id',
    'order_id',
    // R-PC-16: a source column only when the rows come from more than the bot's own audit.
    ...(withSource ? ['source'] : []),
  ];
  const rows = events.map((e) =>
    [
      e.at.toISOString(),
      e.source === 'partner-center' ? e.action : e.action === 'software.download' ? 'download' : 'key-view',
      e.actorName,
      e.actorAadObjectId,
      e.customerName,
      e.customerId,
      e.productName,
      e.productId,
      e.subjectId,
      ...(withSource ? [e.source ?? 'bot'] : []),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${header.join(',')}\r\n${rows.join('\r\n')}${rows.length ? '\r\n' : ''}`;
}

/** Software: the purchases of a customer, keys, cancelling an order, the activity report and its export. */
import { z } from 'zod';
import { PendingIdSchema, id } from '../../card-fields.js';

export const SOFTWARE_VERBS = {
  keyStart: 'software.key.start',
  keyConfirm: 'software.key.confirm',
  softwareCancelStart: 'software.cancel.start',
  softwareCancelConfirm: 'software.cancel.confirm',
  softwareList: 'software.list',
  activityPage: 'activity.page',
  activityExport: 'activity.export',
} as const;

export const SOFTWARE_ACTIONS = [
  z.object({ verb: z.literal(SOFTWARE_VERBS.keyStart), product: id, customer: z.string().max(100) }),
  // The key chooser sends its choices (version, language, variant) beside the verb.
  z.object({ verb: z.literal(SOFTWARE_VERBS.keyConfirm), pendingId: PendingIdSchema }).passthrough(),
  z.object({
    verb: z.literal(SOFTWARE_VERBS.softwareCancelStart),
    product: id,
    customer: z.string().max(100),
  }),
  z
    .object({ verb: z.literal(SOFTWARE_VERBS.softwareCancelConfirm), pendingId: PendingIdSchema })
    .passthrough(),
  z.object({ verb: z.literal(SOFTWARE_VERBS.softwareList), customer: id }),
  z.object({
    verb: z.literal(SOFTWARE_VERBS.activityPage),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
    customer: z.string().max(100).optional(),
    page: z.number().int().min(0).max(100_000),
  }),
  z.object({
    verb: z.literal(SOFTWARE_VERBS.activityExport),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
    customer: z.string().max(100).optional(),
  }),
] as const;

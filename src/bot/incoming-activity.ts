/**
 * The edge: every activity field the bot reads, as one zod schema applied before routing. Required fields of
 * the wrong type refuse the activity (HTTP 400, fixed body); optional fields of the wrong type are dropped to
 * their defaults (locale, time zone, name); everything else is left out, so nothing unvalidated reaches the
 * routes, the domain or the database. Every string, at any depth, is normalised first: NUL characters and
 * lone surrogates are removed (PostgreSQL refuses both in text and JSON).
 */
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import { isValidTimeZone } from '../domain/shared/time.js';

/** Nesting deeper than this is not something Teams sends: the activity is refused. */
export const MAX_DEPTH = 32;

// eslint-disable-next-line no-control-regex -- NUL is exactly what is removed
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes NUL and lone surrogates; anything else is kept as sent. */
export const normaliseText = (text: string): string => text.replace(NUL, '').replace(LONE_SURROGATE, '');

class TooDeep extends Error {}

function normaliseDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return normaliseText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) throw new TooDeep();
  if (Array.isArray(value)) return value.map((item) => normaliseDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[normaliseText(key)] = normaliseDeep(item, depth + 1);
  return out;
}

/** A value of the wrong type becomes undefined (the field's default) instead of refusing the activity. */
const dropped = <T extends z.ZodTypeAny>(schema: T) =>
  z.unknown().transform((value) => {
    // An absent field is not parsed: a failed parse builds a ZodError (an Error, with its stack), which
    // for the dozen fields an activity leaves out cost more than the rest of the parse.
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    return parsed.success ? (parsed.data as z.output<T>) : undefined;
  });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;

const Id = z.string().min(1).max(256);
const Name = z
  .string()
  .transform((name) => name.trim().slice(0, 200))
  .refine((name) => name.length > 0);

const AccountSchema = z.object({
  id: Id,
  name: dropped(Name),
  aadObjectId: dropped(z.string().regex(GUID)),
});

export const IncomingActivitySchema = z.object({
  type: z.string().min(1).max(64),
  id: dropped(z.string().max(256)),
  name: dropped(z.string().max(256)),
  channelId: z.string().min(1).max(64),
  serviceUrl: z
    .string()
    .max(2048)
    .url()
    .refine((url) => /^https?:\/\//i.test(url)),
  timestamp: dropped(z.string().max(64)),
  localTimestamp: dropped(z.string().max(64)),
  locale: dropped(z.string().max(35).regex(LANGUAGE_TAG)),
  localTimezone: dropped(z.string().max(64).refine(isValidTimeZone)),
  from: AccountSchema,
  recipient: z.object({ id: z.string().max(256), name: dropped(z.string().max(200)) }),
  conversation: z.object({
    id: z.string().min(1).max(512),
    conversationType: dropped(z.enum(['personal', 'groupChat', 'channel'])),
    tenantId: dropped(z.string().min(1).max(100)),
    isGroup: dropped(z.boolean()),
    name: dropped(z.string().max(200)),
  }),
  channelData: dropped(
    z.object({
      tenant: dropped(z.object({ id: z.string().min(1).max(100) })),
      channel: dropped(z.object({ id: z.string().min(1).max(256) })),
      team: dropped(z.object({ id: z.string().min(1).max(256) })),
    }),
  ),
  text: dropped(z.string()),
  value: z.unknown().optional(),
  replyToId: dropped(z.string().max(256)),
  deliveryMode: dropped(z.enum(['normal', 'notification', 'expectReplies', 'ephemeral'])),
  membersAdded: dropped(z.array(z.object({ id: Id, name: dropped(z.string().max(200)) })).max(1000)),
  /** @mentions (grant/revoke by mention, R-ROLE-8): who, by the Entra id the mention carries. */
  entities: dropped(
    z
      .array(
        z.object({
          type: z.string().max(64),
          text: dropped(z.string().max(1000)),
          mentioned: dropped(
            z.object({ id: Id, name: dropped(Name), aadObjectId: dropped(z.string().regex(GUID)) }),
          ),
        }),
      )
      .max(100),
  ),
});

export type IncomingActivity = z.output<typeof IncomingActivitySchema>;

/** Leaves out what is undefined, so the activity looks like one Teams would send. */
function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => [key, key === 'value' ? item : compact(item)]),
  ) as T;
}

export type ParsedActivity =
  | { readonly ok: true; readonly activity: Activity }
  | { readonly ok: false; readonly reason: 'not-an-activity' | 'too-deep' };

/** The activity the routes will see, or why the body is refused. */
export function parseIncomingActivity(body: unknown): ParsedActivity {
  let normalised: unknown;
  try {
    normalised = normaliseDeep(body, 0);
  } catch (error) {
    if (error instanceof TooDeep) return { ok: false, reason: 'too-deep' };
    throw error;
  }
  const parsed = IncomingActivitySchema.safeParse(normalised);
  if (!parsed.success) return { ok: false, reason: 'not-an-activity' };
  return { ok: true, activity: compact(parsed.data) as unknown as Activity };
}

/**
 * The tenant an activity comes from: Teams puts it in `channelData.tenant.id` and `conversation.tenantId`.
 * Two different values are a forgery ('conflict').
 */
export function tenantOf(activity: Activity): string | undefined | 'conflict' {
  const fromChannelData = (activity.channelData as IncomingActivity['channelData'])?.tenant?.id;
  const fromConversation = (activity.conversation as { tenantId?: string } | undefined)?.tenantId;
  if (fromChannelData && fromConversation && fromChannelData.toLowerCase() !== fromConversation.toLowerCase())
    return 'conflict';
  return (fromChannelData ?? fromConversation)?.toLowerCase();
}

/**
 * R-ID-1: whether an activity's tenant may use the bot. `allowed` undefined means every tenant (development
 * without ALLOWED_TENANT_IDS); two different tenant ids in one activity are never allowed.
 */
export function tenantAllowed(activity: Activity, allowed: readonly string[] | undefined): boolean {
  const tenant = tenantOf(activity);
  if (tenant === 'conflict') return false;
  if (!allowed) return true;
  return tenant !== undefined && allowed.includes(tenant);
}

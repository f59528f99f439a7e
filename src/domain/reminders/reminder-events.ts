/**
 * What each source reminds of, as one list of events per source: which reminders a pass creates at `now`
 * (`subscriptionReminders`, `linkReminders`) and when the pass must look at a subscription again
 * (`nextReminderCheck`) are both derived from it, so the two cannot disagree.
 *
 * The pass evaluates every row it reads, so the evaluation runs on epoch milliseconds (`effectiveTimes`,
 * `cancellationWindowMs`: the rules `effectiveSubscription` and `cancellationEffect` are built on), and
 * date objects are made only for what it returns: the reminders due and the next check time.
 */
import type { AllDeps } from '../ports/deps.js';
import type { LinkSource, NewReminder, ReminderKind, SubscriptionSource } from '../ports/reminders.js';
import type { Dayjs } from '../shared/time.js';
import { cancellationWindowMs, NCE_CANCEL_WINDOW_HOURS } from '../subscriptions/cancellation-policy.js';
import { effectiveTimes, subscriptionTimes } from '../subscriptions/subscription-state.js';
import { at as instant, HOUR_MS } from '../shared/time.js';
import { QUIET_HOURS_AFTER_ACTION, REMINDER_LEAD } from './reminder-schedule.js';

/** Hours from a new-commerce term's start to the first reminder of its cancellation window. */
const NCE_FIRST_REMINDER_HOURS =
  NCE_CANCEL_WINDOW_HOURS - Math.max(REMINDER_LEAD['cancel-window-24h'], REMINDER_LEAD['cancel-window-2h']);

/** A reminder a source gives, whether or not it is due yet; instants in epoch milliseconds. */
interface ReminderEvent {
  readonly kind: ReminderKind;
  readonly subjectId: string;
  readonly recipient: string;
  readonly eventAt: number;
  readonly payload: NewReminder['payload'];
  /** R-REM-1: the action it is about, after which it waits QUIET_HOURS_AFTER_ACTION. */
  readonly actedAt: number | null;
}

/**
 * From when a reminder is due: its lead before the event, and not within the quiet hours after the action
 * (R-REM-1). It is due in [dueFrom, eventAt): only while the event is ahead, a reminder after the fact is noise.
 */
const dueFrom = (e: ReminderEvent): number => {
  const lead = e.eventAt - REMINDER_LEAD[e.kind] * HOUR_MS;
  return e.actedAt === null ? lead : Math.max(lead, e.actedAt + QUIET_HOURS_AFTER_ACTION * HOUR_MS);
};

const isDue = (e: ReminderEvent, now: number) => now >= dueFrom(e) && now < e.eventAt;

/** The subscription as it stands at `now`, and the reminders it gives in that state. */
function subscriptionEvents(source: SubscriptionSource, now: number) {
  const stored = source.subscription;
  const times = subscriptionTimes(stored);
  const sub = effectiveTimes(times, now);
  const base = { subscriptionId: stored.id, product: stored.productName, customer: source.customerName };
  const events: ReminderEvent[] = [];
  const event = (
    kind: ReminderKind,
    recipient: string,
    eventAt: number,
    payload: NewReminder['payload'],
    actedAt: number | null,
  ) => events.push({ kind, subjectId: stored.id, recipient, eventAt, payload, actedAt });
  if (sub.status === 'active') {
    const window = cancellationWindowMs(source.product, sub, now);
    if (window) {
      const payload = { ...base, effect: window.kind };
      event('cancel-window-24h', source.placedBy, window.closesAt, payload, sub.orderedAt);
      event('cancel-window-2h', source.placedBy, window.closesAt, payload, sub.orderedAt);
    }
    if (sub.trialEndsAt !== null && now < sub.trialEndsAt) {
      event('trial-ends-3d', source.placedBy, sub.trialEndsAt, base, sub.orderedAt);
    }
    if (sub.cancelAt !== null) {
      const by = source.lastActorFor['subscription.cancel'] ?? source.placedBy;
      event('cancellation-1d', by, sub.cancelAt, base, null);
    }
  }
  if (sub.status === 'suspended' && sub.dataDeletedAt !== null) {
    const by = source.lastActorFor['subscription.suspend'] ?? source.placedBy;
    event('data-deletion-7d', by, sub.dataDeletedAt, base, sub.suspendedAt);
  }
  return { times, sub, events };
}

const toReminder = (deps: Pick<AllDeps, 'newId'>, now: Dayjs, e: ReminderEvent): NewReminder => {
  const eventAt = instant(e.eventAt);
  return {
    id: deps.newId(),
    kind: e.kind,
    subjectId: e.subjectId,
    recipientAadObjectId: e.recipient,
    eventAt,
    uniqueKey: `${e.kind}:${e.subjectId}:${eventAt.toISOString()}`,
    payload: e.payload,
    createdAt: now,
    nextAttemptAt: now,
  };
};

/** The reminders these subscriptions give at `now`. */
export function subscriptionReminders(
  deps: Pick<AllDeps, 'newId'>,
  now: Dayjs,
  sources: readonly SubscriptionSource[],
): NewReminder[] {
  const nowMs = now.valueOf();
  return sources.flatMap((source) =>
    subscriptionEvents(source, nowMs)
      .events.filter((e) => isDue(e, nowMs))
      .map((e) => toReminder(deps, now, e)),
  );
}

/** The reminders these download links give at `now`. */
export function linkReminders(
  deps: Pick<AllDeps, 'newId'>,
  now: Dayjs,
  links: readonly LinkSource[],
): NewReminder[] {
  const nowMs = now.valueOf();
  return links
    .map((link): ReminderEvent => ({
      kind: 'link-expires-1d',
      subjectId: link.linkId,
      recipient: link.issuedTo,
      eventAt: link.expiresAt.valueOf(),
      payload: { orderId: link.orderId, product: link.productName, customer: link.customerName },
      actedAt: null,
    }))
    .filter((e) => isDue(e, nowMs))
    .map((e) => toReminder(deps, now, e));
}

/**
 * R-REM-2: the earliest instant strictly after `now` at which the pass must look at this subscription again, or
 * null when it can never give a reminder again (cancelled, expired, suspended without a deletion date).
 *
 * Until the subscription is saved again (which re-queues it), what it reminds of changes only with time:
 * - a reminder of the current state that is not due yet becomes due at its `dueFrom`;
 * - the state itself changes at instants of the effective subscription: the renewal of a new-commerce
 *   term (which reopens its window) or one with a change scheduled for it, a scheduled cancellation, the
 *   trial's end, the data deletion; the cancellation policy's answer changes at the order and the term
 *   start (a window opening) too.
 * Looking at any of these instants is enough: the next look computes the next one from there. An earlier
 * instant only costs an extra look; a later one would drop a reminder.
 */
export function nextReminderCheck(source: SubscriptionSource, now: Dayjs): Dayjs | null {
  const nowMs = now.valueOf();
  const next = nextCheckOf(source, subscriptionEvents(source, nowMs), nowMs);
  return next === null ? null : instant(next);
}

/**
 * What a pass does with one subscription at `now`: the reminders it gives now and when to look at it
 * again, from one evaluation of its events (the pass runs this for every row it reads).
 */
export function checkSubscription(
  deps: Pick<AllDeps, 'newId'>,
  source: SubscriptionSource,
  now: Dayjs,
): { readonly due: NewReminder[]; readonly next: Dayjs | null } {
  const nowMs = now.valueOf();
  const evaluated = subscriptionEvents(source, nowMs);
  const next = nextCheckOf(source, evaluated, nowMs);
  return {
    due: evaluated.events.filter((e) => isDue(e, nowMs)).map((e) => toReminder(deps, now, e)),
    next: next === null ? null : instant(next),
  };
}

function nextCheckOf(
  source: SubscriptionSource,
  { times, sub, events }: ReturnType<typeof subscriptionEvents>,
  now: number,
): number | null {
  let next: number | null = null;
  const consider = (candidate: number | null) => {
    if (candidate !== null && candidate > now && (next === null || candidate < next)) next = candidate;
  };
  for (const e of events) {
    const from = dueFrom(e);
    if (from < e.eventAt) consider(from);
  }
  if (sub.status === 'active') {
    // A renewal changes what the subscription reminds of only when a new-commerce term opens a new
    // cancellation window, or a change scheduled for it brings another product (and policy). A legacy
    // window counts from the order, which no renewal moves; the trial's end and a scheduled cancellation
    // are instants of their own below; a term that ends without auto-renew only takes reminders away.
    // A new-commerce renewal is looked at when the new window's first reminder falls due (it opens no
    // sooner), unless the renewal can bring more: a scheduled change, or Partner Center's own windows.
    const policy = source.product.commercePolicy;
    if (sub.scheduledChange || sub.hasWindows) consider(sub.renewsAt);
    else if (policy === 'new-commerce') {
      // The next term as the renewal makes it (terms count from their anchor, which may not fall on the
      // stored renewal): its window's first reminder, or the renewal itself when that is already due then.
      const renewed = effectiveTimes(times, sub.renewsAt);
      const first = renewed.termStartAt + NCE_FIRST_REMINDER_HOURS * HOUR_MS;
      consider(renewed.status === 'active' && first > sub.renewsAt ? first : sub.renewsAt);
    }
    consider(sub.termStartAt);
    consider(sub.orderedAt);
    consider(sub.cancelAt);
    consider(sub.trialEndsAt);
  } else if (sub.status === 'suspended') {
    consider(sub.dataDeletedAt);
  }
  return next;
}

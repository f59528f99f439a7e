/**
 * What each source reminds of, as one list of events per source: which reminders a pass creates at `now`
 * (`subscriptionReminders`, `linkReminders`) and when the pass must look at a subscription again
 * (`nextReminderCheck`) are both derived from it, so the two cannot disagree.
 */
import type { AllDeps } from '../../src/domain/ports/deps.js';
import type {
  LinkSource,
  NewReminder,
  ReminderKind,
  SubscriptionSource,
} from '../../src/domain/ports/reminders.js';
import type { Dayjs } from '../../src/domain/shared/time.js';
import {
  cancellationEffect,
  NCE_CANCEL_WINDOW_HOURS,
} from '../../src/domain/subscriptions/cancellation-policy.js';
import { effectiveSubscription } from '../../src/domain/subscriptions/subscription-state.js';
import { addHours, at as instant } from '../../src/domain/shared/time.js';
import { QUIET_HOURS_AFTER_ACTION, REMINDER_LEAD } from '../../src/domain/reminders/reminder-schedule.js';

/** Hours from a new-commerce term's start to the first reminder of its cancellation window. */
const NCE_FIRST_REMINDER_HOURS =
  NCE_CANCEL_WINDOW_HOURS - Math.max(REMINDER_LEAD['cancel-window-24h'], REMINDER_LEAD['cancel-window-2h']);

/** A reminder a source gives, whether or not it is due yet. */
interface ReminderEvent {
  readonly kind: ReminderKind;
  readonly subjectId: string;
  readonly recipient: string;
  readonly eventAt: Dayjs;
  readonly payload: NewReminder['payload'];
  /** R-REM-1: the action it is about, after which it waits QUIET_HOURS_AFTER_ACTION. */
  readonly actedAt?: Dayjs | null;
}

/**
 * From when a reminder is due: its lead before the event, and not within the quiet hours after the action
 * (R-REM-1). It is due in [dueFrom, eventAt): only while the event is ahead, a reminder after the fact is noise.
 */
const dueFrom = (e: ReminderEvent): Dayjs => {
  const lead = addHours(e.eventAt, -REMINDER_LEAD[e.kind]);
  const quiet = e.actedAt ? addHours(e.actedAt, QUIET_HOURS_AFTER_ACTION) : null;
  return quiet && quiet.isAfter(lead) ? quiet : lead;
};

const isDue = (e: ReminderEvent, now: Dayjs) => !now.isBefore(dueFrom(e)) && now.isBefore(e.eventAt);

/** The subscription as it stands at `now`, and the reminders it gives in that state. */
function subscriptionEvents(source: SubscriptionSource, now: Dayjs) {
  const sub = effectiveSubscription(source.subscription, now);
  const base = { subscriptionId: sub.id, product: sub.productName, customer: source.customerName };
  const events: ReminderEvent[] = [];
  const event = (
    kind: ReminderKind,
    recipient: string,
    eventAt: Dayjs,
    payload: NewReminder['payload'],
    actedAt?: Dayjs | null,
  ) => events.push({ kind, subjectId: sub.id, recipient, eventAt, payload, actedAt });
  if (sub.status === 'active') {
    const effect = cancellationEffect(source.product, sub, now);
    if (effect.ok && 'windowClosesAt' in effect.value) {
      const closesAt = instant(effect.value.windowClosesAt);
      const payload = { ...base, effect: effect.value.kind };
      event('cancel-window-24h', source.placedBy, closesAt, payload, sub.orderedAt);
      event('cancel-window-2h', source.placedBy, closesAt, payload, sub.orderedAt);
    }
    if (sub.trialEndsAt && now.isBefore(sub.trialEndsAt)) {
      event('trial-ends-3d', source.placedBy, sub.trialEndsAt, base, sub.orderedAt);
    }
    if (sub.cancelAt) {
      const by = source.lastActorFor['subscription.cancel'] ?? source.placedBy;
      event('cancellation-1d', by, sub.cancelAt, base);
    }
  }
  if (sub.status === 'suspended' && sub.dataDeletedAt) {
    const by = source.lastActorFor['subscription.suspend'] ?? source.placedBy;
    event('data-deletion-7d', by, sub.dataDeletedAt, base, sub.suspendedAt);
  }
  return { sub, events };
}

const toReminder = (deps: Pick<AllDeps, 'newId'>, now: Dayjs, e: ReminderEvent): NewReminder => ({
  id: deps.newId(),
  kind: e.kind,
  subjectId: e.subjectId,
  recipientAadObjectId: e.recipient,
  eventAt: e.eventAt,
  uniqueKey: `${e.kind}:${e.subjectId}:${e.eventAt.toISOString()}`,
  payload: e.payload,
  createdAt: now,
  nextAttemptAt: now,
});

/** The reminders these subscriptions give at `now`. */
export function subscriptionReminders(
  deps: Pick<AllDeps, 'newId'>,
  now: Dayjs,
  sources: readonly SubscriptionSource[],
): NewReminder[] {
  return sources.flatMap((source) =>
    subscriptionEvents(source, now)
      .events.filter((e) => isDue(e, now))
      .map((e) => toReminder(deps, now, e)),
  );
}

/** The reminders these download links give at `now`. */
export function linkReminders(
  deps: Pick<AllDeps, 'newId'>,
  now: Dayjs,
  links: readonly LinkSource[],
): NewReminder[] {
  return links
    .map((link): ReminderEvent => ({
      kind: 'link-expires-1d',
      subjectId: link.linkId,
      recipient: link.issuedTo,
      eventAt: link.expiresAt,
      payload: { orderId: link.orderId, product: link.productName, customer: link.customerName },
    }))
    .filter((e) => isDue(e, now))
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
  return nextCheckOf(source, subscriptionEvents(source, now), now);
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
  const evaluated = subscriptionEvents(source, now);
  return {
    due: evaluated.events.filter((e) => isDue(e, now)).map((e) => toReminder(deps, now, e)),
    next: nextCheckOf(source, evaluated, now),
  };
}

function nextCheckOf(
  source: SubscriptionSource,
  { sub, events }: ReturnType<typeof subscriptionEvents>,
  now: Dayjs,
): Dayjs | null {
  const candidates: Dayjs[] = [];
  for (const e of events) {
    const from = dueFrom(e);
    if (from.isAfter(now) && from.isBefore(e.eventAt)) candidates.push(from);
  }
  if (sub.status === 'active') {
    // A renewal changes what the subscription reminds of only when a new-commerce term opens a new
    // cancellation window, or a change scheduled for it brings another product (and policy). A legacy
    // window counts from the order, which no renewal moves; the trial's end and a scheduled cancellation
    // are instants of their own below; a term that ends without auto-renew only takes reminders away.
    // A new-commerce renewal is looked at when the new window's first reminder falls due (it opens no
    // sooner), unless the renewal can bring more: a scheduled change, or Partner Center's own windows.
    const policy = source.product.commercePolicy;
    if (sub.scheduledChange || sub.windows) candidates.push(sub.renewsAt);
    else if (policy === 'new-commerce') {
      // The next term as the renewal makes it (terms count from their anchor, which may not fall on the
      // stored renewal): its window's first reminder, or the renewal itself when that is already due then.
      const next = effectiveSubscription(source.subscription, sub.renewsAt);
      const first = addHours(next.termStartAt, NCE_FIRST_REMINDER_HOURS);
      candidates.push(next.status === 'active' && first.isAfter(sub.renewsAt) ? first : sub.renewsAt);
    }
    candidates.push(sub.termStartAt, sub.orderedAt);
    if (sub.cancelAt) candidates.push(sub.cancelAt);
    if (sub.trialEndsAt) candidates.push(sub.trialEndsAt);
  } else if (sub.status === 'suspended' && sub.dataDeletedAt) {
    candidates.push(sub.dataDeletedAt);
  }
  let next: Dayjs | null = null;
  for (const c of candidates) if (c.isAfter(now) && (next === null || c.isBefore(next))) next = c;
  return next;
}

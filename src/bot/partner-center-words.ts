/**
 * Words for what an external commerce backend adds: its refusals (R-PC-2) and where a card's facts come
 * from and how fresh they are (R-PC-5).
 */
import type { ExternalRefusal, FactSource } from '../domain/shared/external-refusal.js';
import type { Dayjs } from '../domain/shared/time.js';
import type { Speech } from './i18n.js';

/** The refusal in the user's words, what to do next, and Partner Center's code when it gave one. */
export function externalRefusalText(s: Speech, refusal: ExternalRefusal): string {
  const m = s.m.partnerCenter;
  const words = m.refusals[refusal.reason];
  const sentence =
    typeof words === 'string'
      ? words
      : words(
          refusal.retryAfterSeconds !== undefined && refusal.retryAfterSeconds > 0
            ? m.seconds(Math.ceil(refusal.retryAfterSeconds))
            : m.aMoment,
        );
  return refusal.code ? `${sentence} ${m.code(refusal.code)}` : sentence;
}

/**
 * "Partner Center, 2 min ago" or "the bot's own record" (no source means the bot's own record). Without
 * `now` the card is being drawn from what was just read: "just now".
 */
export function factSourceText(s: Speech, source: FactSource | undefined, now?: Dayjs): string {
  const m = s.m.partnerCenter;
  if (!source || source.system === 'bot-record') return m.botRecord;
  const readAt = Date.parse(source.readAt);
  const seconds = now ? Math.max(0, Math.floor((now.valueOf() - readAt) / 1000)) : 0;
  const ago =
    seconds < 60
      ? m.justNow
      : seconds < 3600
        ? m.minutesAgo(Math.floor(seconds / 60))
        : seconds < 86400
          ? m.hoursAgo(Math.floor(seconds / 3600))
          : m.daysAgo(Math.floor(seconds / 86400));
  return m.partnerCenterAgo(ago);
}

/** The source as a card fact row. */
export const factSourceFact = (s: Speech, source: FactSource | undefined, now?: Dayjs) => ({
  label: s.m.partnerCenter.sourceLabel,
  value: factSourceText(s, source, now),
});

/** "Source: Partner Center, just now", for a card's subtitle. */
export const factSourceLine = (s: Speech, source: FactSource | undefined, now?: Dayjs): string =>
  `${s.m.partnerCenter.sourceLabel}: ${factSourceText(s, source, now)}`;

/**
 * R-PC-4: when Partner Center's own window differs from the bot's rule, the card says whose applies;
 * nothing when they agree (or Partner Center said nothing).
 */
export function windowDiffersText(
  s: Speech,
  partnerCenterClosesAt: string | undefined,
  ruleClosesAt: string | number | undefined,
): string[] {
  if (!partnerCenterClosesAt || ruleClosesAt === undefined) return [];
  return [
    s.m.partnerCenter.windowDiffers(s.dateTime(partnerCenterClosesAt), s.dateTime(String(ruleClosesAt))),
  ];
}

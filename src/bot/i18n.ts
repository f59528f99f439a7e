/** The reply language and time zone of a turn, and formatting in them. */
import type { Locale } from './commands.js';
import { en, type Messages } from './messages/en.js';
import { ko } from './messages/ko.js';
import { zh } from './messages/zh.js';
import { at, inZone, isValidTimeZone, type Dayjs } from '../domain/shared/time.js';

const MESSAGES: Record<Locale, Messages> = { en, ko, zh };

/** 'ko-KR' → ko, 'zh-CN' / 'zh-Hans' / 'zh' → zh, anything else → the fallback. */
export function localeOf(tag: string | undefined | null, fallback: Locale = 'en'): Locale {
  const lower = (tag ?? '').toLowerCase();
  if (lower.startsWith('ko')) return 'ko';
  if (lower.startsWith('zh')) return 'zh';
  if (lower.startsWith('en')) return 'en';
  return fallback;
}

export const messagesFor = (locale: Locale): Messages => MESSAGES[locale];

const BCP47: Record<Locale, string> = { en: 'en-US', ko: 'ko-KR', zh: 'zh-CN' };

/**
 * zoneName, remembered per zone and language for the quarter hour (UTC) it was made in: every offset is a
 * whole number of quarter hours and transitions happen at local wall-clock times, so an offset changes only
 * on a quarter hour. Making it takes two Intl formatters, about 0.25 ms, on every turn of a user with a
 * time zone.
 */
const zoneNames = new Map<string, string>();
/** Entries kept at most per map; the zone names (keyed by quarter hour too) are emptied when it fills. */
const MAX_REMEMBERED = 1024;

function zoneNameNow(zone: string, locale: Locale): string {
  const key = `${zone}|${locale}|${Math.floor(Date.now() / 900_000)}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    if (zoneNames.size >= MAX_REMEMBERED) zoneNames.clear();
    name = zoneName(zone, locale);
    zoneNames.set(key, name);
  }
  return name;
}

/** A currency formatter per language and currency (making one costs about 30 µs; formatting is cheap). */
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: Locale, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(BCP47[locale], { style: 'currency', currency, currencyDisplay: 'code' });
    if (moneyFormats.size < MAX_REMEMBERED) moneyFormats.set(key, format);
  }
  return format;
}

/** A readable name of the zone with its current offset from UTC, and its id: "Korean Standard Time (UTC+9, Asia/Seoul)". */
function zoneName(zone: string, locale: Locale): string {
  const part = (style: 'long' | 'shortOffset') => {
    try {
      return new Intl.DateTimeFormat(BCP47[locale], { timeZone: zone, timeZoneName: style })
        .formatToParts(new Date())
        .find((p) => p.type === 'timeZoneName')?.value;
    } catch {
      return undefined;
    }
  };
  const name = part('long');
  const offset = part('shortOffset')?.replace(/^GMT/, 'UTC') ?? '';
  const utcOffset = offset === 'UTC' ? 'UTC+0' : offset;
  return name && name !== zone ? `${name} (${[utcOffset, zone].filter(Boolean).join(', ')})` : zone;
}

/** How one turn speaks: language, messages, and dates in the user's zone (or UTC, said so). */
export interface Speech {
  readonly locale: Locale;
  readonly m: Messages;
  readonly timeZone: string | undefined;
  /** The zone as shown to the user: its name and offset, e.g. "Korean Standard Time (UTC+9, Asia/Seoul)", or "UTC". */
  readonly zoneLabel: string;
  dateTime(instant: Dayjs | string | Date | null | undefined): string;
  date(instant: Dayjs | string | Date | null | undefined): string;
  money(amount: number, currency: string): string;
  list(items: readonly string[]): string;
}

export function speechFor(locale: Locale, timeZone: string | undefined | null): Speech {
  const zone = timeZone && isValidTimeZone(timeZone) ? timeZone : undefined;
  const m = MESSAGES[locale];
  const toDayjs = (value: Dayjs | string | Date) =>
    typeof value === 'string' || value instanceof Date ? at(value) : value;
  const suffix = zone ? '' : ' UTC';
  return {
    locale,
    m,
    timeZone: zone,
    zoneLabel: zone ? zoneNameNow(zone, locale) : m.common.utc,
    dateTime: (instant) =>
      instant ? `${inZone(toDayjs(instant), zone).format('YYYY-MM-DD HH:mm')}${suffix}` : '',
    date: (instant) => (instant ? inZone(toDayjs(instant), zone).format('YYYY-MM-DD') : ''),
    money: (amount, currency) =>
      moneyFormat(locale, currency)
        .format(amount)
        .replace(/\u00a0/g, ' '),
    list: (items) =>
      items.length === 0 ? m.common.none : items.join(locale === 'en' ? ', ' : locale === 'ko' ? ', ' : '、'),
  };
}

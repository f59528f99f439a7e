/**
 * The turn's speech remembers its zone names and currency formatters (they cost a quarter of a
 * millisecond per turn to make): what it says must still be what a fresh formatter says, and a zone's
 * offset must follow daylight-saving time even though its name was remembered an hour before.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { speechFor } from '../../src/bot/i18n.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('speech', () => {
  it('a remembered zone name still changes its offset when daylight-saving time starts', () => {
    vi.useFakeTimers();
    // New York moves from UTC-5 to UTC-4 at 07:00 UTC on 2026-03-08.
    vi.setSystemTime(new Date('2026-03-08T06:59:59.000Z'));
    expect(speechFor('en', 'America/New_York').zoneLabel).toContain('UTC-5');
    expect(speechFor('en', 'America/New_York').zoneLabel).toContain('UTC-5');
    vi.setSystemTime(new Date('2026-03-08T07:00:00.000Z'));
    expect(speechFor('en', 'America/New_York').zoneLabel).toContain('UTC-4');
    expect(speechFor('ko', 'America/New_York').zoneLabel).toContain('UTC-4');
    expect(speechFor('en', 'Asia/Seoul').zoneLabel).toBe('Korean Standard Time (UTC+9, Asia/Seoul)');
    expect(speechFor('en', undefined).zoneLabel).toBe('UTC');
  });

  it.each(['en', 'ko', 'zh'] as const)(
    '%s: money is formatted as a fresh formatter does, each time',
    (locale) => {
      const tag = { en: 'en-US', ko: 'ko-KR', zh: 'zh-CN' }[locale];
      for (const [amount, currency] of [
        [1234.5, 'USD'],
        [99, 'KRW'],
        [0.1, 'CNY'],
        [1234.5, 'USD'],
      ] as const) {
        const fresh = new Intl.NumberFormat(tag, { style: 'currency', currency, currencyDisplay: 'code' })
          .format(amount)
          .replace(/\u00a0/g, ' ');
        expect(speechFor(locale, undefined).money(amount, currency)).toBe(fresh);
      }
    },
  );
});

import { describe, expect, it } from 'vitest';
import { REFUSAL_KINDS, toRefusal } from '../../../src/partner-center/refusals.js';
import { toDomainRefusal } from '../../../src/partner-center/commerce/to-domain-refusal.js';
import { deriveRequestId } from '../../../src/partner-center/commerce/request-id.js';
import { EXTERNAL_REFUSAL_REASONS } from '../../../src/domain/shared/external-refusal.js';
import { externalRefusalText, factSourceText } from '../../../src/bot/partner-center-words.js';
import { speechFor } from '../../../src/bot/i18n.js';
import { at } from '../../../src/domain/shared/time.js';

const LOCALES = ['en', 'ko', 'zh'] as const;

describe('Partner Center refusals as domain errors', () => {
  it.each(REFUSAL_KINDS.map((kind) => [kind]))(
    'R-PC-2: the connector refusal kind %s maps to a domain reason with words in en, ko and zh',
    (kind) => {
      const refusal = toDomainRefusal({
        kind,
        code: '900117',
        httpStatus: 400,
        description: 'internal description',
        retryAfterSeconds: null,
      });
      expect(refusal).toEqual({ kind: 'partner-center-refused', reason: kind, code: '900117' });
      const texts = LOCALES.map((locale) => externalRefusalText(speechFor(locale, 'UTC'), refusal));
      for (const text of texts) {
        expect(text.length).toBeGreaterThan(20);
        expect(text).toContain('900117');
        expect(text).not.toContain('internal description');
      }
      expect(new Set(texts).size).toBe(3);
    },
  );

  it('R-PC-2: the domain reasons are exactly the connector kinds', () => {
    expect([...EXTERNAL_REFUSAL_REASONS].sort()).toEqual([...REFUSAL_KINDS].sort());
  });

  it('R-PC-2: a throttled refusal says how long to wait, from Retry-After', () => {
    const refusal = toDomainRefusal(toRefusal({ code: null, httpStatus: 429, retryAfterSeconds: 30 }));
    expect(refusal).toEqual({ kind: 'partner-center-refused', reason: 'throttled', retryAfterSeconds: 30 });
    expect(externalRefusalText(speechFor('en', 'UTC'), refusal)).toContain('30 seconds');
    expect(externalRefusalText(speechFor('ko', 'UTC'), refusal)).toContain('30초');
    expect(externalRefusalText(speechFor('zh', 'UTC'), refusal)).toContain('30 秒');
  });

  it('R-PC-2: 900117 (window passed) is explained in en, ko and zh', () => {
    const refusal = toDomainRefusal(toRefusal({ code: 900117, httpStatus: 400 }));
    expect(refusal.reason).toBe('window-passed');
    expect(externalRefusalText(speechFor('en', 'UTC'), refusal)).toMatch(/window for this change has closed/);
    expect(externalRefusalText(speechFor('ko', 'UTC'), refusal)).toMatch(/기간이 지나/);
    expect(externalRefusalText(speechFor('zh', 'UTC'), refusal)).toMatch(/期限已过/);
  });
});

describe('request ids of logical operations', () => {
  it('R-PC-3: the same pending action and operation always give the same UUID', () => {
    const first = deriveRequestId('pending-1', 'subscription.patch');
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deriveRequestId('pending-1', 'subscription.patch')).toBe(first);
    expect(deriveRequestId('pending-1', 'cart.checkout')).not.toBe(first);
    expect(deriveRequestId('pending-2', 'subscription.patch')).not.toBe(first);
  });
});

describe('where the facts come from', () => {
  const now = at('2026-03-01T12:00:00Z');
  it('R-PC-5: Partner Center facts say how fresh they are, in en, ko and zh', () => {
    const source = { system: 'partner-center' as const, readAt: '2026-03-01T11:58:00Z' };
    expect(factSourceText(speechFor('en', 'UTC'), source, now)).toBe('Partner Center, 2 min ago');
    expect(factSourceText(speechFor('ko', 'UTC'), source, now)).toBe('파트너 센터, 2분 전');
    expect(factSourceText(speechFor('zh', 'UTC'), source, now)).toBe('合作伙伴中心，2 分钟前');
  });
  it("R-PC-5: without a source the facts are the bot's own record", () => {
    expect(factSourceText(speechFor('en', 'UTC'), undefined, now)).toBe('the bot’s own record');
    expect(factSourceText(speechFor('en', 'UTC'), { system: 'bot-record', readAt: '' }, now)).toBe(
      'the bot’s own record',
    );
  });
});

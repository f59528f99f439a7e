import { describe, expect, it } from 'vitest';
import { kindOf, REFUSAL_KINDS, toRefusal, type RefusalKind } from '../../src/partner-center/refusals.js';

/** Every documented code the connector can meet (README §2 error columns, examples/errors.json). */
const DOCUMENTED: Array<[code: string, httpStatus: number, kind: RefusalKind]> = [
  ['900117', 400, 'window-passed'],
  ['900213', 400, 'window-passed'],
  ['900214', 400, 'seat-reduction-not-allowed'],
  ['900257', 400, 'seat-reduction-not-allowed'],
  ['800090', 400, 'seat-reduction-not-allowed'],
  ['800091', 400, 'subscription-suspended'],
  ['2001', 400, 'subscription-suspended'],
  ['2011', 400, 'subscription-deleted'],
  ['2055', 400, 'stale'],
  ['800082', 409, 'renewal-in-progress'],
  ['900278', 409, 'pending-operation'],
  ['800014', 409, 'pending-operation'],
  ['800060', 409, 'pending-operation'],
  ['800064', 409, 'pending-operation'],
  ['900311', 400, 'pending-operation'],
  ['800023', 403, 'credit-limit'],
  ['800025', 400, 'credit-limit'],
  ['900121', 403, 'credit-limit'],
  ['800069', 403, 'risk-check'],
  ['800073', 403, 'risk-check'],
  ['800074', 403, 'risk-check'],
  ['800075', 403, 'risk-check'],
  ['2002', 400, 'quantity-invalid'],
  ['800067', 403, 'quantity-invalid'],
  ['800088', 403, 'quantity-invalid'],
  ['800018', 400, 'quantity-invalid'],
  ['60012', 400, 'quantity-invalid'],
  ['800061', 400, 'not-cancellable'],
  ['800063', 400, 'not-cancellable'],
  ['800077', 403, 'not-cancellable'],
  ['800019', 403, 'not-cancellable'],
  ['800065', 400, 'not-cancellable'],
  ['2006', 400, 'not-cancellable'],
  ['800093', 400, 'not-cancellable'],
  ['1000', 404, 'not-found'],
  ['20000', 404, 'not-found'],
  ['20003', 404, 'not-found'],
  ['60003', 404, 'not-found'],
  ['400013', 404, 'not-found'],
  ['400018', 404, 'not-found'],
  ['400019', 404, 'not-found'],
  ['800008', 404, 'not-found'],
  ['3000', 404, 'not-found'],
  ['400072', 200, 'not-found'],
  ['20002', 403, 'forbidden'],
  ['400030', 403, 'forbidden'],
  ['400036', 403, 'forbidden'],
  ['800020', 403, 'forbidden'],
  ['800027', 403, 'forbidden'],
  ['800066', 403, 'forbidden'],
  ['900124', 403, 'forbidden'],
  ['13605', 403, 'forbidden'],
  ['2085', 403, 'forbidden'],
  ['2091', 403, 'forbidden'],
  ['900329', 403, 'auth'],
  ['900421', 401, 'auth'],
  ['900309', 403, 'auth'],
  ['900316', 400, 'auth'],
  ['800071', 400, 'invalid-request'],
  ['900118', 400, 'invalid-request'],
  ['800009', 400, 'invalid-request'],
  ['800010', 400, 'invalid-request'],
  ['800017', 400, 'invalid-request'],
  ['800070', 400, 'invalid-request'],
  ['800081', 400, 'invalid-request'],
  ['800095', 400, 'invalid-request'],
  ['800096', 400, 'invalid-request'],
  ['900203', 400, 'invalid-request'],
  ['900206', 400, 'invalid-request'],
  ['900252', 400, 'invalid-request'],
  ['900253', 400, 'invalid-request'],
  ['900275', 400, 'invalid-request'],
  ['900277', 400, 'invalid-request'],
  ['900279', 400, 'invalid-request'],
  ['900280', 400, 'invalid-request'],
];

describe('the refusal table', () => {
  it.each(DOCUMENTED)('maps documented code %s (HTTP %i) to %s', (code, httpStatus, kind) => {
    expect(kindOf(code, httpStatus)).toBe(kind);
  });

  it('maps the codes as numbers too (every documented example sends a number)', () => {
    expect(toRefusal({ code: 900117, httpStatus: 400 }).kind).toBe('window-passed');
    expect(toRefusal({ code: 900117, httpStatus: 400 }).code).toBe('900117');
  });

  it.each([
    [412, 'stale'],
    [409, 'renewal-in-progress'],
    [429, 'throttled'],
    [500, 'unavailable'],
    [502, 'unavailable'],
    [503, 'unavailable'],
    [504, 'unavailable'],
    [408, 'unavailable'],
    [0, 'unavailable'],
    [401, 'auth'],
    [403, 'forbidden'],
    [404, 'not-found'],
    [400, 'invalid-request'],
    [405, 'invalid-request'],
    [406, 'invalid-request'],
    [417, 'invalid-request'],
    [501, 'unavailable'],
  ] as const)('maps HTTP %i without a code to %s', (httpStatus, kind) => {
    expect(kindOf(null, httpStatus)).toBe(kind);
  });

  it('treats 412 as stale and 429 as throttled whatever the code says', () => {
    expect(kindOf('800091', 412)).toBe('stale');
    expect(kindOf('12345', 429)).toBe('throttled');
  });

  it('calls an unlisted code on a 400 unknown rather than guessing', () => {
    expect(kindOf('424242', 400)).toBe('unknown');
  });

  it('keeps the description and Retry-After for the audit', () => {
    const refusal = toRefusal({
      code: null,
      httpStatus: 429,
      description: 'Rate limit',
      retryAfterSeconds: 57,
    });
    expect(refusal).toEqual({
      kind: 'throttled',
      code: null,
      httpStatus: 429,
      description: 'Rate limit',
      retryAfterSeconds: 57,
    });
  });

  it('uses only kinds of the declared union', () => {
    for (const [, , kind] of DOCUMENTED) expect(REFUSAL_KINDS).toContain(kind);
  });
});

/**
 * The refusal table: every documented Partner Center error code the connector can meet, mapped to a small
 * set of kinds the domain can explain. Codes come from the contract pack (README §2 per-endpoint error
 * columns, examples/errors.json); HTTP statuses decide when no code is known.
 */

export const REFUSAL_KINDS = [
  'window-passed',
  'seat-reduction-not-allowed',
  'subscription-suspended',
  'subscription-deleted',
  'stale',
  'renewal-in-progress',
  'pending-operation',
  'credit-limit',
  'risk-check',
  'quantity-invalid',
  'not-cancellable',
  'not-found',
  'forbidden',
  'auth',
  'throttled',
  'unavailable',
  'invalid-request',
  'unknown',
] as const;

export type RefusalKind = (typeof REFUSAL_KINDS)[number];

export interface Refusal {
  kind: RefusalKind;
  /** Partner Center's error code, as a string (the docs send numbers and type them as strings). */
  code: string | null;
  /** HTTP status; 0 when no answer arrived (network error, timeout). */
  httpStatus: number;
  /** Partner Center's own description, for the audit record; never shown to a user as is. */
  description: string | null;
  /** Seconds Partner Center asked to wait (429 Retry-After), when known. */
  retryAfterSeconds: number | null;
}

/** Documented code → kind. Codes not listed fall back to the HTTP status ({@link kindOfStatus}). */
export const REFUSAL_BY_CODE: Readonly<Record<string, RefusalKind>> = {
  // Cancellation / change windows passed.
  '900117': 'window-passed',
  '900213': 'window-passed',
  // Seat reduction outside its window, or not allowed at all.
  '900214': 'seat-reduction-not-allowed',
  '900257': 'seat-reduction-not-allowed',
  '800090': 'seat-reduction-not-allowed',
  // State of the subscription.
  '800091': 'subscription-suspended',
  '2001': 'subscription-suspended',
  '2011': 'subscription-deleted',
  // Concurrency.
  '2055': 'stale',
  // Renewal or another change running.
  '800082': 'renewal-in-progress',
  '900278': 'pending-operation',
  '800014': 'pending-operation',
  '800060': 'pending-operation',
  '800064': 'pending-operation',
  '900311': 'pending-operation',
  // Money.
  '800023': 'credit-limit',
  '800025': 'credit-limit',
  '900121': 'credit-limit',
  '800069': 'risk-check',
  '800073': 'risk-check',
  '800074': 'risk-check',
  '800075': 'risk-check',
  // Quantities.
  '2002': 'quantity-invalid',
  '800067': 'quantity-invalid',
  '800088': 'quantity-invalid',
  '800018': 'quantity-invalid',
  '60012': 'quantity-invalid',
  // Orders that cannot be cancelled this way.
  '800061': 'not-cancellable',
  '800063': 'not-cancellable',
  '800077': 'not-cancellable',
  '800019': 'not-cancellable',
  '800065': 'not-cancellable',
  '2006': 'not-cancellable',
  '800093': 'not-cancellable',
  // Not found.
  '1000': 'not-found',
  '20000': 'not-found',
  '20003': 'not-found',
  '60003': 'not-found',
  '400013': 'not-found',
  '400018': 'not-found',
  '400019': 'not-found',
  '800008': 'not-found',
  '3000': 'not-found',
  // Item unavailable (one row of the error table gives it with HTTP 200).
  '400072': 'not-found',
  // Forbidden for this partner, customer or token.
  '20002': 'forbidden',
  '400030': 'forbidden',
  '400036': 'forbidden',
  '800020': 'forbidden',
  '800027': 'forbidden',
  '800066': 'forbidden',
  '900124': 'forbidden',
  '13605': 'forbidden',
  '2085': 'forbidden',
  '2091': 'forbidden',
  // Authentication: the admin has to act.
  '900329': 'auth',
  '900421': 'auth',
  '900309': 'auth',
  '900316': 'auth',
  // Invalid input.
  '800071': 'invalid-request',
  '900118': 'invalid-request',
  '800009': 'invalid-request',
  '800010': 'invalid-request',
  '800017': 'invalid-request',
  '800070': 'invalid-request',
  '800081': 'invalid-request',
  '800095': 'invalid-request',
  '800096': 'invalid-request',
  '900203': 'invalid-request',
  '900206': 'invalid-request',
  '900252': 'invalid-request',
  '900253': 'invalid-request',
  '900275': 'invalid-request',
  '900277': 'invalid-request',
  '900279': 'invalid-request',
  '900280': 'invalid-request',
};

/** The kind for an HTTP status alone (no code, or a code the table does not know). */
export const kindOfStatus = (httpStatus: number): RefusalKind => {
  if (httpStatus === 0) return 'unavailable';
  if (httpStatus === 401) return 'auth';
  if (httpStatus === 403) return 'forbidden';
  if (httpStatus === 404) return 'not-found';
  if (httpStatus === 409) return 'renewal-in-progress';
  if (httpStatus === 412) return 'stale';
  if (httpStatus === 429) return 'throttled';
  if (httpStatus === 408 || httpStatus >= 500) return 'unavailable';
  if (httpStatus === 400 || httpStatus === 405 || httpStatus === 406 || httpStatus === 417)
    return 'invalid-request';
  return 'unknown';
};

/** The kind for a code and status: the code decides when the table knows it, else the status. */
export const kindOf = (code: string | null, httpStatus: number): RefusalKind => {
  if (httpStatus === 429) return 'throttled';
  if (httpStatus === 412) return 'stale';
  const byCode = code === null ? undefined : REFUSAL_BY_CODE[code];
  if (byCode) return byCode;
  if (httpStatus === 400 && code !== null) return 'unknown';
  return kindOfStatus(httpStatus);
};

export const toRefusal = (fields: {
  code: string | number | null;
  httpStatus: number;
  description?: string | null;
  retryAfterSeconds?: number | null;
}): Refusal => {
  const code = fields.code === null ? null : String(fields.code);
  return {
    kind: kindOf(code, fields.httpStatus),
    code,
    httpStatus: fields.httpStatus,
    description: fields.description ?? null,
    retryAfterSeconds: fields.retryAfterSeconds ?? null,
  };
};

/**
 * A connector refusal as the domain's ExternalRefusal (R-PC-2). The table is exhaustive over the
 * connector's kinds: a new kind does not compile until it has a domain reason (and so words for the user).
 */
import type { ExternalRefusal, ExternalRefusalReason } from '../../domain/shared/external-refusal.js';
import type { Refusal, RefusalKind } from '../refusals.js';

export const DOMAIN_REASON: Readonly<Record<RefusalKind, ExternalRefusalReason>> = {
  'window-passed': 'window-passed',
  'seat-reduction-not-allowed': 'seat-reduction-not-allowed',
  'subscription-suspended': 'subscription-suspended',
  'subscription-deleted': 'subscription-deleted',
  stale: 'stale',
  'renewal-in-progress': 'renewal-in-progress',
  'pending-operation': 'pending-operation',
  'credit-limit': 'credit-limit',
  'risk-check': 'risk-check',
  'quantity-invalid': 'quantity-invalid',
  'not-cancellable': 'not-cancellable',
  'not-found': 'not-found',
  forbidden: 'forbidden',
  auth: 'auth',
  throttled: 'throttled',
  unavailable: 'unavailable',
  'invalid-request': 'invalid-request',
  unknown: 'unknown',
};

export function toDomainRefusal(refusal: Refusal): ExternalRefusal {
  return {
    kind: 'partner-center-refused',
    reason: DOMAIN_REASON[refusal.kind],
    ...(refusal.retryAfterSeconds !== null ? { retryAfterSeconds: refusal.retryAfterSeconds } : {}),
    ...(refusal.code !== null ? { code: refusal.code } : {}),
  };
}

/**
 * Expected failures, as values. The bot layer switches over `kind` exhaustively, so a new kind does not
 * compile until it has words for the user in every language.
 */
import type { Action, Role } from './roles.js';
import type { ExternalRefusal } from './external-refusal.js';

export type Subject = 'customer' | 'product' | 'subscription' | 'order' | 'staff' | 'pending-action' | 'role';

export interface Candidate {
  readonly id: string;
  readonly label: string;
  readonly detail?: string;
}

export type DomainError =
  /** The speaker holds no role that allows the action (R-ROLE-9, R-ROLE-10). */
  | { readonly kind: 'forbidden'; readonly action: Action; readonly allowedRoles: readonly Role[] }
  /** The speaker holds no partner role at all. */
  | { readonly kind: 'no-role' }
  | { readonly kind: 'not-found'; readonly what: Subject; readonly ref: string }
  /** More than one match: a choice for the user, never a guess (R-CAT-1). */
  | {
      readonly kind: 'ambiguous';
      readonly what: Subject;
      readonly ref: string;
      readonly candidates: readonly Candidate[];
    }
  | { readonly kind: 'invalid-input'; readonly field: string; readonly reason: InvalidInputReason }
  | {
      readonly kind: 'invalid-state';
      readonly what: Subject;
      readonly status: string;
      readonly attempted: string;
    }
  /** A confirmation that is not the clicker's to press. */
  | { readonly kind: 'not-initiator' }
  /** A pending confirmation past its expiry (15 minutes). */
  | { readonly kind: 'expired'; readonly what: Subject }
  /** The confirmation was already used; `previous` is the first result, shown again. */
  | { readonly kind: 'already-done'; readonly previous: unknown }
  /** The confirmation was discarded before it was used. */
  | { readonly kind: 'discarded' }
  /** A change that would not change anything (grant a role already held). */
  | { readonly kind: 'no-change'; readonly reason: NoChangeReason }
  /** Someone changed the object between reading and writing; nothing was written. */
  | { readonly kind: 'conflict'; readonly what: Subject }
  /** A rule refuses the action; `rule` is its id in the spec, `reason` a code the reply puts into words. */
  | {
      readonly kind: 'refused';
      readonly rule: string;
      readonly reason: RefusalReason;
      readonly facts?: Readonly<Record<string, string | number>>;
    }
  /** The effect shown when the user previewed no longer applies at execution; nothing was changed. */
  | {
      readonly kind: 'effect-changed';
      readonly previewed: string;
      readonly now: string;
      /** What a fresh preview needs: the subscription and the reason already given. */
      readonly subscriptionId: string;
      readonly reason: string;
    }
  /** Partner Center refused the change and did nothing (R-PC-2); the reason is put into words. */
  | ExternalRefusal;

/** Why an input was refused; the bot layer has words for each (exhaustively). */
export type InvalidInputReason =
  | 'empty'
  | 'too-long'
  | 'invalid'
  /** A cart holds at most MAX_CART_LINES lines. */
  | 'cart-full'
  /** The card was older than the cart it edits. */
  | 'stale'
  | 'from-after-to'
  | 'range-too-long'
  /** An edition the purchase does not entitle (R-KEY-1). */
  | 'not-offered';

/** Why a change would change nothing. */
export type NoChangeReason =
  | 'role-already-held'
  | 'role-not-held'
  | 'auto-renew-already-on'
  | 'auto-renew-already-off'
  | 'same-quantity'
  | 'same-plan';

export type RefusalReason =
  | 'one-per-customer'
  | 'suspended-exists'
  | 'isv-country'
  | 'isv-not-in-csp'
  | 'private-offer'
  | 'usage-based'
  | 'segment'
  | 'market-unavailable'
  | 'cycle-not-offered'
  | 'quantity'
  | 'data-deleted'
  | 'not-cancellable-nce'
  | 'cancel-already-scheduled'
  | 'software-use-cancel-order'
  | 'license-decrease-window'
  | 'customer-not-active'
  | 'software-own-order'
  | 'no-key'
  | 'support-request-only'
  | 'not-cancellable'
  | 'cancel-window-passed'
  | 'acknowledgement-required'
  | 'already-reseller'
  | 'region-mismatch'
  | 'addon-not-for-base'
  | 'addon-base-not-active'
  | 'addon-exceeds-base'
  | 'backend-has-no-endpoint'
  | 'upgrade-not-offered'
  | 'change-needs-active'
  | 'term-not-offered'
  | 'addon-blocks-change'
  | 'no-upgrade-path'
  | 'base-below-addons'
  | 'already-credited';

export type DomainErrorKind = DomainError['kind'];

export const forbidden = (action: Action, allowedRoles: readonly Role[]): DomainError => ({
  kind: 'forbidden',
  action,
  allowedRoles,
});
export const notFound = (what: Subject, ref: string): DomainError => ({ kind: 'not-found', what, ref });
export const invalidInput = (field: string, reason: InvalidInputReason): DomainError => ({
  kind: 'invalid-input',
  field,
  reason,
});

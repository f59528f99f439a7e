/** Everything the composition root provides; each use case declares the narrow part it needs. */
import type { Clock } from '../shared/time.js';
import type { PartnerSettings } from './partner.js';
import type { Repositories, UnitOfWork } from './unit-of-work.js';
import type { SecretSource } from './secrets.js';
import type { CatalogItemSource } from './catalog-items.js';
import type { InvitationLinkSource } from './invitation-links.js';
import type { EntitlementSource } from './entitlements.js';
import type { OrderPreparation } from './orders.js';
import type { OrderFactSource } from './order-facts.js';
import type { CatalogOfferSource } from './catalog-offers.js';

export interface AllDeps extends Repositories {
  readonly clock: Clock;
  readonly partner: PartnerSettings;
  readonly secrets: SecretSource;
  /** Where the bot is reached from outside, for download links (e.g. https://bot.partner.example). */
  readonly publicBaseUrl: () => string;
  readonly uow: UnitOfWork;
  /** 128-bit random ids for pending actions and other unguessable references. */
  readonly newId: () => string;
  /** Partner-center mode only: the backend's catalog item a cart line will buy (R-PC-10). */
  readonly catalogItems?: CatalogItemSource;
  /** Partner-center mode only: Partner Center's invitation link (R-PC-15). */
  readonly invitationLinks?: InvitationLinkSource;
  /** Partner-center mode only: Partner Center's software entitlements (R-PC-14). */
  readonly entitlements?: EntitlementSource;
  /** Partner-center mode only: the cart made and kept before the order's transaction (R-PC-11). */
  readonly orderPreparation?: OrderPreparation;
  /** Partner-center mode only: Partner Center's own order for one of the bot's orders (R-ORD-4). */
  readonly orderFacts?: OrderFactSource;
  /** Partner-center mode only: the titles Partner Center offers a customer (R-CAT-6). */
  readonly catalogOffers?: CatalogOfferSource;
  /**
   * What the commerce backend's documented contract cannot do (partner-center mode): the use cases say so
   * plainly instead of writing half a change (R-ADD-6, R-TRM-4, R-UPG-4).
   */
  readonly backendGaps?: ReadonlySet<BackendGap>;
}

export type BackendGap = 'add-on' | 'billing-change' | 'upgrade';

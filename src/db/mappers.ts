/**
 * Rows to domain values (and values to JSON columns), shared by the Prisma repositories. Reading a row
 * never fails: unknown enum strings are kept as they are or fall back as the domain says.
 */
import { CustomerRelationshipSchema } from '../domain/shared/model.js';
import type {
  BillingCycle,
  CancelRestriction,
  CommercePolicy,
  Customer,
  Order,
  OrderStatus,
  Product,
  ProductKind,
  Segment,
  Staff,
  Subscription,
  SubscriptionStatus,
} from '../domain/shared/model.js';
import type { PendingAction, PendingStatus } from '../domain/confirmations/pending-action.js';
import type { ReminderKind, StoredReminder } from '../domain/ports/reminders.js';
import { RoleSchema, type Role } from '../domain/shared/roles.js';
import { at } from '../domain/shared/time.js';
import type { Dayjs } from '../domain/shared/time.js';
import type { Prisma, PrismaClient } from './generated/prisma/client.js';

/** A Prisma client or an open transaction: every repository works the same on both. */
export type Db = PrismaClient | Prisma.TransactionClient;

export const toRoles = (rows: ReadonlyArray<{ role: string }>): Role[] =>
  rows.map((r) => RoleSchema.safeParse(r.role)).flatMap((r) => (r.success ? [r.data] : []));

type StaffRow = Prisma.StaffGetPayload<{ include: { roles: true } }>;
export const toStaff = (row: StaffRow): Staff => ({
  aadObjectId: row.aadObjectId,
  displayName: row.displayName,
  roles: toRoles(row.roles),
  tenantId: row.tenantId,
  locale: row.locale,
  timeZone: row.timeZone,
  personalConversationId: conversationIdOf(row.conversationReference),
});

/** The key of a stored one-to-one chat: conversation id and service address, as find() builds it in SQL. */
export const conversationIdOf = (reference: unknown): string | null => {
  const r = reference as { conversation?: { id?: unknown }; serviceUrl?: unknown } | null;
  return typeof r?.conversation?.id === 'string'
    ? `${r.conversation.id}|${String(r.serviceUrl ?? '')}`
    : null;
};

export type CustomerRow = Prisma.CustomerGetPayload<object>;
export const toCustomer = (row: CustomerRow): Customer => ({
  id: row.id,
  companyName: row.companyName,
  primaryDomain: row.primaryDomain,
  tenantId: row.tenantId,
  billingCountry: row.billingCountry,
  segment: row.segment as Segment,
  tenantRegion: row.tenantRegion,
  preferredLanguage: row.preferredLanguage,
  accountCreatedAt: at(row.accountCreatedAt),
  firstBillingPeriodStartAt: at(row.firstBillingPeriodStartAt),
  relationship: CustomerRelationshipSchema.catch('active').parse(row.relationship),
});

/** A money column as Prisma reads it (Decimal) or as plain SQL reads it (`::float8`, sql.ts). */
type Money = number | { toNumber(): number };
const money = (value: Money): number => (typeof value === 'number' ? value : value.toNumber());

/** A product row from Prisma, or from plain SQL with the price as a number. */
export type ProductRow = Omit<
  Prisma.ProductGetPayload<object>,
  'unitPrice' | 'policySource' | 'softwareOptions'
> & {
  unitPrice: Money;
};
export const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  name: row.name,
  kind: row.kind as ProductKind,
  publisher: row.publisher,
  billingType: row.billingType as Product['billingType'],
  category: row.category as Product['category'],
  billingCycles: row.billingCycles as BillingCycle[],
  segments: row.segments as Segment[],
  unitPrice: money(row.unitPrice),
  currency: row.currency,
  onePerCustomer: row.onePerCustomer,
  trialDays: row.trialDays,
  maxQuantity: row.maxQuantity,
  isvSupportedCountries: row.isvSupportedCountries,
  isvCspOptOut: row.isvCspOptOut,
  privateOfferPartnerIds: row.privateOfferPartnerIds,
  unavailableCountries: row.unavailableCountries,
  commercePolicy: row.commercePolicy as CommercePolicy,
  cancelRestriction: row.cancelRestriction as CancelRestriction,
  isvSetupUrl: row.isvSetupUrl,
  baseProductIds: row.baseProductIds,
  upgradeTargetIds: row.upgradeTargetIds,
  termOptionIds: row.termOptionIds,
});

export const orNull = (value: Date | null): Dayjs | null => (value ? at(value) : null);
/** The other way: a column value from a time that may be absent. */
export const dateOrNull = (value: Dayjs | null | undefined): Date | null => value?.toDate() ?? null;

/** A subscription row joined with its product's name (`p."name" AS "productName"`). */
type SubscriptionRow = Omit<Prisma.SubscriptionGetPayload<object>, 'licenceAdditions' | 'reminderCheckAt'> & {
  readonly productName: string;
};
export const toSubscription = (row: SubscriptionRow): Subscription => ({
  id: row.id,
  customerId: row.customerId,
  productId: row.productId,
  productName: row.productName,
  orderId: row.orderId,
  quantity: row.quantity,
  billingCycle: row.billingCycle as BillingCycle,
  status: row.status as SubscriptionStatus,
  autoRenew: row.autoRenew,
  orderedAt: at(row.orderedAt),
  termStartAt: at(row.termStartAt),
  renewsAt: at(row.renewsAt),
  trialEndsAt: orNull(row.trialEndsAt),
  suspendedAt: orNull(row.suspendedAt),
  dataDeletedAt: orNull(row.dataDeletedAt),
  cancelledAt: orNull(row.cancelledAt),
  cancelAt: orNull(row.cancelAt),
  version: row.version,
  baseSubscriptionId: row.baseSubscriptionId,
  termAnchorAt: orNull(row.termAnchorAt),
  scheduledChange:
    row.scheduledProductId &&
    (row.scheduledBillingCycle === 'monthly' || row.scheduledBillingCycle === 'annual')
      ? { productId: row.scheduledProductId, billingCycle: row.scheduledBillingCycle }
      : null,
});

type OrderRow = Prisma.OrderGetPayload<{
  include: { lines: { include: { product: { select: { name: true } } } } };
}>;
export const toOrder = (row: OrderRow): Order => ({
  id: row.id,
  customerId: row.customerId,
  placedByAadObjectId: row.placedByAadObjectId,
  placedAt: at(row.placedAt),
  status: row.status as OrderStatus,
  total: row.total.toNumber(),
  currency: row.currency,
  lines: row.lines.map((line) => ({
    productId: line.productId,
    productName: line.product.name,
    quantity: line.quantity,
    billingCycle: line.billingCycle as BillingCycle,
    unitPrice: line.unitPrice.toNumber(),
    currency: row.currency,
  })),
});

export type PendingRow = Prisma.PendingActionGetPayload<object>;
export const toPending = (row: PendingRow): PendingAction => ({
  id: row.id,
  action: row.action,
  initiatorAadObjectId: row.initiatorAadObjectId,
  payload: row.payload,
  status: row.status as PendingStatus,
  createdAt: at(row.createdAt),
  expiresAt: at(row.expiresAt),
  completedAt: orNull(row.completedAt),
  result: row.result,
});

export const json = (value: unknown): Prisma.InputJsonValue =>
  JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;
/** The same value as a JSON text, for a `$n::jsonb` parameter of plain SQL (sql.ts). */
export const jsonText = (value: unknown): string => JSON.stringify(value ?? null);

/** Licences added and when, as the subscription's `licenceAdditions` column keeps them (R-NCE-2). */
export const licenceAdditionsJson = (additions: ReadonlyArray<{ at: Dayjs; count: number }>): string =>
  JSON.stringify(additions.map((a) => ({ at: a.at.toISOString(), count: a.count })));

export const ORDER_INCLUDE = {
  lines: { include: { product: { select: { name: true } } }, orderBy: { id: 'asc' } },
} as const;

export type ReminderRow = Prisma.ReminderGetPayload<object>;
export const toReminder = (row: ReminderRow): StoredReminder => ({
  id: row.id,
  kind: row.kind as ReminderKind,
  subjectId: row.subjectId,
  recipientAadObjectId: row.recipientAadObjectId,
  eventAt: at(row.eventAt),
  uniqueKey: row.uniqueKey,
  payload: (row.payload ?? {}) as StoredReminder['payload'],
  createdAt: at(row.createdAt),
  nextAttemptAt: at(row.nextAttemptAt),
  attempts: row.attempts,
});

type RelationshipRow = Prisma.ResellerRelationshipRequestGetPayload<object>;
export const toRelationshipRequest = (row: RelationshipRow) => ({
  id: row.id,
  customerId: row.customerId,
  requestedByAadObjectId: row.requestedByAadObjectId,
  invitationUrl: row.invitationUrl,
  status: row.status === 'accepted' ? ('accepted' as const) : ('pending' as const),
  createdAt: at(row.createdAt),
  acceptedAt: row.acceptedAt ? at(row.acceptedAt) : null,
});

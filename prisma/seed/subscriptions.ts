/**
 * Demo orders, order lines and subscriptions. Every instant is relative to `now` (the moment the demo is
 * first seeded), so that the windows the bot enforces are open or closed whenever that is: a monthly
 * subscription ordered 2 hours ago can still be cancelled with a full credit (R-CAN-1), an annual one
 * ordered 5 days ago is inside its 14 days (R-CAN-3), a software purchase made 59 days ago has one day of
 * its 60 left (R-SWC-1), and so on. Rows are written once (by id) and then belong to the users.
 */
import {
  type BillingCycle,
  type OrderStatus,
  type SubscriptionStatus,
} from '../../src/domain/shared/model.js';
import { addDays, addHours, at, DAY_MS, type Dayjs } from '../../src/domain/shared/time.js';
import { seedCustomer, type SeedCustomer } from './customers.js';
import { seedProduct } from './catalog.js';
import { termCharge } from '../../src/domain/subscriptions/cancellation-policy.js';
import { demoStaffWithRole } from './staff.js';

export interface DemoOrderLine {
  id: string;
  orderId: string;
  productId: string;
  quantity: number;
  billingCycle: BillingCycle;
  unitPrice: number;
}

export interface DemoOrder {
  id: string;
  customerId: string;
  placedByAadObjectId: string;
  placedAt: string;
  status: OrderStatus;
  /** Sum of quantity × unit price over the lines. */
  total: number;
  currency: string;
  pendingActionId: null;
  cancelledAt: string | null;
  lines: DemoOrderLine[];
}

export interface DemoSubscription {
  id: string;
  customerId: string;
  productId: string;
  orderId: string;
  quantity: number;
  billingCycle: BillingCycle;
  status: SubscriptionStatus;
  autoRenew: boolean;
  orderedAt: string;
  termStartAt: string;
  renewsAt: string;
  trialEndsAt: string | null;
  suspendedAt: string | null;
  dataDeletedAt: string | null;
  cancelledAt: string | null;
  cancelAt: string | null;
  /** The column keeps its first spelling: renaming it would need a migration. */
  licenceAdditions: Array<{ at: string; count: number }>;
  /** Add-on (R-ADD-1): its base subscription; its terms count from the base's anchor (R-ADD-3). */
  baseSubscriptionId: string | null;
  termAnchorAt: string | null;
}

export interface DemoData {
  orders: DemoOrder[];
  subscriptions: DemoSubscription[];
}

/**
 * R-SUS-2: days of data retention after a suspension: 90, or 90 plus the whole days between account
 * creation and the first billing period where that is longer, capped at 120.
 */
export const retentionDaysFor = (
  customer: Pick<SeedCustomer, 'accountCreatedAt' | 'firstBillingPeriodStartAt'>,
): number => {
  const gap = Math.floor(at(customer.firstBillingPeriodStartAt).diff(at(customer.accountCreatedAt)) / DAY_MS);
  return Math.min(120, 90 + Math.max(0, gap));
};

const MONTHS_PER_TERM: Record<BillingCycle, number> = { monthly: 1, annual: 12 };

/** The term running at `asOf` for a subscription whose first term starts at `firstTermStart`. */
const nextRenewal = (termStart: Dayjs, cycle: BillingCycle): Dayjs =>
  termStart.add(MONTHS_PER_TERM[cycle], 'month');

/**
 * The term running at `asOf` for a subscription whose first term starts at `firstTermStart`. Each term
 * starts where the last ended, as renewals roll forward (src/domain/subscriptions/subscription-state.ts).
 */
const termAt = (firstTermStart: Dayjs, cycle: BillingCycle, asOf: Dayjs): { start: Dayjs; end: Dayjs } => {
  let start = firstTermStart;
  let end = nextRenewal(start, cycle);
  while (!end.isAfter(asOf)) {
    start = end;
    end = nextRenewal(start, cycle);
  }
  return { start, end };
};

/** What happened to a subscription after it was bought; times are offsets from `now`. */
type Fate =
  | { readonly kind: 'active' }
  | { readonly kind: 'scheduled-cancel' }
  | { readonly kind: 'suspended'; readonly suspendedDaysAgo: number }
  | { readonly kind: 'expired'; readonly suspendedDaysAgo: number }
  | { readonly kind: 'cancelled'; readonly cancelledHoursAfterOrder: number };

interface LineSpec {
  readonly productId: string;
  readonly quantity: number;
  readonly billingCycle: BillingCycle;
  /** Present when the line has a subscription row. */
  readonly subscription?: { readonly id: string; readonly fate: Fate; readonly base?: string };
}

interface OrderSpec {
  readonly id: string;
  readonly customerId: string;
  readonly placedBy: string;
  /** How long before `now` the order was placed. */
  readonly placedHoursAgo: number;
  readonly lines: readonly LineSpec[];
  readonly cancelledDaysAgo?: number;
}

const days = (count: number): number => count * 24;
const active: Fate = { kind: 'active' };

const SALES = demoStaffWithRole('sales-agent').aadObjectId;
const BILLING = demoStaffWithRole('billing-admin').aadObjectId;
const HELPDESK = demoStaffWithRole('helpdesk-agent').aadObjectId;
const GLOBAL = demoStaffWithRole('global-admin').aadObjectId;
const ADMIN_AGENT = demoStaffWithRole('admin-agent').aadObjectId;

const ORDERS: readonly OrderSpec[] = [
  // ---- Online services and marketplace SaaS ----
  {
    // An add-on attached to Contoso's E3 a month ago (R-ADD-1..3): it renews with its base.
    id: 'ORD-1020',
    customerId: 'cus-contoso',
    placedBy: SALES,
    placedHoursAgo: days(30),
    lines: [
      {
        productId: 'teams-audio-conferencing',
        quantity: 100,
        billingCycle: 'annual',
        subscription: { id: 'SUB-contoso-e3-audio', fate: active, base: 'SUB-contoso-e3' },
      },
    ],
  },
  {
    id: 'ORD-1001',
    customerId: 'cus-contoso',
    placedBy: SALES,
    placedHoursAgo: days(400),
    lines: [
      {
        productId: 'm365-e3',
        quantity: 250,
        billingCycle: 'annual',
        subscription: { id: 'SUB-contoso-e3', fate: active },
      },
      {
        productId: 'exchange-online-p1',
        quantity: 40,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-contoso-exo', fate: active },
      },
    ],
  },
  {
    // Monthly SaaS ordered 2 hours ago: the 24-hour full-credit window is open (R-CAN-1).
    id: 'ORD-1002',
    customerId: 'cus-contoso',
    placedBy: HELPDESK,
    placedHoursAgo: 2,
    lines: [
      {
        productId: 'isv-adatum-helpdesk',
        quantity: 25,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-contoso-helpdesk', fate: active },
      },
    ],
  },
  {
    // Annual SaaS ordered 5 days ago: inside the 14-day window (R-CAN-3); new-commerce E5 inside 7 days.
    id: 'ORD-1003',
    customerId: 'cus-contoso-pharmaceuticals',
    placedBy: BILLING,
    placedHoursAgo: days(5),
    lines: [
      {
        productId: 'isv-relecloud-backup',
        quantity: 120,
        billingCycle: 'annual',
        subscription: { id: 'SUB-contosopharma-backup', fate: active },
      },
      {
        productId: 'm365-e5-nce',
        quantity: 40,
        billingCycle: 'annual',
        subscription: { id: 'SUB-contosopharma-e5-nce', fate: active },
      },
    ],
  },
  {
    // Suspended 10 days ago; retention 105 days (15 days between account creation and first billing).
    id: 'ORD-1004',
    customerId: 'cus-contoso-pharmaceuticals',
    placedBy: SALES,
    placedHoursAgo: days(250),
    lines: [
      {
        productId: 'exchange-online-p1',
        quantity: 60,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-contosopharma-exo', fate: { kind: 'suspended', suspendedDaysAgo: 10 } },
      },
    ],
  },
  {
    // In its 30-day free trial (R-BUY-9): the paid term starts when the trial ends.
    id: 'ORD-1005',
    customerId: 'cus-fabrikam',
    placedBy: SALES,
    placedHoursAgo: days(12),
    lines: [
      {
        productId: 'isv-contoso-analytics',
        quantity: 30,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-fabrikam-analytics', fate: active },
      },
    ],
  },
  {
    // Suspended 10 days ago, retention 90 days; buying Business Premium again offers reactivation (R-BUY-3).
    id: 'ORD-1006',
    customerId: 'cus-fabrikam',
    placedBy: BILLING,
    placedHoursAgo: days(200),
    lines: [
      {
        productId: 'm365-business-premium',
        quantity: 45,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-fabrikam-bp', fate: { kind: 'suspended', suspendedDaysAgo: 10 } },
      },
    ],
  },
  {
    // Business Premium suspended 10 days ago, retention capped at 120 days; Defender for Business is
    // one per customer, so Northwind cannot buy it again (R-BUY-2).
    id: 'ORD-1007',
    customerId: 'cus-northwind-traders',
    placedBy: GLOBAL,
    placedHoursAgo: days(300),
    lines: [
      {
        productId: 'm365-business-premium',
        quantity: 120,
        billingCycle: 'annual',
        subscription: { id: 'SUB-northwind-bp', fate: { kind: 'suspended', suspendedDaysAgo: 10 } },
      },
      {
        productId: 'defender-for-business',
        quantity: 120,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-northwind-defender', fate: active },
      },
    ],
  },
  {
    // Suspended 200 days ago and never reactivated: expired, data deleted (R-SUS-3).
    id: 'ORD-1008',
    customerId: 'cus-tailspin-toys',
    placedBy: SALES,
    placedHoursAgo: days(400),
    lines: [
      {
        productId: 'teams-essentials',
        quantity: 20,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-tailspin-teams', fate: { kind: 'expired', suspendedDaysAgo: 200 } },
      },
    ],
  },
  {
    id: 'ORD-1009',
    customerId: 'cus-woodgrove-bank',
    placedBy: SALES,
    placedHoursAgo: days(500),
    lines: [
      {
        productId: 'm365-e5',
        quantity: 500,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-woodgrove-e5', fate: active },
      },
    ],
  },
  {
    // Cancelled 6 hours after the order, with a full credit (R-CAN-1).
    id: 'ORD-1010',
    customerId: 'cus-woodgrove-bank',
    placedBy: HELPDESK,
    placedHoursAgo: days(60),
    lines: [
      {
        productId: 'isv-adatum-helpdesk',
        quantity: 10,
        billingCycle: 'monthly',
        subscription: {
          id: 'SUB-woodgrove-helpdesk',
          fate: { kind: 'cancelled', cancelledHoursAfterOrder: 6 },
        },
      },
    ],
  },
  {
    // Cancellation scheduled for the renewal date, auto-renew off (R-CAN-2).
    id: 'ORD-1011',
    customerId: 'cus-litware',
    placedBy: BILLING,
    placedHoursAgo: days(100),
    lines: [
      {
        productId: 'isv-relecloud-backup',
        quantity: 80,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-litware-backup', fate: { kind: 'scheduled-cancel' } },
      },
    ],
  },
  {
    // Monthly, ordered 2 hours ago: the 24-hour window is open.
    id: 'ORD-1012',
    customerId: 'cus-coho-winery',
    placedBy: SALES,
    placedHoursAgo: 2,
    lines: [
      {
        productId: 'm365-e3',
        quantity: 15,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-coho-e3', fate: active },
      },
    ],
  },
  {
    // New commerce, cancelled 3 days after purchase, inside the 7 days of R-NCE-1.
    id: 'ORD-1013',
    customerId: 'cus-coho-winery',
    placedBy: SALES,
    placedHoursAgo: days(30),
    lines: [
      {
        productId: 'm365-e3-nce',
        quantity: 10,
        billingCycle: 'annual',
        subscription: {
          id: 'SUB-coho-e3-nce',
          fate: { kind: 'cancelled', cancelledHoursAfterOrder: days(3) },
        },
      },
    ],
  },
  {
    id: 'ORD-1014',
    customerId: 'cus-graphic-design-institute',
    placedBy: BILLING,
    placedHoursAgo: days(150),
    lines: [
      {
        productId: 'm365-a3',
        quantity: 800,
        billingCycle: 'annual',
        subscription: { id: 'SUB-gdi-a3', fate: active },
      },
    ],
  },
  {
    id: 'ORD-1015',
    customerId: 'cus-city-power-and-light',
    placedBy: GLOBAL,
    placedHoursAgo: days(45),
    lines: [
      {
        productId: 'm365-g3',
        quantity: 300,
        billingCycle: 'annual',
        subscription: { id: 'SUB-cpl-g3', fate: active },
      },
    ],
  },
  {
    // The free trial ended 20 days ago and the subscription converted to paid: its term started then (R-BUY-9).
    id: 'ORD-1016',
    customerId: 'cus-trey-research',
    placedBy: HELPDESK,
    placedHoursAgo: days(50),
    lines: [
      {
        productId: 'isv-contoso-analytics',
        quantity: 12,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-trey-analytics', fate: active },
      },
    ],
  },
  {
    id: 'ORD-1017',
    customerId: 'cus-alpine-ski-house',
    placedBy: SALES,
    placedHoursAgo: days(60),
    lines: [
      {
        productId: 'm365-business-premium',
        quantity: 30,
        billingCycle: 'monthly',
        subscription: { id: 'SUB-alpine-bp', fate: active },
      },
    ],
  },
  {
    id: 'ORD-1018',
    customerId: 'cus-adventure-works',
    placedBy: BILLING,
    placedHoursAgo: days(30),
    lines: [
      {
        productId: 'exchange-online-p1',
        quantity: 200,
        billingCycle: 'annual',
        subscription: { id: 'SUB-adventureworks-exo', fate: active },
      },
    ],
  },
  {
    id: 'ORD-1019',
    customerId: 'cus-margies-travel',
    placedBy: SALES,
    placedHoursAgo: days(20),
    lines: [
      {
        productId: 'teams-essentials',
        quantity: 18,
        billingCycle: 'annual',
        subscription: { id: 'SUB-margies-teams', fate: active },
      },
    ],
  },

  // ---- Software (R-SWC-*): server subscriptions have subscription rows, perpetual software does not ----
  {
    // 10 days ago: 50 days of the 60-day cancel window left.
    id: 'ORD-2001',
    customerId: 'cus-contoso',
    placedBy: ADMIN_AGENT,
    placedHoursAgo: days(10),
    lines: [
      {
        productId: 'ws2022-dc-sub',
        quantity: 2,
        billingCycle: 'annual',
        subscription: { id: 'SUB-contoso-ws2022-dc', fate: active },
      },
    ],
  },
  {
    // 59 days ago: the last day of the cancel window.
    id: 'ORD-2002',
    customerId: 'cus-fabrikam',
    placedBy: ADMIN_AGENT,
    placedHoursAgo: days(59),
    lines: [{ productId: 'office-ltsc-2021', quantity: 25, billingCycle: 'annual' }],
  },
  {
    // 90 days ago: past the window.
    id: 'ORD-2003',
    customerId: 'cus-woodgrove-bank',
    placedBy: ADMIN_AGENT,
    placedHoursAgo: days(90),
    lines: [{ productId: 'ws2022-std-perpetual', quantity: 4, billingCycle: 'annual' }],
  },
  {
    id: 'ORD-2004',
    customerId: 'cus-contoso-pharmaceuticals',
    placedBy: ADMIN_AGENT,
    placedHoursAgo: days(30),
    lines: [
      {
        productId: 'sql2022-std-sub',
        quantity: 8,
        billingCycle: 'annual',
        subscription: { id: 'SUB-contosopharma-sql2022', fate: active },
      },
    ],
  },
  {
    // Windows 7 ESU: cancelled only through a support request (R-SWC-2).
    id: 'ORD-2005',
    customerId: 'cus-litware',
    placedBy: ADMIN_AGENT,
    placedHoursAgo: days(20),
    lines: [{ productId: 'win7-esu', quantity: 150, billingCycle: 'annual' }],
  },
  {
    // SUSE software plan: cannot be cancelled or exchanged (R-SWC-3).
    id: 'ORD-2006',
    customerId: 'cus-northwind-traders',
    placedBy: GLOBAL,
    placedHoursAgo: days(15),
    lines: [
      {
        productId: 'suse-sles',
        quantity: 10,
        billingCycle: 'annual',
        subscription: { id: 'SUB-northwind-suse', fate: active },
      },
    ],
  },
  {
    // Red Hat software plan: cannot be cancelled or exchanged (R-SWC-3), though inside 60 days.
    id: 'ORD-2007',
    customerId: 'cus-contoso',
    placedBy: ADMIN_AGENT,
    placedHoursAgo: days(40),
    lines: [
      {
        productId: 'rhel',
        quantity: 4,
        billingCycle: 'annual',
        subscription: { id: 'SUB-contoso-rhel', fate: active },
      },
    ],
  },
  {
    // Cancelled 5 days after purchase: keys revoked, still listed (R-SWC-6).
    id: 'ORD-2008',
    customerId: 'cus-tailspin-toys',
    placedBy: ADMIN_AGENT,
    placedHoursAgo: days(40),
    cancelledDaysAgo: 35,
    lines: [{ productId: 'office-ltsc-2021', quantity: 5, billingCycle: 'annual' }],
  },
  {
    id: 'ORD-2009',
    customerId: 'cus-contoso',
    placedBy: GLOBAL,
    placedHoursAgo: days(3),
    lines: [{ productId: 'azure-ri-d2sv5-1y', quantity: 3, billingCycle: 'annual' }],
  },
  {
    // A second Office order for Fabrikam: cancelling means choosing the order (R-SWC-4).
    id: 'ORD-2010',
    customerId: 'cus-fabrikam',
    placedBy: ADMIN_AGENT,
    placedHoursAgo: days(10),
    lines: [{ productId: 'office-ltsc-2021', quantity: 10, billingCycle: 'annual' }],
  },
];

const iso = (instant: Dayjs): string => instant.toISOString();

const subscriptionFor = (
  spec: { readonly id: string; readonly fate: Fate },
  order: OrderSpec,
  line: LineSpec,
  now: Dayjs,
): Omit<DemoSubscription, 'baseSubscriptionId' | 'termAnchorAt'> => {
  const customer = seedCustomer(order.customerId);
  const product = seedProduct(line.productId);
  const orderedAt = addHours(now, -order.placedHoursAgo);
  // R-BUY-9: a free trial applies automatically; the paid term starts when it ends.
  const trialEndsAt =
    product.category !== 'trial' && product.trialDays ? addDays(orderedAt, product.trialDays) : null;
  const firstTermStart = trialEndsAt ?? orderedAt;
  const fate = spec.fate;

  // When the status changed, if it did.
  const changedAt =
    fate.kind === 'suspended' || fate.kind === 'expired'
      ? addDays(now, -fate.suspendedDaysAgo)
      : fate.kind === 'cancelled'
        ? addHours(orderedAt, fate.cancelledHoursAfterOrder)
        : null;
  // A subscription that is over keeps the term it ended in; one that is running or can still be
  // reactivated (suspended) is in its current term, so its renewal date is ahead.
  const termAsOf = fate.kind === 'expired' || fate.kind === 'cancelled' ? (changedAt ?? now) : now;
  // Still in its free trial: the subscription "renews" (converts to paid) at the trial's end, exactly as
  // a new purchase records it (src/domain/purchase/cart.ts newSubscription), so the list, the cancel card
  // and the reminders agree that it is in its trial (R-BUY-9).
  const term =
    trialEndsAt && trialEndsAt.isAfter(termAsOf)
      ? { start: trialEndsAt, end: trialEndsAt }
      : firstTermStart.isAfter(termAsOf)
        ? { start: firstTermStart, end: nextRenewal(firstTermStart, line.billingCycle) }
        : termAt(firstTermStart, line.billingCycle, termAsOf);

  const suspendedAt = fate.kind === 'suspended' || fate.kind === 'expired' ? changedAt : null;
  const status: SubscriptionStatus =
    fate.kind === 'scheduled-cancel' ? 'active' : fate.kind === 'cancelled' ? 'cancelled' : fate.kind;
  const newCommerce = product.commercePolicy === 'new-commerce';
  // Auto-renew is off once cancelled, scheduled to cancel, expired, or suspended under new commerce (R-NCE-3).
  const autoRenew = fate.kind === 'active' || (fate.kind === 'suspended' && !newCommerce);

  return {
    id: spec.id,
    customerId: order.customerId,
    productId: line.productId,
    orderId: order.id,
    quantity: line.quantity,
    billingCycle: line.billingCycle,
    status,
    autoRenew,
    orderedAt: iso(orderedAt),
    termStartAt: iso(term.start),
    renewsAt: iso(term.end),
    // Once the trial is over the subscription has converted to paid, and the field is cleared, as
    // src/domain/subscriptions/subscription-state.ts does when it converts one.
    trialEndsAt: trialEndsAt && trialEndsAt.isAfter(now) ? iso(trialEndsAt) : null,
    suspendedAt: suspendedAt ? iso(suspendedAt) : null,
    dataDeletedAt: suspendedAt ? iso(addDays(suspendedAt, retentionDaysFor(customer))) : null,
    cancelledAt: fate.kind === 'cancelled' && changedAt ? iso(changedAt) : null,
    cancelAt: fate.kind === 'scheduled-cancel' ? iso(term.end) : null,
    licenceAdditions: [{ at: iso(orderedAt), count: line.quantity }],
  };
};

/** The demo orders (with their lines) and subscriptions, with instants relative to `now`. */
export function demoOrders(now: Date): DemoData {
  const current = at(now);
  const orders: DemoOrder[] = [];
  const subscriptions: DemoSubscription[] = [];

  for (const spec of ORDERS) {
    const lines = spec.lines.map((line, index): DemoOrderLine => ({
      id: `${spec.id}-L${index + 1}`,
      orderId: spec.id,
      productId: line.productId,
      quantity: line.quantity,
      billingCycle: line.billingCycle,
      // What one licence cost for one term of this line's cycle, as a purchase records it (R-MON-1): an
      // annual line of a product priced per month charged 12 months.
      unitPrice: termCharge(seedProduct(line.productId), { billingCycle: line.billingCycle, quantity: 1 }),
    }));
    const totalCents = lines.reduce((sum, line) => sum + line.quantity * Math.round(line.unitPrice * 100), 0);
    orders.push({
      id: spec.id,
      customerId: spec.customerId,
      placedByAadObjectId: spec.placedBy,
      placedAt: iso(addHours(current, -spec.placedHoursAgo)),
      status: spec.cancelledDaysAgo === undefined ? 'completed' : 'cancelled',
      total: totalCents / 100,
      currency: 'USD',
      pendingActionId: null,
      cancelledAt: spec.cancelledDaysAgo === undefined ? null : iso(addDays(current, -spec.cancelledDaysAgo)),
      lines,
    });
    for (const line of spec.lines) {
      if (line.subscription)
        subscriptions.push({
          ...subscriptionFor(line.subscription, spec, line, current),
          baseSubscriptionId: null,
          termAnchorAt: null,
        });
    }
  }
  // R-ADD-3: an add-on renews with its base; its terms count from the base's first term.
  for (const spec of ORDERS)
    for (const line of spec.lines) {
      const base = subscriptions.find((s) => s.id === line.subscription?.base);
      const index = subscriptions.findIndex((s) => s.id === line.subscription?.id);
      if (!base || index < 0) continue;
      subscriptions[index] = {
        ...subscriptions[index]!,
        baseSubscriptionId: base.id,
        termAnchorAt: base.trialEndsAt ?? base.orderedAt,
        renewsAt: base.renewsAt,
      };
    }
  return { orders, subscriptions };
}

/** English replies. ko.ts and zh.ts have the same shape (the compiler checks). */
import type { Action, Role } from '../../domain/roles.js';
import type { Subject } from '../../domain/errors.js';
import type { SubscriptionStatus, BillingCycle, Segment } from '../../domain/model.js';
import type { CommandId } from '../commands.js';

export const en = {
  languageName: 'English',
  roles: {
    'global-admin': 'Global admin',
    'account-admin': 'Account admin',
    'billing-admin': 'Billing admin',
    'admin-agent': 'Admin agent',
    'sales-agent': 'Sales agent',
    'helpdesk-agent': 'Helpdesk agent',
    'referral-admin': 'Referral admin',
    'marketing-content-admin': 'Marketing content admin',
  } satisfies Record<Role, string>,
  actions: {
    'catalog.read': 'look up customers, subscriptions and orders',
    'subscription.buy': 'buy subscriptions',
    'subscription.suspend': 'suspend subscriptions',
    'subscription.reactivate': 'reactivate subscriptions',
    'subscription.cancel': 'cancel subscriptions',
    'subscription.licenses': 'change licence counts',
    'subscription.autorenew': 'turn auto-renew on or off',
    'software.buy': 'buy software',
    'software.manage': 'manage software',
    'software.key': 'get product keys and download links',
    'software.cancel': 'cancel software purchases',
    'software.activity': 'view the key and download activity log',
    'relationship.request': 'request reseller relationships',
    'staff.grant': 'grant staff roles',
    'staff.revoke': 'revoke staff roles',
    'support.request': 'file refund support requests',
  } satisfies Record<Action, string>,
  subjects: {
    customer: 'customer',
    product: 'product',
    subscription: 'subscription',
    order: 'order',
    staff: 'staff member',
    'pending-action': 'confirmation',
    role: 'role',
  } satisfies Record<Subject, string>,
  statuses: {
    active: 'Active',
    suspended: 'Suspended',
    expired: 'Expired',
    cancelled: 'Cancelled',
  } satisfies Record<SubscriptionStatus, string>,
  cycles: { monthly: 'Monthly', annual: 'Annual' } satisfies Record<BillingCycle, string>,
  segments: {
    commercial: 'Commercial',
    education: 'Education',
    government: 'Government',
    nonprofit: 'Nonprofit',
  } satisfies Record<Segment, string>,
  orderStatuses: { completed: 'Completed', cancelled: 'Cancelled' } as Record<string, string>,
  commands: {
    help: 'Show what you can do',
    whoami: 'Show your name and roles',
    customers: 'Find customers by name, domain or tenant id',
    subscriptions: "List a customer's subscriptions",
    orders: "List a customer's orders",
    staff: 'List staff and their roles',
    grant: 'Give a staff member a role',
    revoke: 'Take a role from a staff member',
    buy: 'Buy subscriptions for a customer',
    suspend: 'Suspend a subscription',
    reactivate: 'Reactivate a suspended subscription',
    cancel: 'Cancel a subscription',
    autorenew: 'Turn auto-renew on or off',
    licenses: 'Change the licence count',
  } satisfies Record<CommandId, string>,
  common: {
    confirm: 'Confirm',
    choose: 'Choose',
    cancel: 'Cancel',
    none: 'None',
    yes: 'Yes',
    no: 'No',
    utc: 'UTC',
    timesIn: (zone: string) => `Times are shown in ${zone}.`,
    expiresAt: (time: string) => `This confirmation expires at ${time}. Nothing changes until you confirm.`,
    subscriptionsButton: 'Subscriptions',
    ordersButton: 'Orders',
    example: 'Example',
  },
  help: {
    title: 'What I can do for you',
    intro: (name: string, roles: string) => `You are ${name} (${roles}). Type a command or press a button.`,
    languages: 'You can write in English, 한국어 or 中文; I reply in the language of your Teams client.',
  },
  noRole: {
    title: 'You have no partner role yet',
    body: (name: string) =>
      `I know you as ${name}, but you hold no partner role here, so I can't show or change any customer data.`,
    ask: (admins: string) => `Ask a global admin to grant you a role: ${admins}.`,
    askNobody: 'Ask your partner organisation’s global admin to grant you a role.',
    help: 'Type help to see this again.',
  },
  whoami: {
    title: 'Who you are',
    name: 'Name',
    objectId: 'Entra object id',
    roles: 'Roles',
    language: 'Language',
    timeZone: 'Time zone',
  },
  customers: {
    title: (query: string) => `Customers matching “${query}”`,
    count: (n: number) => (n === 1 ? '1 customer' : `${n} customers`),
    domain: 'Domain',
    tenant: 'Tenant id',
    country: 'Billing country',
    segment: 'Segment',
  },
  choice: {
    title: (what: string) => `Which ${what} do you mean?`,
    prompt: (n: number, ref: string) => `${n} match “${ref}”. I won't guess: choose one.`,
  },
  subscriptions: {
    title: (customer: string) => `Subscriptions of ${customer}`,
    empty: 'This customer has no subscriptions.',
    product: 'Product',
    status: 'Status',
    quantity: 'Licences',
    cycle: 'Billing',
    ordered: 'Ordered',
    renews: 'Renews',
    trialEnds: 'Trial ends',
    autoRenewOff: 'auto-renew off',
    cancelsOn: (date: string) => `cancels on ${date}`,
    dataDeletedOn: (date: string) => `data deleted on ${date}`,
  },
  orders: {
    title: (customer: string) => `Orders of ${customer}`,
    empty: 'This customer has no orders.',
    order: 'Order',
    placed: 'Placed',
    status: 'Status',
    total: 'Total',
    line: (qty: number, product: string, cycle: string) => `${qty} × ${product} (${cycle})`,
  },
  staff: {
    title: 'Staff and their roles',
    noRoles: 'no role',
  },
  roleChange: {
    grantTitle: 'Grant this role?',
    revokeTitle: 'Revoke this role?',
    grantSummary: (name: string, role: string) => `${name} will get the role ${role}.`,
    revokeSummary: (name: string, role: string) => `${name} will lose the role ${role}.`,
    person: 'Person',
    currentRoles: 'Current roles',
    role: 'Role',
    grantedTitle: 'Role granted',
    revokedTitle: 'Role revoked',
    granted: (name: string, role: string) => `${name} now holds ${role}.`,
    revoked: (name: string, role: string) => `${name} no longer holds ${role}.`,
    rolesNow: 'Roles now',
  },
  errors: {
    forbidden: (action: string, allowed: string, yours: string) =>
      `You can't ${action}: that needs one of these roles: ${allowed}. Your roles: ${yours}.`,
    notFound: (what: string, ref: string) => `I couldn't find a ${what} matching “${ref}”.`,
    notFoundPending:
      "That confirmation doesn't exist (or isn't for this button). Nothing was changed. Start again from a command.",
    invalidInput: (field: string) => `That ${field} isn't valid.`,
    emptyField: (field: string) => `Please tell me which ${field}.`,
    tooLongField: (field: string) => `That ${field} is too long.`,
    invalidState: (what: string, status: string) => `That can't be done: the ${what} is ${status}.`,
    lastGlobalAdmin: 'That would leave nobody able to grant roles: this is the last global admin.',
    notInitiator:
      'Only the person who started this can confirm or cancel it. Nothing was changed; start your own with the same command.',
    expired: 'This confirmation has expired (after 15 minutes). Nothing was changed: start again.',
    alreadyDone: 'This was already done; here is the result again.',
    discarded: 'This was cancelled earlier. Nothing was changed.',
    roleAlreadyHeld: 'Nothing to change: they already hold that role.',
    roleNotHeld: 'Nothing to change: they don’t hold that role.',
    noChange: 'Nothing to change.',
    autoRenewAlreadyOn: 'Nothing to change: auto-renew is already on.',
    autoRenewAlreadyOff: 'Nothing to change: auto-renew is already off.',
    sameQuantity: 'Nothing to change: it already has that many licences.',
    conflict:
      'Someone changed this at the same moment. Nothing was changed by your click: look again and retry.',
    effectChanged: (now: string) =>
      `Nothing was changed: the window closed while you were deciding. What applies now: ${now} Confirm again if you still want to.`,
    cartFull: 'A cart holds at most 10 products: purchase this one and start another.',
    cartStale: 'The cart changed meanwhile; here it is as it stands.',
    title: 'Not done',
  },
  parse: {
    empty: 'Type a command, for example “help”.',
    tooLong: (max: number) => `That message is too long: I read at most ${max} characters.`,
    unknown: (word: string) => `I don't know “${word}”. Type “help” to see what I can do.`,
    unknownSuggest: (word: string, suggestion: string) =>
      `I don't know “${word}”. Did you mean “${suggestion}”?`,
    missingArgument: (example: string) => `That needs a little more, for example: ${example}`,
    badRole: (text: string, roles: string) =>
      `I didn't find a role at the end of “${text}”. Roles: ${roles}.`,
    badQuantity: (text: string) => `“${text}” is not a licence count: use a whole number from 1 up.`,
    badCard:
      'That button is out of date or its data is not valid. Nothing was changed: start again from a command.',
    title: 'I didn’t understand',
  },
  discarded: { title: 'Cancelled', body: 'Nothing was changed.' },
  cart: {
    title: (customer: string) => `Review the order for ${customer}`,
    product: 'Product',
    quantity: 'Licences',
    cycle: 'Billing cycle',
    unitPrice: (price: string, cycle: string) => `${price} per licence, ${cycle.toLowerCase()}`,
    lineTotal: 'Line total',
    total: 'Total',
    taxIncluded: (country: string) => `Prices include tax (customer billed in ${country}).`,
    taxExcluded: 'Prices exclude tax.',
    trial: (days: number) =>
      `Starts with a ${days}-day free trial that cannot be skipped; then it converts to paid and renews automatically on the same schedule.`,
    isvSetup:
      'After purchase you get the publisher’s set-up link for the customer (the customer is not e-mailed).',
    autoRenew: 'New subscriptions renew automatically unless you turn auto-renew off.',
    update: 'Update totals',
    addTitle: 'Add another product',
    addPlaceholder: 'Product name, e.g. Exchange Online',
    add: 'Add to cart',
    remove: 'Remove',
    purchase: 'Purchase',
    discard: 'Discard',
    reviewChanged: 'You changed the cart: here are the new totals. Press Purchase again to buy.',
    expires: (time: string) => `This cart is kept until ${time}.`,
  },
  purchase: {
    title: (orderId: string) => `Order ${orderId} placed`,
    summary: (customer: string, total: string) => `Bought for ${customer}: ${total}.`,
    line: (qty: number, product: string, cycle: string, id: string) =>
      `${qty} × ${product} (${cycle}) → ${id}`,
    trialUntil: (date: string) => `free trial until ${date}, then paid`,
    renews: (date: string) => `renews ${date}`,
    setup: (product: string) => `Set up ${product} for the customer`,
  },
  change: {
    suspendTitle: 'Suspend this subscription?',
    reactivateTitle: 'Reactivate this subscription?',
    autoRenewTitle: (on: boolean) => (on ? 'Turn auto-renew on?' : 'Turn auto-renew off?'),
    licencesTitle: 'Change the licence count?',
    subscription: 'Subscription',
    customer: 'Customer',
    status: 'Status',
    licences: 'Licences',
    suspendLosesAccess: 'The customer’s users can no longer sign in to it.',
    suspendDataDeleted: (date: string, days: number) =>
      `Its data will be deleted on ${date} (after ${days} days) unless it is reactivated before then.`,
    suspendStillBilled: 'New commerce: it is still billed while suspended, and auto-renew is turned off.',
    reactivateRestores: 'Users get access again with their data.',
    reactivateDeadline: (date: string) => `It can be reactivated until ${date}.`,
    autoRenewOn: (date: string) => `It will renew on ${date}.`,
    autoRenewOnWithdraws: 'The cancellation scheduled at renewal is withdrawn.',
    autoRenewOff: (date: string) => `It will end on ${date} instead of renewing.`,
    licencesFromTo: (from: number, to: number) => `From ${from} to ${to} licences.`,
    licencesCharge: (delta: string) => `Charge per term changes by ${delta}.`,
    suspended: 'Subscription suspended',
    reactivated: 'Subscription reactivated',
    autoRenewChanged: (on: boolean) => (on ? 'Auto-renew is on' : 'Auto-renew is off'),
    licencesChanged: (n: number) => `Now ${n} licences`,
    startButton: { suspend: 'Suspend', reactivate: 'Reactivate', cancel: 'Cancel…' },
  },
  cancel: {
    reasonTitle: 'Why cancel this subscription?',
    reasonPrompt: (product: string, customer: string) =>
      `${product} for ${customer}. Please give the reason (it is kept with the cancellation).`,
    reasonLabel: 'Reason',
    reasonPlaceholder: 'e.g. bought by mistake, customer no longer needs it',
    continue: 'Continue',
    title: 'Cancel this subscription?',
    yes: 'Yes, cancel',
    keep: 'Keep it',
    reason: 'Reason',
    left: (left: string) => `${left} left in this window.`,
    fullCredit: (credit: string) =>
      `It is cancelled now, with a full credit of ${credit} on the next invoice.`,
    atRenewal: (date: string) => `It is cancelled at renewal on ${date} (auto-renew turned off); no credit.`,
    deprovision: 'Usage-based: it is deprovisioned now; usage is not refundable.',
    prorated: (refund: string) => `New commerce: it is cancelled now with a prorated refund of ${refund}.`,
    trial: 'It is still in its free trial: it is cancelled now and nothing is charged.',
    doneTitle: 'Subscription cancelled',
    scheduledTitle: 'Cancellation scheduled',
  },
  refusals: {
    'one-per-customer': (f: Facts) =>
      `${f.customer} already has ${f.product}, and only one subscription to it is allowed per customer.`,
    'suspended-exists': (f: Facts) =>
      `${f.customer} has a suspended ${f.product} subscription (${f.subscriptionId}): reactivate it instead of buying a new one.`,
    'isv-country': (f: Facts) =>
      `${f.publisher} does not sell ${f.product} to customers billed in ${f.country}.`,
    'isv-not-in-csp': (f: Facts) => `${f.publisher} does not offer ${f.product} through the CSP program.`,
    'private-offer': (f: Facts) =>
      `${f.product} is a private offer made to other partners; it cannot be bought through us.`,
    'usage-based': (f: Facts) =>
      `${f.product} is usage-based (pay as you go) and is not sold here: use the Azure portal.`,
    segment: (f: Facts) => `${f.product} is not offered to ${f.segment} customers.`,
    'market-unavailable': (f: Facts) => `${f.product} is not available to customers billed in ${f.country}.`,
    'cycle-not-offered': (f: Facts) => `${f.product} is not offered with ${f.cycle} billing.`,
    quantity: (f: Facts) => `The licence count must be a whole number from 1 to ${f.max}.`,
    'data-deleted': (f: Facts) =>
      `It can no longer be reactivated: its data was deleted on ${f.dataDeletedAt}.`,
    'not-cancellable-nce': (f: Facts) =>
      `New commerce: the 7-day cancellation window closed on ${f.closedAt}. You can turn auto-renew off so it ends on ${f.renewsAt}.`,
    'cancel-already-scheduled': (f: Facts) => `A cancellation is already scheduled for ${f.cancelAt}.`,
    'software-use-cancel-order': () =>
      'Software purchases are cancelled by order: use “cancel order <order id>”.',
    'licence-decrease-window': (f: Facts) =>
      `New commerce: only licences added in the last 7 days can be removed, so the count cannot go below ${f.floor} now.`,
    'customer-not-active': (f: Facts) => `${f.customer} is not yet a customer we can provision for.`,
    reactivateInstead: 'Reactivate instead',
  },
  turnError: {
    title: 'Something went wrong on our side',
    body: 'Your message could not be completed, and nothing was changed by it. Please try again; if it keeps happening, give this reference to your administrator:',
  },
} as const;

type Facts = Readonly<Record<string, string | number>>;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : T extends object
      ? { [K in keyof T]: Widen<T[K]> }
      : T;

export type Messages = Widen<typeof en>;

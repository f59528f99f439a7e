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
    notInitiator: 'Only the person who started this can confirm or cancel it. Nothing was changed; start your own with the same command.',
    expired: 'This confirmation has expired (after 15 minutes). Nothing was changed: start again.',
    alreadyDone: 'This was already done; here is the result again.',
    discarded: 'This was cancelled earlier. Nothing was changed.',
    roleAlreadyHeld: 'Nothing to change: they already hold that role.',
    roleNotHeld: 'Nothing to change: they don’t hold that role.',
    noChange: 'Nothing to change.',
    title: 'Not done',
  },
  parse: {
    empty: 'Type a command, for example “help”.',
    tooLong: (max: number) => `That message is too long: I read at most ${max} characters.`,
    unknown: (word: string) => `I don't know “${word}”. Type “help” to see what I can do.`,
    unknownSuggest: (word: string, suggestion: string) => `I don't know “${word}”. Did you mean “${suggestion}”?`,
    missingArgument: (example: string) => `That needs a little more, for example: ${example}`,
    badRole: (text: string, roles: string) => `I didn't find a role at the end of “${text}”. Roles: ${roles}.`,
    badCard: 'That button is out of date or its data is not valid. Nothing was changed: start again from a command.',
    title: 'I didn’t understand',
  },
  discarded: { title: 'Cancelled', body: 'Nothing was changed.' },
  turnError: {
    title: 'Something went wrong on our side',
    body: 'Your message could not be completed, and nothing was changed by it. Please try again; if it keeps happening, give this reference to your administrator:',
  },
} as const;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : T extends object
      ? { [K in keyof T]: Widen<T[K]> }
      : T;

export type Messages = Widen<typeof en>;

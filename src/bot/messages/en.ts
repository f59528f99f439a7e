/** English replies. ko.ts and zh.ts have the same shape (the compiler checks). */
import type { Action, Role } from '../../domain/shared/roles.js';
import type { Subject } from '../../domain/shared/errors.js';
import type { SubscriptionStatus, BillingCycle, Segment } from '../../domain/shared/model.js';
import type { CommandId } from '../commands.js';
import type { ExternalRefusalReason } from '../../domain/shared/external-refusal.js';

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
    'subscription.licenses': 'change license counts',
    'subscription.autorenew': 'turn auto-renew on or off',
    'subscription.addon': 'buy add-ons',
    'subscription.billing': 'change billing cycles and terms',
    'subscription.upgrade': 'upgrade subscriptions',
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
    licenses: 'Change the license count',
    software: "List a customer's software purchases",
    key: 'Get a product key and download link',
    activity: 'Who viewed keys or downloaded software',
    support: 'Request a refund through support, or list requests',
    invite: 'Invite a customer to a reseller relationship',
    reminders: 'Turn reminders on or off, or get a daily digest',
    billing: 'Change a subscription’s billing cycle or term (effect and price shown first)',
    upgrade: 'Upgrade a subscription, keeping its licences (e.g. E3 to E5)',
    addons: 'List the add-ons of a subscription and buy one for it',
    products:
      'Browse the catalog (for a customer: what it can buy, with Buy buttons); order ORD-… reads one order',
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
    previousPage: 'Previous',
    nextPage: 'Next',
    pageNumber: (page: number) => `Page ${page}`,
    required: 'Fill this in.',
    chooseOne: 'Choose one.',
    notNow: 'Not now',
    productLabel: 'Product',
    acknowledgeLabel: 'I understand',
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
    askNobody: 'Ask a global admin of your organisation to grant you a role.',
    yourId: (id: string) => `They can grant it with: grant ${id} <role>`,
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
    quantity: 'Licenses',
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
    autoRenewAlreadyOn: 'Nothing to change: auto-renew is already on.',
    autoRenewAlreadyOff: 'Nothing to change: auto-renew is already off.',
    samePlan: 'Nothing to change: it is already on that product and billing cycle.',
    sameQuantity: 'Nothing to change: it already has that many licenses.',
    conflict:
      'Someone changed this at the same moment. Nothing was changed by your click: look again and retry.',
    effectChanged: (now: string) =>
      `Nothing was changed: the window closed while you were deciding. What applies now: ${now} Confirm again if you still want to.`,
    cartFull: 'A cart holds at most 10 products: purchase this one and start another.',
    cartStale: 'The cart changed meanwhile; here it is as it stands.',
    badDate: 'Dates are written YYYY-MM-DD, for example 2026-11-01.',
    fromAfterTo: 'The start date must come before the end date.',
    rangeTooLong: 'That period is too long: at most five years.',
    editionNotOffered: 'Choose a version, language and file type that the purchase offers.',
    title: 'Not done',
  },
  parse: {
    empty: 'Type a command, for example “help”.',
    tooLong: (max: number) => `That message is too long: I read at most ${max} characters.`,
    unknown: (word: string) => `I don't know “${word}”. Type “help” to see what I can do.`,
    unknownSuggest: (word: string, suggestion: string) =>
      `I don't know “${word}”. Did you mean “${suggestion}”?`,
    whichCustomer: (example: string) =>
      `Which customer? Say the command with the customer’s name, domain or tenant id, for example: ${example}`,
    missingArgument: (example: string) => `That needs a little more, for example: ${example}`,
    badRole: (text: string, roles: string) =>
      `I didn't find a role at the end of “${text}”. Roles: ${roles}.`,
    badQuantity: (text: string) => `“${text}” is not a license count: use a whole number from 1 up.`,
    badCard:
      'That button is out of date or its data is not valid. Nothing was changed: start again from a command.',
    title: 'I didn’t understand',
  },
  discarded: { title: 'Cancelled', body: 'Nothing was changed.' },
  cart: {
    title: (customer: string) => `Review the order for ${customer}`,
    product: 'Product',
    quantity: 'Licenses',
    cycle: 'Billing cycle',
    unitPrice: (price: string, cycle: string) => `${price} per license, ${cycle.toLowerCase()}`,
    lineTotal: 'Line total',
    total: 'Total',
    taxIncluded: (country: string) => `Prices include tax (customer billed in ${country}).`,
    taxExcluded: 'Prices exclude tax.',
    trial: (days: number) =>
      `Starts with a ${days}-day free trial that cannot be skipped; then it converts to paid and renews automatically on the same schedule.`,
    isvSetup:
      'After purchase you get the publisher’s set-up link for the customer (the customer is not e-mailed).',
    autoRenew: 'New subscriptions renew automatically unless you turn auto-renew off.',
    perpetual: 'Perpetual licences are bought once: they do not renew and have no auto-renew.',
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
    /** In place of a subscription id Partner Center has not given yet. */
    provisioning: 'subscription being set up at Partner Center (see “subscriptions” shortly)',
    trialUntil: (date: string) => `free trial until ${date}, then paid`,
    renews: (date: string) => `renews ${date}`,
    perpetual: 'perpetual licence, does not renew',
    oneTime: 'one-time purchase',
    setup: (product: string) => `Set up ${product} for the customer`,
  },
  change: {
    suspendTitle: 'Suspend this subscription?',
    reactivateTitle: 'Reactivate this subscription?',
    autoRenewTitle: (on: boolean) => (on ? 'Turn auto-renew on?' : 'Turn auto-renew off?'),
    licensesTitle: 'Change the license count?',
    subscription: 'Subscription',
    customer: 'Customer',
    status: 'Status',
    licenses: 'Licenses',
    suspendLosesAccess: 'The customer’s users can no longer sign in to it.',
    suspendDataDeleted: (date: string, days: number) =>
      `Its data will be deleted on ${date} (after ${days} days) unless it is reactivated before then.`,
    suspendStillBilled: 'New commerce: it is still billed while suspended, and auto-renew is turned off.',
    reactivateRestores: 'Users get access again with their data.',
    reactivatedRestored: 'Users have access again, with their data.',
    reactivateDeadline: (date: string) => `It can be reactivated until ${date}.`,
    autoRenewOn: (date: string) => `It will renew on ${date}.`,
    autoRenewOnWithdraws: 'The cancellation scheduled at renewal is withdrawn.',
    autoRenewOff: (date: string) => `It will end on ${date} instead of renewing.`,
    licensesFromTo: (from: number, to: number) => `From ${from} to ${to} licenses.`,
    licensesCharge: (delta: string) => `Charge per term changes by ${delta}.`,
    suspended: 'Subscription suspended',
    reactivated: 'Subscription reactivated',
    autoRenewChanged: (on: boolean) => (on ? 'Auto-renew is on' : 'Auto-renew is off'),
    licensesChanged: (n: number) => `Now ${n} licenses`,
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
  software: {
    listTitle: (customer: string) => `Software purchases of ${customer}`,
    empty: 'This customer has no software purchases.',
    placed: 'Placed',
    quantity: 'Quantity',
    keyStatus: 'Product key',
    keysIssued: (n: number) => (n === 1 ? '1 key issued' : `${n} keys issued`),
    noKey: 'none issued',
    cancelledNoKey: (date: string, credit: string) => `cancelled on ${date} (credit ${credit}); no key`,
    getKey: 'Get key',
    cancelOrder: 'Cancel order…',
    chooserTitle: (product: string) => `Product key and download: ${product}`,
    chooserPrompt: (customer: string, orderId: string) =>
      `For ${customer}, order ${orderId}. Choose what to download.`,
    version: 'Version',
    language: 'Language',
    fileType: 'File type / OS',
    bitness: 'Bitness',
    getKeyAndLink: 'Get key and link',
    keyTitle: (product: string) => `Product key: ${product}`,
    keyLabel: 'Product key',
    download: 'Download',
    edition: (version: string, language: string, variant: string) => `${version} · ${language} · ${variant}`,
    linkRules: (date: string, left: number) =>
      `The link works until ${date} or for ${left} more downloads, whichever comes first. Ask again for a new link at any time.`,
    privateNote: 'Only you can see this. Don’t paste the key or link into a channel.',
    sentPrivately:
      'I sent it to you in our private chat: product keys and download links are never shown here.',
    openChatFirst:
      'Product keys and download links are sent only in a private chat, and we don’t have one yet. Open a chat with me (select my name, then Chat), say hello, and ask again there.',
    openChat: 'Open our one-to-one chat',
    privateTitle: 'Sent privately',
    cancelTitle: 'Cancel this software purchase?',
    cancelSummary: (product: string, customer: string) => `${product} for ${customer}`,
    order: 'Order',
    daysLeft: (left: string, date: string) => `${left} left to cancel (until ${date}).`,
    creditFull: (credit: string) =>
      `Credit on the next monthly invoice: ${credit} (100%), no early termination fee.`,
    creditProrated: (credit: string) =>
      `Credit on the next monthly invoice: ${credit} (prorated for the unused days of the term).`,
    revokes: (keys: number) =>
      `Every product key (${keys} active) and download link of this order stops working at once.`,
    stillListed: 'The item stays in the customer’s software list, without a key.',
    acknowledge:
      'I understand: the keys stop working, the customer loses the software, and this cannot be undone.',
    confirmCancel: 'Cancel the order',
    keep: 'Keep it',
    cancelledTitle: (orderId: string) => `Order ${orderId} cancelled`,
    cancelledCredit: (credit: string) => `Credit on the next monthly invoice: ${credit}.`,
    revoked: (keys: number, links: number) => `Revoked ${keys} product key(s) and ${links} download link(s).`,
    /** R-SWC-8: the change can take up to 15 minutes to show in the dashboard. */
    dashboardDelay: 'It can take up to 15 minutes to appear in the Partner Center dashboard.',
    cancellation: 'Cancellation',
    notCancellable: 'Cannot be cancelled or exchanged (SUSE and Red Hat plans).',
    supportButton: 'Request a refund through support',
  },
  activity: {
    title: 'Key and download activity',
    range: (from: string, to: string) => `${from} to ${to}`,
    forCustomer: (customer: string) => `Customer: ${customer}`,
    empty: 'Nobody viewed a key or downloaded software in this period.',
    keyView: 'Viewed a product key',
    download: 'Downloaded',
    who: 'Who',
    customer: 'Customer',
    product: 'Product',
    order: 'Order',
    page: (page: number, pages: number, total: number) => `Page ${page} of ${pages} · ${total} events`,
    previous: 'Previous',
    next: 'Next',
    export: 'Export CSV',
    exportTitle: 'Activity export ready',
    exportBody: (time: string) =>
      `Download the CSV (valid until ${time}, and only while you hold an activity-log role; anyone with the link can use it, so don't share it):`,
    exportLink: 'Download CSV',
  },
  support: {
    formTitle: 'Refund support request',
    formIntro:
      'Problem type: CSP purchase/refund on behalf of customers. Check the details, complete the rest, and submit.',
    customer: 'Customer',
    tenant: 'Tenant id / domain',
    order: 'Order',
    subscription: 'Subscription',
    amount: 'Amount requested',
    refundable: 'Refundable (charged less credited)',
    amountError: (max: string) => `Enter an amount above 0 and at most ${max}.`,
    reason: 'Refund reason',
    reasonPlaceholder: 'Why the customer should be refunded',
    impact: 'Impact',
    impacts: { low: 'Low', moderate: 'Moderate', high: 'High', critical: 'Critical' } as Record<
      string,
      string
    >,
    title: 'Title',
    contactName: 'Contact name',
    contactEmail: 'Contact e-mail',
    contactPhone: 'Contact phone',
    submit: 'Submit request',
    invalidField: (field: string) => `Please check the ${field} and submit again.`,
    doneTitle: (reference: string) => `Support request ${reference} recorded`,
    doneBody: 'Keep this reference. The description sent with it:',
    listTitle: 'Support requests',
    empty: 'No support requests yet.',
    created: 'Created',
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
    quantity: (f: Facts) => `The license count must be a whole number from 1 to ${f.max}.`,
    'data-deleted': (f: Facts) =>
      `It can no longer be reactivated: its data was deleted on ${f.dataDeletedAt}.`,
    'not-cancellable-nce': (f: Facts) =>
      `New commerce: the 7-day cancellation window closed on ${f.closedAt}. You can turn auto-renew off so it ends on ${f.renewsAt}.`,
    'cancel-already-scheduled': (f: Facts) => `A cancellation is already scheduled for ${f.cancelAt}.`,
    'software-use-cancel-order': () =>
      'Software purchases are cancelled by order: use “cancel order <order id>”.',
    'license-decrease-window': (f: Facts) =>
      `New commerce: only licenses added in the last 7 days can be removed, so the count cannot go below ${f.floor} now.`,
    'customer-not-active': (f: Facts) => `${f.customer} is not yet a customer we can provision for.`,
    reactivateInstead: 'Reactivate instead',
    'software-own-order': (f: Facts) =>
      `${f.product} is software: buy it in an order of its own (a separate cart).`,
    'no-key': (f: Facts) => `${f.product} has no product key or download.`,
    'already-credited': (f: Facts) =>
      `${f.ref} has nothing left to refund: of ${f.charged} ${f.currency} charged, ${f.credited} ${f.currency} was already credited. A support request would only be refused; nothing was drafted.`,
    'support-request-only': (f: Facts) =>
      `${f.product} purchases cannot be cancelled here: a refund goes through a support request (order ${f.orderId}).`,
    'not-cancellable': (f: Facts) => `${f.product} cannot be cancelled or exchanged.`,
    'cancel-window-passed': (f: Facts) =>
      `The ${f.days}-day cancellation window for order ${f.orderId} closed on ${f.closedAt}: it can no longer be cancelled here. A refund can still be requested through support.`,
    'acknowledgement-required': () => 'Please tick the acknowledgement before cancelling.',
    'already-reseller': (f: Facts) => `We are already ${f.customer}'s reseller: there is nothing to invite.`,
    'region-mismatch': (f: Facts) =>
      `${f.customer}'s tenant is in the ${f.customerRegion} region and we are in ${f.partnerRegion}: a reseller relationship needs the same region.`,
    'addon-not-for-base': (f: Facts) => `${f.product} is not an add-on of ${f.base}.`,
    'addon-base-not-active': (f: Facts) =>
      `Add-ons are bought only for an active subscription that is not ending, and ${f.base} (${f.subscriptionId}) is not.`,
    'addon-exceeds-base': (f: Facts) =>
      `An add-on cannot have more licences than its base: ${f.base} has ${f.baseQuantity}, so at most ${f.max} more ${f.product} licence(s) can be added.`,
    'backend-has-no-endpoint': () =>
      'Partner Center’s documented API has no endpoint for this change, so the bot cannot make it in partner-center mode. Nothing was changed: make it in the Partner Center dashboard.',
    'upgrade-not-offered': (f: Facts) =>
      `${f.product} cannot be upgraded to ${f.target}: it is not one of its upgrade paths on ${f.cycle} billing for this customer.`,
    'change-needs-active': () =>
      'Only an active subscription that is not already ending can be changed this way.',
    'term-not-offered': (f: Facts) => `${f.product} is not offered on that billing cycle or term.`,
    'no-upgrade-path': (f: Facts) =>
      `${f.product} has no upgrade this customer can buy on its billing cycle.`,
    'base-below-addons': (f: Facts) =>
      `${f.count} licence(s) of the add-on ${f.addOn} are attached: the base cannot have fewer. Reduce or cancel the add-on first.`,
    'addon-blocks-change': (f: Facts) =>
      `${f.addOn} is attached to this subscription and cannot follow it to ${f.target}: cancel the add-on first.`,
  },
  downloadPage: {
    title: 'This download link no longer works',
    unknown: 'This link is not valid. Check that it was copied whole.',
    expired: 'This link has expired: links work for 14 days.',
    'used-up': 'This link has been used 50 times, its limit.',
    revoked:
      'This link was revoked because its order was cancelled: the product key and every download link of a cancelled order stop working, and no new link can be issued for it.',
    revokedNext:
      'If the customer still needs this software, buy it again for them in Teams (“buy 1 <product> for <customer>”) and get the new order’s key; if the cancellation was a mistake, open a support request for the order.',
    readyTitle: 'Your download is ready',
    readyBody: (left: number) =>
      `Press Download to start it. Each press counts as one of this link’s downloads (${left} left); opening this page does not.`,
    downloadButton: 'Download',
    howToGetNew: 'To get a new link, ask the bot in Teams again: “key <product> for <customer>”.',
    exportGone: 'This export link is not valid any more (links last 15 minutes). Ask the bot again.',
  },
  relationship: {
    title: (customer: string) => `Reseller relationship invitation: ${customer}`,
    again: 'An invitation is already waiting for this customer; here it is again.',
    link: 'Invitation link',
    open: 'Open the invitation link',
    messageFor: (language: string) => `Message for the customer (${language}), ready to copy:`,
    status: 'Waiting for the customer to accept. I will tell you here when they do.',
    /** R-REL-3: provision the same offers, let the old subscriptions expire. */
    adviceTitle: 'When they accept:',
    adviceSameOffers:
      'Provision the same offers the customer already has: nothing is reassigned and no data is lost.',
    adviceLetExpire:
      'Let their old subscriptions run to their natural expiry: cancelled ones are not refunded.',
    acceptedTitle: (customer: string) => `${customer} accepted the reseller relationship`,
    acceptedBody: 'You can now buy and manage subscriptions for this customer.',
  },
  reminders: {
    title: 'Reminder',
    digestTitle: (n: number) => `Your reminders (${n})`,
    'cancel-window-24h': (f: Facts, left: string) =>
      `Less than 24 hours (${left}) left to cancel ${f.product} for ${f.customer} on the current terms.`,
    'cancel-window-2h': (f: Facts, left: string) =>
      `Only ${left} left to cancel ${f.product} for ${f.customer} on the current terms.`,
    'trial-ends-3d': (f: Facts, left: string) =>
      `The free trial of ${f.product} for ${f.customer} converts to paid in ${left}.`,
    'data-deletion-7d': (f: Facts, left: string) =>
      `${f.product} for ${f.customer} is suspended: its data is deleted in ${left} unless it is reactivated.`,
    'link-expires-1d': (f: Facts, left: string) =>
      `Your download link for ${f.product} (${f.customer}) expires in ${left}.`,
    'cancellation-1d': (f: Facts, left: string) =>
      `${f.product} for ${f.customer} is cancelled in ${left}, at its renewal.`,
    'subscription-changed': (f: Facts) =>
      `Partner Center changed ${f.product} for ${f.customer}, which you last acted on: status ${f.fromStatus} → ${f.toStatus}, seats ${f.fromQuantity} → ${f.toQuantity}.`,
    at: (time: string) => `At ${time}.`,
    review: 'Cancel…',
    reactivate: 'Reactivate',
    newLink: 'Get a new link',
    keep: 'Keep it (auto-renew on)',
    settings: 'Reminders',
    on: 'Reminders are on: I message you about windows closing, trials converting, data deletion, expiring links and scheduled cancellations.',
    off: 'Reminders are off. Type “reminders on” to turn them back on.',
    digestOn: 'Daily digest is on: reminders wait for 09:00 in your time zone and come in one card.',
    digestOff: 'Reminders come as they fall due.',
    needChat: 'I can only send reminders in our private chat: open a chat with me and say hello.',
  },
  /** A turn that takes longer than Teams waits: answered at once, the card updated when done. */
  working: {
    title: 'Working on it',
    body: 'Partner Center is taking a while to answer. I will replace this card with the result as soon as it comes; there is no need to press again.',
  },
  tenant: {
    notAllowed: 'Sorry, this assistant is only for the staff of the partner organisation that runs it.',
  },
  turnError: {
    title: 'Something went wrong on our side',
    body: 'Your message could not be completed, and nothing was changed by it. Please try again; if it keeps happening, give this reference to your administrator:',
  },
  partnerCenter: {
    /** Why Partner Center refused, and what to do next. Nothing was changed in either place. */
    refusals: {
      'window-passed':
        'Partner Center refused: the window for this change has closed, so nothing was changed. The subscription stays as it is until its term ends; turn auto-renew off to stop it renewing.',
      'seat-reduction-not-allowed':
        'Partner Center refused: licenses can no longer be reduced on this subscription (the reduction window has passed), so nothing was changed. Turn auto-renew off or lower the count at renewal.',
      'subscription-suspended':
        'Partner Center refused: the subscription is suspended there, so nothing was changed. Reactivate it first, then try again.',
      'subscription-deleted':
        'Partner Center refused: the subscription is already cancelled there, so nothing was changed. Look at the customer’s subscriptions again to see its state.',
      stale:
        'Someone changed this subscription in Partner Center at the same moment, so nothing was changed. Look at it again and press once more.',
      'renewal-in-progress':
        'Partner Center is renewing this subscription right now and refused the change, so nothing was changed. Try again in a few minutes.',
      'pending-operation':
        'Partner Center is still processing another change to this subscription, so nothing was changed. Try again in a few minutes.',
      'credit-limit':
        'Partner Center refused: the order would exceed the partner’s credit limit, so nothing was ordered. Ask your billing admin to raise the limit or settle open invoices.',
      'risk-check':
        'Partner Center refused the order after a risk check, so nothing was ordered. Ask your account admin to contact Partner Center support.',
      'quantity-invalid':
        'Partner Center refused the quantity (outside what this offer allows), so nothing was changed. Choose another quantity.',
      'not-cancellable':
        'Partner Center says this cannot be cancelled this way, so nothing was changed. File a support request if the customer needs a refund.',
      'not-found':
        'Partner Center does not know this item (any more), so nothing was changed. Look it up again.',
      forbidden:
        'Partner Center does not allow this partner account to do that for this customer, so nothing was changed. Ask your account admin to check the partner’s roles and the customer relationship.',
      auth: 'The bot could not sign in to Partner Center, so nothing was changed. Your administrator has to renew the bot’s Partner Center credentials.',
      throttled: (seconds: string) =>
        `Partner Center asked the bot to slow down, so nothing was changed. Try again in ${seconds}.`,
      unavailable:
        'Partner Center did not answer in time, so nothing was confirmed. Press again in a minute: the same request is sent, so nothing happens twice.',
      'invalid-request':
        'Partner Center refused the request as invalid, so nothing was changed. Your administrator can find the details in the audit log.',
      unknown:
        'Partner Center refused for a reason the bot does not know, so nothing was changed. Your administrator can find its code in the audit log.',
    } satisfies Record<ExternalRefusalReason, string | ((seconds: string) => string)>,
    /** Refusal code suffix, for whoever asks the administrator. */
    code: (code: string) => `Partner Center code ${code}.`,
    aMoment: 'a moment',
    seconds: (n: number) => `${n} seconds`,
    /** Where the facts on a card come from. */
    sourceLabel: 'Source',
    partnerCenterAgo: (ago: string) => `Partner Center, ${ago}`,
    botRecord: 'the bot’s own record',
    justNow: 'just now',
    minutesAgo: (n: number) => `${n} min ago`,
    hoursAgo: (n: number) => `${n} h ago`,
    daysAgo: (n: number) => `${n} d ago`,
    /** When Partner Center's own window differs from the bot's rule (R-PC-4). */
    windowDiffers: (pc: string, rule: string) =>
      `Partner Center’s own window (${pc}) differs from the bot’s rule (${rule}); Partner Center’s applies.`,
    refundableQuantity: (n: number) =>
      `Partner Center allows removing at most ${n} license(s) now; that limit applies.`,
    /** R-PC-10: the catalog item a cart line buys. */
    catalogItem: (id: string) => `Partner Center catalog item: ${id}`,
    /** R-PC-14: software keys and download links (no documented API). */
    keyInDashboard: (url: string) =>
      `Partner Center has no documented API that gives product keys or download links, so the bot cannot show them. Open the order in the Partner Center dashboard: ${url}`,
    /** R-PC-16: the source of an activity row. */
    activityFromPartnerCenter: 'Partner Center audit (the app account)',
    activityFromBot: 'the bot’s own audit (the staff member)',
    entitlementsTitle: (customer: string) => `Software entitlements at Partner Center: ${customer}`,
    noEntitlements: 'Partner Center lists no software entitlements for this customer.',
    entitlementQuantity: 'Quantity',
    entitlementExpires: 'Expires',
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

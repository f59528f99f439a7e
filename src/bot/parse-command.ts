/**
 * Typed chat text → a command. Every command word of every language is accepted whatever the locale;
 * Korean and Chinese words need no space before their argument.
 */
import { z } from 'zod';
import { editDistance } from '../domain/shared/fuzzy.js';
import { RoleSchema, ROLES, type Role } from '../domain/shared/roles.js';
import { err, ok, type Result } from '../domain/shared/result.js';
import { COMMANDS, LOCALES, type CommandId } from './commands.js';
import { BillingCycleSchema } from '../domain/shared/model.js';
import {
  parseActivityArguments,
  parseAutoRenewArguments,
  parseBuyArguments,
  parseLicenseArguments,
  parseProductForCustomer,
  splitCancelReason,
} from './parse-arguments.js';
import {
  ORDER_REF,
  parseBillingArguments,
  parseProductsArguments,
  parseUpgradeArguments,
} from './parse-dashboard.js';
import { BrowseProductsSchema } from '../domain/catalog/browse-products.js';

export const MAX_TEXT_LENGTH = 1_000;

export const CommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('help') }),
  z.object({ kind: z.literal('whoami') }),
  z.object({ kind: z.literal('customers'), query: z.string().min(1).max(200) }),
  z.object({
    kind: z.literal('subscriptions'),
    customer: z.string().min(1).max(200),
    /** A card's Previous/Next; typed commands show the first page. */
    page: z.number().int().min(0).max(100_000).optional(),
  }),
  z.object({
    kind: z.literal('orders'),
    customer: z.string().min(1).max(200),
    page: z.number().int().min(0).max(100_000).optional(),
  }),
  z.object({ kind: z.literal('staff') }),
  z.object({ kind: z.literal('grant'), person: z.string().min(1).max(200), role: RoleSchema }),
  z.object({ kind: z.literal('revoke'), person: z.string().min(1).max(200), role: RoleSchema }),
  z.object({
    kind: z.literal('buy'),
    customer: z.string().min(1).max(200),
    product: z.string().min(1).max(200),
    quantity: z.number().int().optional(),
    billingCycle: BillingCycleSchema.optional(),
  }),
  z.object({ kind: z.literal('suspend'), subscription: z.string().min(1).max(300) }),
  z.object({ kind: z.literal('reactivate'), subscription: z.string().min(1).max(300) }),
  z.object({
    kind: z.literal('cancel'),
    subscription: z.string().min(1).max(300),
    reason: z.string().max(500).optional(),
  }),
  z.object({
    kind: z.literal('autorenew'),
    subscription: z.string().min(1).max(300),
    autoRenew: z.boolean(),
  }),
  z.object({
    kind: z.literal('licenses'),
    subscription: z.string().min(1).max(300),
    quantity: z.number().int(),
  }),
  z.object({ kind: z.literal('software'), customer: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('key'), product: z.string().max(200), customer: z.string().max(200) }),
  z.object({ kind: z.literal('cancel-order'), product: z.string().max(200), customer: z.string().max(200) }),
  z.object({
    kind: z.literal('activity'),
    from: z.string().max(20).optional(),
    to: z.string().max(20).optional(),
    customer: z.string().max(200).optional(),
  }),
  z.object({ kind: z.literal('support'), ref: z.string().max(200) }),
  z.object({ kind: z.literal('support-list') }),
  z.object({ kind: z.literal('invite'), customer: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('reminders'), enabled: z.boolean().optional(), digest: z.boolean().optional() }),
  z.object({ kind: z.literal('order'), order: z.string().min(1).max(60) }),
  z.object({ kind: z.literal('addons'), subscription: z.string().min(1).max(300) }),
  z.object({
    kind: z.literal('billing'),
    subscription: z.string().min(1).max(300),
    billingCycle: BillingCycleSchema,
  }),
  z.object({
    kind: z.literal('upgrade'),
    subscription: z.string().min(1).max(300),
    product: z.string().min(1).max(200).optional(),
  }),
  BrowseProductsSchema.extend({ kind: z.literal('products') }),
]);
export type Command = z.infer<typeof CommandSchema>;

export type ParseError =
  | { readonly kind: 'empty' }
  | { readonly kind: 'too-long'; readonly max: number }
  | { readonly kind: 'unknown-command'; readonly word: string; readonly suggestion?: CommandId }
  | { readonly kind: 'missing-argument'; readonly command: CommandId }
  | { readonly kind: 'bad-role'; readonly command: CommandId; readonly text: string }
  | { readonly kind: 'bad-quantity'; readonly command: CommandId; readonly text: string };

const ENTITIES: Record<string, string> = {
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

/** Removes the bot's @mention, Teams' HTML wrapping and extra spaces. */
export function cleanText(raw: string): string {
  return raw
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

const isCjk = (word: string) => /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(word);

const WORDS: ReadonlyArray<{ word: string; id: CommandId }> = COMMANDS.flatMap((spec) =>
  LOCALES.flatMap((locale) => spec.words[locale].map((word) => ({ word: word.toLowerCase(), id: spec.id }))),
).sort((a, b) => b.word.length - a.word.length);

function splitCommandWord(text: string): { id: CommandId; rest: string } | undefined {
  const lower = text.toLowerCase();
  for (const { word, id } of WORDS) {
    if (lower === word) return { id, rest: '' };
    if (lower.startsWith(`${word} `)) return { id, rest: text.slice(word.length + 1).trim() };
    if (isCjk(word) && lower.startsWith(word)) return { id, rest: text.slice(word.length).trim() };
  }
  // Korean puts the verb last: "contoso E3 일시중단".
  for (const { word, id } of WORDS) {
    if (isCjk(word) && lower.endsWith(word) && lower.length > word.length) {
      return { id, rest: text.slice(0, text.length - word.length).trim() };
    }
  }
  return undefined;
}

function suggest(word: string): CommandId | undefined {
  let best: { id: CommandId; distance: number } | undefined;
  for (const candidate of WORDS) {
    const distance = editDistance(word.toLowerCase(), candidate.word, 2);
    if (distance <= 2 && (!best || distance < best.distance)) best = { id: candidate.id, distance };
  }
  return best?.id;
}

/** Splits "Nora Jung admin-agent" (or "admin agent") into the person and the role at the end. */
export function splitPersonAndRole(rest: string): { person: string; role: Role } | undefined {
  const lower = rest.toLowerCase();
  for (const role of [...ROLES].sort((a, b) => b.length - a.length)) {
    for (const form of [role, role.replace(/-/g, ' ')]) {
      if (lower === form || lower.endsWith(` ${form}`)) {
        const person = rest.slice(0, rest.length - form.length).trim();
        if (person) return { person, role };
      }
    }
  }
  return undefined;
}

export function parseCommand(raw: string | undefined | null): Result<Command, ParseError> {
  if (typeof raw === 'string' && raw.length > MAX_TEXT_LENGTH * 4)
    return err({ kind: 'too-long', max: MAX_TEXT_LENGTH });
  const text = cleanText(raw ?? '');
  if (!text) return err({ kind: 'empty' });
  if (text.length > MAX_TEXT_LENGTH) return err({ kind: 'too-long', max: MAX_TEXT_LENGTH });
  const split = splitCommandWord(text);
  if (!split) {
    const word = text.split(' ')[0] ?? text;
    const suggestion = suggest(word);
    return err(
      suggestion ? { kind: 'unknown-command', word, suggestion } : { kind: 'unknown-command', word },
    );
  }
  const { id, rest } = split;
  switch (id) {
    case 'help':
    case 'whoami':
    case 'staff':
      return ok({ kind: id });
    case 'customers':
      return rest
        ? ok({ kind: id, query: rest.slice(0, 200) })
        : err({ kind: 'missing-argument', command: id });
    case 'orders':
      // `order ORD-…` reads one order; any other text names a customer whose orders are listed.
      if (ORDER_REF.test(rest)) return ok({ kind: 'order', order: rest.toUpperCase() });
      return rest
        ? ok({ kind: id, customer: rest.slice(0, 200) })
        : err({ kind: 'missing-argument', command: id });
    case 'products':
      return ok({ kind: id, ...parseProductsArguments(rest) });
    case 'billing': {
      const args = parseBillingArguments(rest);
      return args ? ok({ kind: id, ...args }) : err({ kind: 'missing-argument', command: id });
    }
    case 'upgrade': {
      const args = parseUpgradeArguments(rest);
      return args ? ok({ kind: id, ...args }) : err({ kind: 'missing-argument', command: id });
    }
    case 'addons':
      return rest
        ? ok({ kind: id, subscription: rest.slice(0, 300) })
        : err({ kind: 'missing-argument', command: id });
    case 'subscriptions':
      return rest
        ? ok({ kind: id, customer: rest.slice(0, 200) })
        : err({ kind: 'missing-argument', command: id });
    case 'grant':
    case 'revoke': {
      if (!rest) return err({ kind: 'missing-argument', command: id });
      const parts = splitPersonAndRole(rest);
      return parts ? ok({ kind: id, ...parts }) : err({ kind: 'bad-role', command: id, text: rest });
    }
    case 'buy': {
      const args = rest ? parseBuyArguments(rest) : undefined;
      if (!args) return err({ kind: 'missing-argument', command: id });
      if (args.badQuantity) return err({ kind: 'bad-quantity', command: id, text: args.badQuantity });
      const { badQuantity: _ignored, ...command } = args;
      return ok({ kind: id, ...command });
    }
    case 'suspend':
    case 'reactivate':
      return rest
        ? ok({ kind: id, subscription: rest.slice(0, 300) })
        : err({ kind: 'missing-argument', command: id });
    case 'cancel': {
      if (!rest) return err({ kind: 'missing-argument', command: id });
      const software = /^(?:order|orders|주문|订单|software|소프트웨어|软件)\s*(.*)$/i.exec(rest);
      if (software) {
        const target = parseProductForCustomer(software[1] ?? '');
        return target
          ? ok({ kind: 'cancel-order', ...target })
          : err({ kind: 'missing-argument', command: id });
      }
      const { subscription, reason } = splitCancelReason(rest);
      return ok({
        kind: id,
        subscription: subscription.slice(0, 300),
        ...(reason ? { reason: reason.slice(0, 500) } : {}),
      });
    }
    case 'autorenew': {
      const args = parseAutoRenewArguments(rest);
      return args
        ? ok({ kind: id, ...args, subscription: args.subscription.slice(0, 300) })
        : err({ kind: 'missing-argument', command: id });
    }
    case 'software':
      return rest
        ? ok({ kind: id, customer: rest.slice(0, 200) })
        : err({ kind: 'missing-argument', command: id });
    case 'key': {
      const target = parseProductForCustomer(rest);
      return target ? ok({ kind: id, ...target }) : err({ kind: 'missing-argument', command: id });
    }
    case 'activity':
      return ok({ kind: id, ...parseActivityArguments(rest) });
    case 'support': {
      if (/^requests?$/i.test(rest) || rest === '' || /^(목록|列表|list)$/i.test(rest))
        return ok({ kind: 'support-list' });
      const ref = rest.replace(/^request\s+/i, '').trim();
      return ref ? ok({ kind: id, ref: ref.slice(0, 200) }) : ok({ kind: 'support-list' });
    }
    case 'invite':
      return rest
        ? ok({ kind: id, customer: rest.slice(0, 200) })
        : err({ kind: 'missing-argument', command: id });
    case 'reminders': {
      const on = /(?:^|\s)(on|켜기|켬|开启|开)$/i.test(rest);
      const off = /(?:^|\s)(off|끄기|끔|关闭|关)$/i.test(rest);
      const digest = /^(digest|요약|摘要)/i.test(rest);
      if (digest) return ok({ kind: id, digest: !off });
      if (on || off) return ok({ kind: id, enabled: on });
      return ok({ kind: id });
    }
    case 'licenses': {
      const args = parseLicenseArguments(rest);
      if (!args) return err({ kind: 'missing-argument', command: id });
      if ('badQuantity' in args) return err({ kind: 'bad-quantity', command: id, text: args.badQuantity });
      return ok({ kind: id, subscription: args.subscription.slice(0, 300), quantity: args.quantity });
    }
  }
}

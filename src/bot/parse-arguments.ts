/**
 * The arguments of the subscription commands, in English, Korean and Chinese word orders:
 *   buy 10 Microsoft 365 E3 for contoso monthly · buy Microsoft 365 E3 x10 for contoso
 *   구매 Microsoft 365 E3 10개 고객 contoso 월간 · contoso에 Microsoft 365 E3 10개 구매
 *   购买 10 个 Microsoft 365 E3 给 contoso 按月 · 为 contoso 购买 10 个 Microsoft 365 E3
 */
import type { BillingCycle } from '../domain/shared/model.js';

const CYCLE_WORDS: ReadonlyArray<[RegExp, BillingCycle]> = [
  [/(?:^|\s)(?:monthly|month|per month|월간|매월|월|按月|月付|每月)(?=\s|$)/i, 'monthly'],
  [/(?:^|\s)(?:annual|annually|yearly|year|per year|연간|매년|년|按年|年付|每年)(?=\s|$)/i, 'annual'],
];

/** A quantity with a unit or an x: "10 licenses", "x10", "10개", "10 个", "10席". */
const QUANTITY_WITH_UNIT =
  /(?:^|\s)(?:x\s*(\d{1,7})|(\d{1,7})\s*(?:x|×|licen[cs]es?|seats?|users?|개|명|석|个|份|席位?|套)(?=\s|$|[^\p{L}\d]))/iu;
/** A bare number at the start: "10 Microsoft 365 E3". */
const LEADING_QUANTITY = /^(\d{1,7})\s+(?=\S)/;

export interface BuyArguments {
  readonly customer: string;
  readonly product: string;
  readonly quantity?: number;
  readonly billingCycle?: BillingCycle;
  /** The quantity as typed when it is not a whole number in range (shown back in the refusal). */
  readonly badQuantity?: string;
}

export function parseBuyArguments(raw: string): BuyArguments | undefined {
  let text = ` ${raw.trim()} `;
  let billingCycle: BillingCycle | undefined;
  for (const [pattern, cycle] of CYCLE_WORDS) {
    if (pattern.test(text)) {
      billingCycle = cycle;
      text = text.replace(pattern, ' ');
      break;
    }
  }
  let customer: string | undefined;
  // Each pattern captures the customer and leaves the rest; "for" takes the last one, since product
  // names may contain it ("Relecloud Backup for Microsoft 365 for contoso").
  const patterns: RegExp[] = [
    /^(?<rest>.*)\s+for\s+(?<customer>.+?)\s*$/i, // en: … for contoso
    /^(?<rest>.*?)\s+(?:고객|고객사)\s*[:：]?\s*(?<customer>.+?)\s*$/, // ko: … 고객 contoso
    /^\s*(?<customer>\S.*?)(?:에게|에)\s+(?<rest>.*)$/, // ko: contoso에 …
    /^(?<rest>.*?)\s*(?:给|为)\s*(?<customer>\S.*?)\s*$/, // zh: … 给 contoso
    /^\s*(?:给|为)\s*(?<customer>\S+)\s+(?<rest>.*)$/, // zh: 为 contoso …
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match?.groups?.customer?.trim()) {
      customer = match.groups.customer.trim();
      text = ` ${match.groups.rest ?? ''} `;
      break;
    }
  }
  text = text.replace(/\s*(?:구매|구입|购买|订购)\s*$/, ' ').trim();
  let quantity: number | undefined;
  let badQuantity: string | undefined;
  const withUnit = QUANTITY_WITH_UNIT.exec(text);
  if (withUnit) {
    quantity = Number.parseInt(withUnit[1] ?? withUnit[2] ?? '', 10);
    text = text.replace(withUnit[0], ' ');
  } else {
    const leading = LEADING_QUANTITY.exec(text);
    if (leading) {
      quantity = Number.parseInt(leading[1]!, 10);
      text = text.slice(leading[0].length);
    } else {
      const odd = /^(-\d+|\d+[.,]\d+|zero|0)\s+/i.exec(text);
      if (odd) {
        badQuantity = odd[1];
        text = text.slice(odd[0].length);
      }
    }
  }
  const product = text.replace(/\s+/g, ' ').trim();
  if (!customer || !product) return undefined;
  return {
    customer,
    product,
    ...(quantity !== undefined ? { quantity } : {}),
    ...(billingCycle ? { billingCycle } : {}),
    ...(badQuantity ? { badQuantity } : {}),
  };
}

const ON = /(?:^|\s)(on|enable|켜기|켬|开启|开|打开)\s*$/i;
const OFF = /(?:^|\s)(off|disable|끄기|끔|关闭|关)\s*$/i;

export function parseAutoRenewArguments(
  raw: string,
): { subscription: string; autoRenew: boolean } | undefined {
  const text = raw.trim();
  const on = ON.exec(text);
  const off = OFF.exec(text);
  const match = on ?? off;
  if (!match) return undefined;
  const subscription = text.slice(0, text.length - match[0].length).trim();
  return subscription ? { subscription, autoRenew: Boolean(on) } : undefined;
}

export function parseLicenseArguments(
  raw: string,
): { subscription: string; quantity: number } | { subscription: string; badQuantity: string } | undefined {
  const text = raw.trim();
  const match = /\s+(?:to\s+)?(-?\d+(?:[.,]\d+)?)\s*(?:licen[cs]es?|seats?|개|个)?\s*$/i.exec(text);
  if (!match) return undefined;
  const subscription = text.slice(0, text.length - match[0].length).trim();
  if (!subscription) return undefined;
  const value = match[1]!;
  return /^\d{1,7}$/.test(value)
    ? { subscription, quantity: Number.parseInt(value, 10) }
    : { subscription, badQuantity: value };
}

/** "cancel SUB-1 because too expensive": the reason, when given inline. */
export function splitCancelReason(raw: string): { subscription: string; reason?: string } {
  const match = /\s+(?:because|reason[:：]?|사유[:：]?|이유[:：]?|原因[:：]?|因为)\s+(.+)$/i.exec(raw);
  return match
    ? { subscription: raw.slice(0, match.index).trim(), reason: match[1]!.trim() }
    : { subscription: raw.trim() };
}

/**
 * "Office LTSC for fabrikam", "Office LTSC 고객 fabrikam", "Office LTSC 给 fabrikam", or an order id
 * ("ORD-2002") on its own.
 */
export function parseProductForCustomer(raw: string): { product: string; customer: string } | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  if (/^ord-[a-z0-9-]+$/i.test(text)) return { product: text, customer: '' };
  const patterns = [
    /^(?<product>.*)\s+for\s+(?<customer>.+?)$/i,
    /^(?<product>.*?)\s+(?:고객|고객사)\s*[:：]?\s*(?<customer>.+?)$/,
    /^(?<customer>\S.*?)(?:의|에게|에)\s+(?<product>.+)$/,
    /^(?<product>.*?)\s*(?:给|为)\s*(?<customer>\S.*?)$/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match?.groups?.product?.trim() && match.groups.customer?.trim()) {
      return { product: match.groups.product.trim(), customer: match.groups.customer.trim() };
    }
  }
  return undefined;
}

/** "from 2026-11-01 to 2026-11-21 fabrikam" (any order; "부터/까지", "从/到" also work). */
export function parseActivityArguments(raw: string): { from?: string; to?: string; customer?: string } {
  let text = ` ${raw.trim()} `;
  const take = (pattern: RegExp): string | undefined => {
    const match = pattern.exec(text);
    if (!match) return undefined;
    text = text.replace(match[0], ' ');
    return match[1];
  };
  const date = '(\\d{4}-\\d{1,2}-\\d{1,2})';
  const from =
    take(new RegExp(`\\s(?:from|since|从|自)\\s*${date}`, 'i')) ?? take(new RegExp(`\\s${date}\\s*부터`));
  const to =
    take(new RegExp(`\\s(?:to|until|till|到|至)\\s*${date}`, 'i')) ?? take(new RegExp(`\\s${date}\\s*까지`));
  const bare = [...text.matchAll(/\s(\d{4}-\d{1,2}-\d{1,2})(?=\s)/g)].map((m) => m[1]!);
  for (const d of bare) text = text.replace(d, ' ');
  const pad = (d: string | undefined) =>
    d?.replace(
      /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
      (_m, y: string, mo: string, da: string) => `${y}-${mo.padStart(2, '0')}-${da.padStart(2, '0')}`,
    );
  const customer = text.replace(/\s+/g, ' ').trim();
  const fromDay = pad(from ?? bare[0]);
  const toDay = pad(to ?? (from ? bare[0] : bare[1]));
  return {
    ...(fromDay ? { from: fromDay } : {}),
    ...(toDay ? { to: toDay } : {}),
    ...(customer ? { customer } : {}),
  };
}

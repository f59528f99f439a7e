/**
 * The arguments of the subscription commands, in English, Korean and Chinese word orders:
 *   buy 10 Microsoft 365 E3 for contoso monthly · buy Microsoft 365 E3 x10 for contoso
 *   구매 Microsoft 365 E3 10개 고객 contoso 월간 · contoso에 Microsoft 365 E3 10개 구매
 *   购买 10 个 Microsoft 365 E3 给 contoso 按月 · 为 contoso 购买 10 个 Microsoft 365 E3
 */
import type { BillingCycle } from '../domain/model.js';

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

export function parseLicenceArguments(
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

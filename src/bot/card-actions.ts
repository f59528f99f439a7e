/**
 * What a card button may send back. A button carries ids and choices only, never authority: the domain
 * checks the presser's own roles when it acts. Each feature owns its part of the verb table
 * (src/bot/features/<capability>/verbs.ts); this file puts the parts together.
 */
import { z } from 'zod';
import { BillingCycleSchema } from '../domain/shared/model.js';
import { CUSTOMER_ACTIONS, CUSTOMER_VERBS } from './features/customers/verbs.js';
import { HELP_ACTIONS, HELP_VERBS } from './features/help/verbs.js';
import { PURCHASE_ACTIONS, PURCHASE_VERBS } from './features/purchase/verbs.js';
import { RELATIONSHIP_ACTIONS, RELATIONSHIP_VERBS } from './features/relationships/verbs.js';
import { SOFTWARE_ACTIONS, SOFTWARE_VERBS } from './features/software/verbs.js';
import { STAFF_ACTIONS, STAFF_VERBS } from './features/staff/verbs.js';
import { SUBSCRIPTION_ACTIONS, SUBSCRIPTION_VERBS } from './features/subscriptions/verbs.js';
import { SUPPORT_ACTIONS, SUPPORT_VERBS } from './features/support/verbs.js';
import { DASHBOARD_ACTIONS, DASHBOARD_VERBS } from './features/dashboard/verbs.js';

export const VERBS = {
  ...HELP_VERBS,
  ...CUSTOMER_VERBS,
  ...STAFF_VERBS,
  ...PURCHASE_VERBS,
  ...SUBSCRIPTION_VERBS,
  ...SOFTWARE_VERBS,
  ...SUPPORT_VERBS,
  ...RELATIONSHIP_VERBS,
  ...DASHBOARD_VERBS,
} as const;

const cartInputs = z.record(z.string(), z.unknown());

/** Every card action, assembled from the features' parts of the verb table. */
export const CardActionSchema = z.discriminatedUnion('verb', [
  ...HELP_ACTIONS,
  ...CUSTOMER_ACTIONS,
  ...STAFF_ACTIONS,
  ...PURCHASE_ACTIONS,
  ...SUBSCRIPTION_ACTIONS,
  ...SOFTWARE_ACTIONS,
  ...SUPPORT_ACTIONS,
  ...RELATIONSHIP_ACTIONS,
  ...DASHBOARD_ACTIONS,
]);

/** The form fields a card sent back, as strings (inputs arrive as strings in Teams and the Emulator). */
export function cardInputs(data: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names)
    if (name in data)
      out[name] = typeof data[name] === 'string' ? (data[name] as string).slice(0, 2000) : data[name];
  return out;
}

/** The license counts and cycles a cart card sends back (`quantity-0`, `cycle-0`, …), if any. */
export function cartLineInputs(
  data: Record<string, unknown>,
): Array<{ quantity: number; billingCycle: 'monthly' | 'annual' }> | 'invalid' | undefined {
  const parsed = cartInputs.safeParse(data);
  if (!parsed.success) return 'invalid';
  const lines: Array<{ quantity: number; billingCycle: 'monthly' | 'annual' }> = [];
  for (let i = 0; `quantity-${i}` in parsed.data || `cycle-${i}` in parsed.data; i++) {
    const quantityText = String(parsed.data[`quantity-${i}`] ?? '').trim();
    const cycle = BillingCycleSchema.safeParse(parsed.data[`cycle-${i}`]);
    if (!/^-?\d{1,9}$/.test(quantityText) || !cycle.success) return 'invalid';
    lines.push({ quantity: Number.parseInt(quantityText, 10), billingCycle: cycle.data });
  }
  return lines.length > 0 ? lines : undefined;
}
export type CardAction = z.infer<typeof CardActionSchema>;

/** Action.Execute puts the verb beside the data; Action.Submit puts it inside. Both end up here. */
export function parseCardAction(verb: unknown, data: unknown) {
  const body =
    data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  return CardActionSchema.safeParse({ ...body, verb: typeof verb === 'string' ? verb : body.verb });
}

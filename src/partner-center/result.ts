/** What every connector operation returns: a value, or Partner Center's refusal as data (never a throw). */
import type { Refusal } from './refusals.js';

export type Result<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const succeed = <T>(value: T): Result<T> => ({ ok: true, value });

export const refuse = <T = never>(refusal: Refusal): Result<T> => ({ ok: false, refusal });

/** The fields card actions share: ids and references as a button may carry them (never authority). */
import { z } from 'zod';
export { PendingIdSchema } from '../domain/confirmations/pending-action.js';

export const id = z.string().min(1).max(100);
export const ref = z.string().min(1).max(300);

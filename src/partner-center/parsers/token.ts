/** Token endpoint answer; `expires_in` and `expires_on` arrive as strings (§4.12). */
import { z } from 'zod';

const numeric = z.union([z.number(), z.string().regex(/^\d+$/)]).transform((value) => Number(value));

export const tokenResponseSchema = z
  .object({
    token_type: z.string().optional(),
    access_token: z.string().min(1),
    refresh_token: z.string().optional(),
    expires_in: numeric.optional(),
    expires_on: numeric.optional(),
    resource: z.string().optional(),
    scope: z.string().optional(),
  })
  .passthrough();

export type TokenResponse = z.infer<typeof tokenResponseSchema>;

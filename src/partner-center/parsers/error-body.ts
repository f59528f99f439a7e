/**
 * Error bodies: the usual `{code, description, data[], source}` (code a number or a string, §4.8) and the
 * throttling body `{statusCode, message}` of a 429.
 */
import { z } from 'zod';

export const errorBodySchema = z
  .object({
    code: z.union([z.number(), z.string()]),
    description: z.string().optional(),
    data: z.array(z.unknown()).optional(),
    source: z.string().optional(),
  })
  .passthrough();

export const throttleBodySchema = z.object({ statusCode: z.number(), message: z.string() }).passthrough();

export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Code and description of any error body; nulls when the body is neither documented shape. */
export const readErrorBody = (body: unknown): { code: string | null; description: string | null } => {
  const error = errorBodySchema.safeParse(body);
  if (error.success) return { code: String(error.data.code), description: error.data.description ?? null };
  const throttle = throttleBodySchema.safeParse(body);
  if (throttle.success) return { code: null, description: throttle.data.message };
  return { code: null, description: null };
};

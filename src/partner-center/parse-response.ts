/**
 * Parses a response body at the boundary. A body that does not match the contract is Partner Center's
 * doing, not a bug of ours: it comes back as an `unknown` refusal, with zod's path list for the audit.
 */
import type { z } from 'zod';
import type { PipelineResponse } from './http-pipeline.js';
import { toRefusal } from './refusals.js';
import { refuse, succeed, type Result } from './result.js';

export const parseResponseBody = <T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  response: PipelineResponse,
): Result<T> => {
  const parsed = schema.safeParse(response.body);
  if (parsed.success) return succeed(parsed.data);
  const paths = parsed.error.issues
    .slice(0, 5)
    .map((issue) => issue.path.join('.') || '(root)')
    .join(', ');
  return refuse(
    toRefusal({
      code: 'invalid-response',
      httpStatus: response.status,
      description: `Partner Center answered a body the connector cannot read (at ${paths}).`,
    }),
  );
};

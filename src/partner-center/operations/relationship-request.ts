/** The reseller relationship invitation link (App+User only). */
import type { OperationContext } from '../http-pipeline.js';
import { parseResponseBody } from '../parse-response.js';
import { relationshipRequestSchema } from '../parsers/relationship-request.js';
import { succeed, type Result } from '../result.js';
import type { OperationDeps } from './operation-deps.js';

export const getRelationshipRequestUrl = async (
  deps: OperationDeps,
  context?: OperationContext,
): Promise<Result<string>> => {
  const answer = await deps.pipeline.send(
    {
      method: 'GET',
      uri: '/customers/relationshiprequests',
      auth: deps.authFor('AU'),
      resourceKey: 'customers',
    },
    context,
  );
  if (!answer.ok) return answer;
  const parsed = parseResponseBody(relationshipRequestSchema, answer.value);
  return parsed.ok ? succeed(parsed.value.url) : parsed;
};

/**
 * Collects a collection across pages: follows `links.next` (its uri, method and headers, notably
 * MS-ContinuationToken) until there is none or `max` items are in hand.
 */
import type { z } from 'zod';
import type { Link } from './parsers/link.js';
import type { OperationContext, Pipeline, PipelineRequest } from './http-pipeline.js';
import { parseResponseBody } from './parse-response.js';
import { succeed, type Result } from './result.js';

type CollectionShape<T> = { items: T[]; links?: { next?: Link | null } };

export const collectPages = async <T>(
  pipeline: Pipeline,
  first: PipelineRequest,
  schema: z.ZodType<CollectionShape<T>, z.ZodTypeDef, unknown>,
  max: number,
  context: OperationContext = {},
): Promise<Result<T[]>> => {
  const items: T[] = [];
  let request: PipelineRequest | null = first;
  // The caller's request id names the first page; each later page is a new logical call.
  let requestId = context.requestId ?? pipeline.newId();
  while (request && items.length < max) {
    const answer = await pipeline.send(request, { ...context, requestId });
    requestId = pipeline.newId();
    if (!answer.ok) return answer;
    const page = parseResponseBody(schema, answer.value);
    if (!page.ok) return page;
    items.push(...page.value.items);
    const next: Link | null | undefined = page.value.links?.next;
    request = next
      ? {
          method: (next.method?.toUpperCase() ?? 'GET') as PipelineRequest['method'],
          uri: next.uri,
          auth: first.auth,
          resourceKey: first.resourceKey,
          headers: Object.fromEntries((next.headers ?? []).map((header) => [header.key, header.value])),
        }
      : null;
  }
  return succeed(items.slice(0, max));
};

/** Resource links and collections (utility-resources.md): `{uri, method, headers:[{key, value}]}`. */
import { z } from 'zod';

export const linkSchema = z
  .object({
    uri: z.string(),
    method: z.string().optional(),
    headers: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
  })
  .passthrough();

export type Link = z.infer<typeof linkSchema>;

export const linksSchema = z.record(z.string(), linkSchema.nullable().optional());

export const attributesSchema = z
  .object({ objectType: z.string().optional(), etag: z.string().optional() })
  .passthrough();

/** A collection of items; `links` and `totalCount` are optional since several documented examples omit them. */
export const collectionSchema = <T extends z.ZodTypeAny>(item: T) =>
  z
    .object({
      totalCount: z.number().optional(),
      items: z.array(item),
      links: z
        .object({ self: linkSchema.optional(), next: linkSchema.optional(), previous: linkSchema.optional() })
        .passthrough()
        .optional(),
      attributes: attributesSchema.optional(),
    })
    .passthrough();

export type Collection<T> = {
  totalCount?: number;
  items: T[];
  links?: { self?: Link; next?: Link; previous?: Link };
};

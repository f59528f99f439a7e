/**
 * Paging as documented for invoice line items (the only documented shape): a page of `pageSize` items and
 * `links.next` = `{uri, method, headers: [{key: 'MS-ContinuationToken', value}]}`.
 */
import { randomUUID } from 'node:crypto';

export interface Pager {
  pageSize: number;
  /** Answers a collection page for `listKey`, resuming from the request's MS-ContinuationToken. */
  page(
    listKey: string,
    items: unknown[],
    continuationToken: string | undefined,
    selfUri: string,
  ): { ok: true; body: unknown } | { ok: false };
}

export const createPager = (pageSize: number): Pager => {
  const tokens = new Map<string, { listKey: string; offset: number }>();
  const pager: Pager = {
    pageSize,
    page: (listKey, items, continuationToken, selfUri) => {
      let offset = 0;
      if (continuationToken) {
        const known = tokens.get(continuationToken);
        if (!known || known.listKey !== listKey) return { ok: false };
        offset = known.offset;
      }
      const size = Math.max(1, pager.pageSize);
      const pageItems = items.slice(offset, offset + size);
      const links: Record<string, unknown> = { self: { uri: selfUri, method: 'GET', headers: [] } };
      if (offset + size < items.length) {
        const token = randomUUID();
        tokens.set(token, { listKey, offset: offset + size });
        links.next = {
          uri: selfUri,
          method: 'GET',
          headers: [{ key: 'MS-ContinuationToken', value: token }],
        };
      }
      return {
        ok: true,
        body: {
          totalCount: pageItems.length,
          items: pageItems,
          links,
          attributes: { objectType: 'Collection' },
        },
      };
    },
  };
  return pager;
};

/** A readable id from the random id source: `ORD-7K2M9QXD`, `SUB-…`. */
export const readableId = (prefix: string, newId: () => string): string =>
  `${prefix}-${newId()
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 8)
    .toUpperCase()}`;

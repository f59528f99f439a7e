/**
 * Older examples print resources in PascalCase (`"Id"`, `"Attributes": {"Etag"}`; the mislabelled PATCH
 * "responses", §4.4). Responses are camelCase, but a parser that lowers the first letter of each key
 * copes with either reading.
 */
export const camelizeKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key.charAt(0).toLowerCase() + key.slice(1),
      camelizeKeys(inner),
    ]),
  );
};

/** Input casing: older PATCH examples send PascalCase (`"Status"`, `"Attributes": {"Etag"}`); accept both. */
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

/**
 * Absolute URL of a Partner Center path or link: links come relative (with or without /v1) or absolute
 * (README §1, Paging).
 */
export const resolveApiUrl = (apiUrl: string, uri: string): string => {
  if (/^https?:\/\//i.test(uri)) return uri;
  const path = uri.startsWith('/') ? uri : `/${uri}`;
  if (path === '/v1' || path.startsWith('/v1/') || path.startsWith('/v1?')) return `${apiUrl}${path}`;
  return `${apiUrl}/v1${path}`;
};

/** One HTTP exchange bounded by a timeout (AbortController): the body is read inside the same bound. */

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export type FetchOutcome = { ok: true; response: RawResponse } | { ok: false; reason: 'timeout' | 'network' };

export const fetchWithTimeout = async (
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<FetchOutcome> => {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetchImpl(url, { ...init, signal: controller.signal });
    const text = await response.text();
    return { ok: true, response: { status: response.status, headers: response.headers, text } };
  } catch {
    return { ok: false, reason: timedOut ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
};

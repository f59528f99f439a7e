/** A response body as JSON; null when empty, the raw text when it is not JSON. */
export const readJson = (text: string): unknown => {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** The short page a dead download or export link shows, in the browser's language. */
import type { DownloadOutcome } from '../domain/software/download-software.js';
import { localeOf, messagesFor } from './i18n.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function deadLinkPage(
  acceptLanguage: string | undefined,
  reason: Exclude<DownloadOutcome, { ok: true }>['reason'] | 'export',
): string {
  const m = messagesFor(localeOf(acceptLanguage?.split(',')[0]?.trim())).downloadPage;
  const why = reason === 'export' ? m.exportGone : m[reason];
  // A revoked link belongs to a cancelled order: asking again cannot help, so the page says what can.
  const next = reason === 'export' ? '' : reason === 'revoked' ? m.revokedNext : m.howToGetNew;
  return page(m.title, `<p>${escape(why)}</p>${next ? `<p>${escape(next)}</p>` : ''}`);
}

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${escape(title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto"><h1>${escape(title)}</h1>${body}</body></html>`;

/**
 * R-KEY-7: what opening a working link shows: nothing is counted until the Download button is pressed
 * (a form POST to the same address, which counts one download and starts it).
 */
export function downloadLandingPage(acceptLanguage: string | undefined, downloadsLeft: number): string {
  const m = messagesFor(localeOf(acceptLanguage?.split(',')[0]?.trim())).downloadPage;
  return page(
    m.readyTitle,
    `<p>${escape(m.readyBody(downloadsLeft))}</p><form method="post"><button type="submit" style="font-size:1.2em;padding:.5em 1.5em">${escape(m.downloadButton)}</button></form>`,
  );
}

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
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(m.title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto"><h1>${escape(m.title)}</h1><p>${escape(why)}</p>${reason === 'export' ? '' : `<p>${escape(m.howToGetNew)}</p>`}</body></html>`;
}

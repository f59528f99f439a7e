/**
 * A message turn whose replies come back in the HTTP answer (`deliveryMode: expectReplies`), for the
 * benches that drive the bot without a connector (`--flood`, `--memory`), and the percentile they report.
 */
import crypto from 'node:crypto';

const GRACE_KIM = '00000000-0000-4000-8000-000000000001';

/** Posts `text` from the global admin in a personal chat; resolves with the HTTP status and body. */
export async function directTurn(
  endpoint: string,
  text: string,
  conversation: string,
): Promise<{ status: number; body: string }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: crypto.randomUUID(),
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      locale: 'en-US',
      from: { id: '29:bench', name: 'Grace Kim', aadObjectId: GRACE_KIM },
      recipient: { id: '28:bot' },
      conversation: { id: conversation, conversationType: 'personal' },
      text,
    }),
  });
  return { status: response.status, body: await response.text() };
}

/** The p-th percentile (0–100) of ascending `sorted` values, nearest rank. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

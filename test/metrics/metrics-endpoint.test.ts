/**
 * GET /metrics: never public by default; with METRICS_TOKEN on the bot's port behind a Bearer token, with
 * METRICS_PORT on 127.0.0.1 only; and what a turn, a confirmation, a download and an export leave in it.
 */
import { describe, expect, it } from 'vitest';
import { movableClock } from '../../src/domain/shared/time.js';
import {
  buttonNamed,
  cardsOf,
  executeActivity,
  invokeCardOf,
  messageActivity,
  post,
  textOf,
} from '../support/bot.js';
import { freePort } from '../support/processes.js';
import { useTestBot } from '../support/test-bot.js';
import { GLOBAL_ADMIN, NOBODY, type TestPerson } from '../support/staff.js';

const TOKEN = 'metrics-token-0123456789abcdef';

/** The value of one sample of the exposition, 0 when it is absent. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of body.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ? match[2].split(/,(?=[a-z_]+=")/) : [];
    if (wanted.every((pair) => have.includes(pair))) return Number(match[3]);
  }
  return 0;
}

describe('GET /metrics without METRICS_TOKEN or METRICS_PORT', () => {
  const bot = useTestBot();

  it('is not served: 404 on the bot port, with or without a token, and no second listener', async () => {
    const plain = await fetch(`${bot.http.url}/metrics`);
    expect(plain.status).toBe(404);
    const withToken = await fetch(`${bot.http.url}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(withToken.status).toBe(404);
    expect(await withToken.text()).not.toContain('bot_turn');
    expect(bot.metricsListener).toBeUndefined();
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  const clock = movableClock('2026-11-21T09:00:00Z');
  const bot = useTestBot({ clock, env: { METRICS_TOKEN: TOKEN } });
  const scrape = async () => {
    const reply = await fetch(`${bot.http.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return reply.text();
  };
  const say = async (text: string, from: TestPerson = GLOBAL_ADMIN) =>
    cardsOf(await post(bot.endpoint, messageActivity(text, { from, locale: 'en-US' })))[0]!;
  const press = async (card: unknown, title: string, from: TestPerson = GLOBAL_ADMIN) => {
    const button = buttonNamed(card, title);
    const reply = await post(
      bot.endpoint,
      executeActivity(button.verb!, button.data, { from, locale: 'en-US' }),
    );
    expect(reply.status).toBe(200);
    return invokeCardOf(reply);
  };

  it('answers 401 without the token or with another one, and says nothing of the metrics', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789' },
      { authorization: TOKEN },
    ];
    for (const headers of attempts) {
      const reply = await fetch(`${bot.http.url}/metrics`, { headers });
      expect(reply.status).toBe(401);
      expect(await reply.text()).not.toContain('bot_');
    }
  });

  it('counts turns by command kind and outcome: ok, denied for a person without a role, refused for text it does not know', async () => {
    const before = await scrape();
    const whoami = { type: 'command', name: 'whoami', outcome: 'ok' };
    const denied = { type: 'command', name: 'customers', outcome: 'denied' };
    const unparsed = { type: 'command', name: 'unparsed', outcome: 'refused' };
    await say('whoami');
    await say('customers contoso', NOBODY);
    await say('please do something nice');
    const after = await scrape();
    for (const labels of [whoami, denied, unparsed]) {
      expect(sample(after, 'bot_turn_duration_seconds_count', labels), JSON.stringify(labels)).toBe(
        sample(before, 'bot_turn_duration_seconds_count', labels) + 1,
      );
    }
    expect(sample(after, 'bot_turn_outcomes_total', { outcome: 'denied' })).toBe(
      sample(before, 'bot_turn_outcomes_total', { outcome: 'denied' }) + 1,
    );
    expect(sample(after, 'bot_turn_duration_seconds_bucket', { ...whoami, le: '+Inf' })).toBeGreaterThan(0);
  });

  it('counts a confirmation created by a preview, confirmed by the press, and a late press as expired, by card verb', async () => {
    const before = await scrape();
    const preview = await say('grant Ada Wong helpdesk-agent');
    const result = await press(preview, 'Confirm');
    expect(textOf(result)).toContain('now holds');
    const late = await say('revoke Ada Wong helpdesk-agent');
    clock.advance(16 * 60_000);
    expect(textOf(await press(late, 'Confirm'))).toContain('expired');
    const after = await scrape();
    const delta = (event: string) =>
      sample(after, 'bot_confirmations_total', { event }) -
      sample(before, 'bot_confirmations_total', { event });
    expect({ created: delta('created'), confirmed: delta('confirmed'), expired: delta('expired') }).toEqual({
      created: 2,
      confirmed: 1,
      expired: 1,
    });
    const grant = { type: 'verb', name: buttonNamed(preview, 'Confirm').verb!, outcome: 'ok' };
    const lateRevoke = { type: 'verb', name: buttonNamed(late, 'Confirm').verb!, outcome: 'refused' };
    for (const labels of [grant, lateRevoke]) {
      expect(sample(after, 'bot_turn_duration_seconds_count', labels), JSON.stringify(labels)).toBe(
        sample(before, 'bot_turn_duration_seconds_count', labels) + 1,
      );
    }
    // Nothing failed on the way.
    expect(sample(after, 'bot_turn_outcomes_total', { outcome: 'error' })).toBe(0);
  });

  it('counts download and export requests by result, and shows the database pool', async () => {
    const before = await scrape();
    // The deliberate download is the POST of the landing page's button (R-KEY-7); opening the link counts nothing.
    expect((await fetch(`${bot.http.url}/downloads/no-such-token`)).status).toBe(404);
    expect(
      (await fetch(`${bot.http.url}/downloads/no-such-token`, { method: 'POST', redirect: 'manual' })).status,
    ).toBe(404);
    expect((await fetch(`${bot.http.url}/exports/AAAAAAAAAAAAAAAAAAAAAA.csv`)).status).toBe(410);
    const after = await scrape();
    expect(sample(after, 'bot_downloads_total', { result: 'unknown' })).toBe(
      sample(before, 'bot_downloads_total', { result: 'unknown' }) + 1,
    );
    expect(sample(after, 'bot_exports_total', { result: 'gone' })).toBe(
      sample(before, 'bot_exports_total', { result: 'gone' }) + 1,
    );
    expect(sample(after, 'bot_db_pool_connections', { state: 'max' })).toBe(1);
    expect(after).toContain('# TYPE bot_rate_limit_refusals_total counter');
    expect(after).toContain('# TYPE process_cpu_seconds_total counter');
  });
});

describe('METRICS_PORT', async () => {
  const port = await freePort();
  const bot = useTestBot({ env: { METRICS_PORT: String(port) } });

  it('serves /metrics on 127.0.0.1 only, without a token, and nothing else there; the bot port still answers 404', async () => {
    expect(bot.metricsListener?.url).toBe(`http://127.0.0.1:${port}/metrics`);
    const reply = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('# TYPE bot_turn_duration_seconds histogram');
    expect((await fetch(`http://127.0.0.1:${port}/api/messages`)).status).toBe(404);
    expect((await fetch(`${bot.http.url}/metrics`)).status).toBe(404);
  });
});

describe('METRICS_PORT with METRICS_TOKEN', async () => {
  const port = await freePort();
  useTestBot({ env: { METRICS_PORT: String(port), METRICS_TOKEN: TOKEN } });

  it('asks the token there too', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    const reply = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(reply.status).toBe(200);
  });
});

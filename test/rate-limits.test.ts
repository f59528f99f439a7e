/**
 * Rate limits (src/rate-limit.ts): token buckets per person on /api/messages and per client address on
 * /downloads, /exports and the webhooks, refused with 429 and Retry-After before any other work; a flood on
 * one endpoint leaves chat turns answered. (How much a flood slows turns is measured by
 * `npm run bench -- --flood`, not asserted here.)
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/rate-limit.js';
import { cardsOf, messageActivity, post, textOf } from './support/bot.js';
import { useTestBot } from './support/test-bot.js';
import { GLOBAL_ADMIN, SALES_AGENT } from './support/staff.js';

describe('a token bucket', () => {
  it('lets a burst of perMinute through, then one every 60/perMinute seconds, and says when to retry', () => {
    let now = 0;
    const take = createRateLimiter({ perMinute: 6, now: () => now });
    for (let i = 0; i < 6; i += 1) expect(take('a')).toEqual({ ok: true });
    expect(take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    expect(take('b')).toEqual({ ok: true });
    now += 5_000;
    expect(take('a')).toEqual({ ok: false, retryAfterSeconds: 5 });
    now += 5_000;
    expect(take('a')).toEqual({ ok: true });
    expect(take('a')).toMatchObject({ ok: false });
  });

  it('forgets the least recently used keys beyond its bound, and 0 means no limit', () => {
    const take = createRateLimiter({ perMinute: 1, now: () => 0, maxKeys: 2 });
    expect(take('a')).toEqual({ ok: true });
    expect(take('b')).toEqual({ ok: true });
    expect(take('c')).toEqual({ ok: true });
    // 'a' was forgotten (full bucket again); 'c' was not.
    expect(take('a')).toEqual({ ok: true });
    expect(take('c')).toMatchObject({ ok: false });
    const off = createRateLimiter({ perMinute: 0 });
    for (let i = 0; i < 1000; i += 1) expect(off('x')).toEqual({ ok: true });
  });
});

describe('the limits on the running bot', () => {
  const bot = useTestBot({
    env: {
      RATE_LIMIT_MESSAGES_PER_MINUTE: '3',
      RATE_LIMIT_DOWNLOADS_PER_MINUTE: '5',
      RATE_LIMIT_EXPORTS_PER_MINUTE: '2',
      RATE_LIMIT_WEBHOOKS_PER_MINUTE: '2',
      RELATIONSHIP_WEBHOOK_SECRET: 'a-long-enough-shared-secret',
    },
  });

  it('per person on /api/messages: the 4th message in a minute is a 429 with Retry-After; others are served', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await post(bot.endpoint, messageActivity('help', { from: SALES_AGENT }))).status).toBe(200);
    const response = await fetch(bot.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageActivity('help', { from: SALES_AGENT })),
    });
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await response.json()).toEqual({ error: 'too many requests' });
    const other = await post(bot.endpoint, messageActivity('help', { from: GLOBAL_ADMIN }));
    expect(textOf(cardsOf(other)[0])).toContain('What I can do for you');
  });

  it('per address on /downloads: a flood of random tokens gets 429s, and chat turns are still answered', async () => {
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        const response = await fetch(
          `${bot.http.url}/downloads/${crypto.randomBytes(24).toString('base64url')}`,
          {
            redirect: 'manual',
          },
        );
        statuses.push(response.status);
        if (response.status === 429)
          expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        await response.arrayBuffer();
      }),
    );
    expect(statuses.filter((s) => s === 404)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    const turn = await post(bot.endpoint, messageActivity('whoami', { from: GLOBAL_ADMIN }));
    expect(turn.status).toBe(200);
    expect(textOf(cardsOf(turn)[0])).toContain('Global admin');
  });

  it('per address on /exports and the webhooks, each with its own bucket', async () => {
    const exportsSeen: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${bot.http.url}/exports/${'A'.repeat(22)}.csv`);
      exportsSeen.push(response.status);
      await response.arrayBuffer();
    }
    expect(exportsSeen).toEqual([410, 410, 429]);
    const hooksSeen: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${bot.http.url}/relationships/unknown/accepted`, {
        method: 'POST',
        headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
        body: '{}',
      });
      hooksSeen.push(response.status);
      await response.arrayBuffer();
    }
    expect(hooksSeen).toEqual([401, 401, 429]);
  });
});

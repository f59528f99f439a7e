/**
 * `npm run bench -- --flood`: does a flood of download guesses starve chat turns? The real bot (embedded
 * database in memory) answers `help` turns one at a time, first unloaded, then while a worker thread sends
 * 1,000 random download tokens a second to /downloads for 10 s from one address: once with the configured
 * per-address limit (the default, 30 a minute) and once with the limit off, for comparison. Reported: help
 * p50/p95 of each phase, the loaded p95 as a multiple of the unloaded one (target ≤ 3× with the limit), and
 * what the flood got back.
 */
import { Worker } from 'node:worker_threads';
import { startBot } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { directTurn, percentile } from './direct-turn.js';

const FLOOD_PER_SECOND = 1000;
const FLOOD_SECONDS = 10;
const UNLOADED_TURNS = 100;
const TARGET_RATIO = 3;

/** The flooder: its own thread and event loop, so generating the flood does not block the bot's. */
const FLOODER = `
const { parentPort, workerData } = require('node:worker_threads');
const crypto = require('node:crypto');
const { url, perSecond, seconds } = workerData;
const counts = {};
let inFlight = 0;
const fire = () => {
  inFlight += 1;
  fetch(url + '/downloads/' + crypto.randomBytes(24).toString('base64url'), { redirect: 'manual' })
    .then(async (r) => { counts[r.status] = (counts[r.status] || 0) + 1; await r.arrayBuffer(); })
    .catch(() => { counts.error = (counts.error || 0) + 1; })
    .finally(() => { inFlight -= 1; });
};
const started = Date.now();
let sent = 0;
const timer = setInterval(() => {
  const due = Math.floor(((Date.now() - started) / 1000) * perSecond) - sent;
  for (let i = 0; i < due; i += 1) fire();
  sent += Math.max(0, due);
  if (Date.now() - started >= seconds * 1000) {
    clearInterval(timer);
    parentPort.postMessage({ stopped: true });
    const wait = setInterval(() => {
      if (inFlight === 0) { clearInterval(wait); parentPort.postMessage({ sent, counts }); }
    }, 20);
  }
}, 5);
`;

interface Phase {
  readonly name: string;
  readonly p50: number;
  readonly p95: number;
  readonly turns: number;
  readonly flood?: { sent: number; counts: Record<string, number> };
}

async function helpTurn(endpoint: string): Promise<number> {
  const started = performance.now();
  const { status, body } = await directTurn(endpoint, 'help', 'bench-flood');
  if (status !== 200 || !body.includes('What I can do for you'))
    throw new Error(`help turn failed: ${status}`);
  return performance.now() - started;
}

async function phase(name: string, downloadsPerMinute: string, flood: boolean): Promise<Phase> {
  const bot = await startBot(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      REMINDER_INTERVAL_SECONDS: '0',
      RATE_LIMIT_MESSAGES_PER_MINUTE: '0',
      RATE_LIMIT_DOWNLOADS_PER_MINUTE: downloadsPerMinute,
    }),
    { database: { kind: 'memory' } },
  );
  const endpoint = `${bot.http.url}/api/messages`;
  try {
    for (let i = 0; i < 20; i += 1) await helpTurn(endpoint); // warm-up
    const times: number[] = [];
    let result: Phase['flood'];
    if (!flood) {
      for (let i = 0; i < UNLOADED_TURNS; i += 1) times.push(await helpTurn(endpoint));
    } else {
      const worker = new Worker(FLOODER, {
        eval: true,
        workerData: { url: bot.http.url, perSecond: FLOOD_PER_SECOND, seconds: FLOOD_SECONDS },
      });
      // Turns are measured while the flood is being sent; its last answers are then awaited.
      let sending = true;
      const done = new Promise<NonNullable<Phase['flood']>>((resolve, reject) => {
        worker.on('message', (message: { stopped?: boolean; sent?: number }) => {
          if (message.stopped) sending = false;
          else resolve(message as NonNullable<Phase['flood']>);
        });
        worker.once('error', reject);
      });
      while (sending) times.push(await helpTurn(endpoint));
      result = await done;
      await worker.terminate();
    }
    const sorted = [...times].sort((a, b) => a - b);
    return {
      name,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      turns: times.length,
      flood: result,
    };
  } finally {
    await bot.close();
  }
}

export async function runFlood(): Promise<number> {
  console.log(
    `CSP partner bot — help turns under a flood of ${FLOOD_PER_SECOND} random download tokens/s for ${FLOOD_SECONDS} s`,
  );
  const phases = [
    await phase('unloaded', '30', false),
    await phase('flood, limit 30/min per address (default)', '30', true),
    await phase('flood, limit off', '0', true),
  ];
  const unloaded = phases[0]!;
  console.log('');
  console.log('| phase | help turns | p50 ms | p95 ms | p95 vs unloaded | flood answers |');
  console.log('| ----- | ---------: | -----: | -----: | --------------: | ------------- |');
  for (const p of phases) {
    const answers = p.flood
      ? `${p.flood.sent} sent: ${Object.entries(p.flood.counts)
          .map(([status, n]) => `${n} × ${status}`)
          .join(', ')}`
      : '—';
    console.log(
      `| ${p.name} | ${p.turns} | ${p.p50.toFixed(2)} | ${p.p95.toFixed(2)} | ${(p.p95 / unloaded.p95).toFixed(2)}× | ${answers} |`,
    );
  }
  const limited = phases[1]!;
  const pass = limited.p95 <= TARGET_RATIO * unloaded.p95;
  console.log('');
  console.log(`target: with the limit, help p95 ≤ ${TARGET_RATIO}× unloaded → ${pass ? 'PASS' : 'FAIL'}`);
  return 0;
}

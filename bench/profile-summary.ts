/**
 * Where the CPU time of a benchmark run goes, from a V8 .cpuprofile:
 *
 *   node --cpu-prof --cpu-prof-dir=bench/results/prof --import tsx bench/run.ts --turns 300
 *   npx tsx bench/profile-summary.ts bench/results/prof/<file>.cpuprofile [--top 30]
 *
 * Prints, as shares of the non-idle time: self time by package (node_modules/<pkg>, the project's own
 * folders, node internals, GC; WebAssembly is charged to the package that called into it, so PGlite's
 * Postgres and Prisma's query compiler show separately), inclusive time by package (samples with the
 * package anywhere on the stack) and the top functions by self time.
 *
 * Profiles written by `npm run bench -- --profile <dir>` cover only one scenario's measured turns.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: number[];
}
interface CpuProfile {
  readonly nodes: ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: number[];
  readonly timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  options: { top: { type: 'string', default: '30' } },
  allowPositionals: true,
});
const file = positionals[0];
if (!file) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--top N]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parentOf = new Map<number, number>();
for (const n of profile.nodes) for (const child of n.children ?? []) parentOf.set(child, n.id);
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

/** The package or folder a frame belongs to. */
function frameOwner(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(idle)' || functionName === '(program)' || functionName === '(garbage collector)') {
      return functionName;
    }
    return '(native)';
  }
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const project = /\/(src|bench|test|prisma)\/(.*)$/.exec(url);
  if (project) return `${project[1]}/${project[2]!.split('/').slice(0, -1).join('/') || '.'}`;
  return url.startsWith('wasm://') ? '(wasm)' : url;
}

/** 'pkg [wasm]' → 'pkg'. */
const baseOf = (owner: string) => owner.replace(/ \[(wasm|native)\]$/, '');

/** WebAssembly and native code are charged to the nearest caller that is ordinary code. */
const ownerCache = new Map<number, string>();
function ownerOf(id: number): string {
  const cached = ownerCache.get(id);
  if (cached) return cached;
  const own = frameOwner(byId.get(id)!.callFrame);
  let owner = own;
  if (own === '(wasm)' || own === '(native)') {
    const parent = parentOf.get(id);
    const above = parent === undefined ? '' : baseOf(ownerOf(parent));
    if (above && !above.startsWith('(')) owner = `${above} ${own === '(wasm)' ? '[wasm]' : '[native]'}`;
  }
  ownerCache.set(id, owner);
  return owner;
}

const label = (frame: CallFrame) => {
  const where = frame.url
    ? frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench|test)\//, '$1/')
    : '';
  return `${frame.functionName || '(anonymous)'} ${where ? `${where}:${frame.lineNumber + 1}` : ''}`.trim();
};

const byOwner = new Map<string, number>();
const inclusive = new Map<string, number>();
const byFunction = new Map<string, { us: number; owner: string }>();
let profilerUs = 0;
for (const [id, us] of selfUs) {
  const frame = byId.get(id)!.callFrame;
  const owner = ownerOf(id);
  const onStack = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    onStack.add(baseOf(ownerOf(at)));
  }
  if (onStack.has('node:inspector')) {
    profilerUs += us; // the profiler stopping and serialising itself
    continue;
  }
  for (const o of onStack) inclusive.set(o, (inclusive.get(o) ?? 0) + us);
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
  const key = label(frame);
  const entry = byFunction.get(key) ?? { us: 0, owner };
  entry.us += us;
  byFunction.set(key, entry);
}

const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idle = byOwner.get('(idle)') ?? 0;
const busy = total - idle - profilerUs;
const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
const top = Number(values.top);

console.log(
  `profile ${file}: ${ms(total)} ms sampled, ${ms(idle)} ms idle, ${ms(profilerUs)} ms the profiler itself, ` +
    `${ms(busy)} ms busy (100%)\n`,
);
console.log('Self time by package / folder');
for (const [owner, us] of [...byOwner]
  .filter(([o]) => o !== '(idle)')
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)) {
  console.log(`  ${ms(us)} ms ${pct(us)}  ${owner}`);
}
console.log('\nInclusive time by package / folder (samples with it anywhere on the stack)');
for (const [owner, us] of [...inclusive]
  .filter(([o]) => !o.startsWith('('))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)) {
  console.log(`  ${ms(us)} ms ${pct(us)}  ${owner}`);
}
console.log(`\nTop ${top} functions by self time`);
for (const [key, { us }] of [...byFunction]
  .filter(([, v]) => v.owner !== '(idle)')
  .sort((a, b) => b[1].us - a[1].us)
  .slice(0, top)) {
  console.log(`  ${ms(us)} ms ${pct(us)}  ${key}`);
}

// Compiles src/ (and the seed data it imports) to build/ with source maps, for `npm start` to run with plain
// node. Type checking is `npm run typecheck`'s job; this only emits. Skipped when build/ is newer than every
// source, so `npm start` after `npm install` (postinstall builds) starts at once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'build/.built');
const sources = ['src', 'prisma/seed', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

const newest = (entry) => {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(full)
    .reduce((max, name) => Math.max(max, newest(path.join(entry, name))), stat.mtimeMs);
};

const force = process.argv.includes('--force');
const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
if (!force && built > 0 && sources.every((entry) => newest(entry) < built)) process.exit(0);

const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
if (!fs.existsSync(tsc)) {
  console.error('build: typescript is not installed (npm install, with dev dependencies, builds the bot)');
  process.exit(1);
}
const started = Date.now();
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
console.error(`build: compiled src/ to build/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);

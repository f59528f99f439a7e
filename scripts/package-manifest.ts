/**
 * npm run package [-- --check | --sync-commands]
 * Builds dist/csp-partner-assistant.zip (manifest.json, icons, localization files) for uploading to Teams,
 * with MicrosoftAppId from the environment as the bot id. Stops without writing when Teams would reject it.
 *   --check           validate only, write nothing
 *   --sync-commands   first rewrite the command lists in manifest/ from src/bot/commands.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { PACKAGE_PATH, packageManifest, syncCommandLists } from './manifest-package.js';

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((arg) => arg !== '--check' && arg !== '--sync-commands');
if (unknown.length || (args.has('--check') && args.has('--sync-commands'))) {
  console.error('usage: npm run package -- [--check | --sync-commands]');
  process.exit(2);
}

if (args.has('--sync-commands')) {
  for (const file of await syncCommandLists()) console.log(`synced ${path.relative(process.cwd(), file)}`);
}

const result = packageManifest(process.env);
for (const warning of result.warnings) console.warn(`WARNING: ${warning}`);
if (!result.zip) {
  console.error('The Teams app package was not written, because Teams would reject it:');
  for (const problem of result.problems) console.error(`  - ${problem}`);
  process.exit(1);
}
const names = result.files.map((file) => file.name).join(', ');
if (args.has('--check')) {
  console.log(`The Teams app package is valid (${names}); nothing written.`);
} else {
  fs.mkdirSync(path.dirname(PACKAGE_PATH), { recursive: true });
  fs.writeFileSync(PACKAGE_PATH, result.zip);
  console.log(`wrote ${path.relative(process.cwd(), PACKAGE_PATH)} (${result.zip.length} bytes: ${names})`);
}

/**
 * The command lists of the manifest come from the command table (src/bot/commands.ts): the first
 * MAX_COMMANDS_PER_LIST commands in table order, one list per bot scope; title = the command's first word in
 * the language, description = the help card's words for it plus the table's example.
 * `findCommandListDrift` says where the files differ from the table; `syncCommandLists` rewrites them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { COMMANDS, type CommandSpec, type Locale } from '../../src/bot/commands.js';
import { localeOf, messagesFor } from '../../src/bot/i18n.js';
import {
  BOT_SCOPES,
  MANIFEST_DIR,
  MANIFEST_FILE,
  MAX_COMMANDS_PER_LIST,
  readIfExists,
  type CommandList,
} from './definitions.js';
import type { TeamsManifest } from './manifest-schema.js';

/** The commands that go into each Teams command list: the first ten of the table, in its order. */
export const commandsInManifest = (commands: readonly CommandSpec[] = COMMANDS): readonly CommandSpec[] =>
  commands.slice(0, MAX_COMMANDS_PER_LIST);

/** The word Teams inserts when the command is picked; it is the first word the parser knows in that language. */
export const commandTitle = (spec: CommandSpec, locale: Locale): string => {
  const word = spec.words[locale][0];
  if (!word) throw new Error(`command ${spec.id} has no ${locale} word`);
  return word;
};

const EXAMPLE_PREFIX: Record<Locale, string> = { en: 'e.g.', ko: '예:', zh: '例如:' };

/** The help card's description, plus the example when the command takes arguments. */
export const commandDescription = (spec: CommandSpec, locale: Locale): string => {
  const description = messagesFor(locale).commands[spec.id];
  const example = spec.example[locale];
  return example === commandTitle(spec, locale)
    ? description
    : `${description} — ${EXAMPLE_PREFIX[locale]} ${example}`;
};

/** One command list per scope, each with the same commands. */
export const expectedCommandLists = (
  locale: Locale = 'en',
  commands: readonly CommandSpec[] = COMMANDS,
): CommandList[] =>
  BOT_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: commandsInManifest(commands).map((spec) => ({
      title: commandTitle(spec, locale),
      description: commandDescription(spec, locale),
    })),
  }));

/** A localization key that translates a command of a command list. */
export const COMMAND_KEY = /^bots\[(\d+)\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/;

/** The localization file entries for the command lists, e.g. `bots[0].commandLists[0].commands[0].title`. */
export const expectedLocalizedCommands = (
  locale: Locale,
  commands: readonly CommandSpec[] = COMMANDS,
): Record<string, string> => {
  const entries: Record<string, string> = {};
  expectedCommandLists(locale, commands).forEach((list, l) =>
    list.commands.forEach((command, c) => {
      entries[`bots[0].commandLists[${l}].commands[${c}].title`] = command.title;
      entries[`bots[0].commandLists[${l}].commands[${c}].description`] = command.description;
    }),
  );
  return entries;
};

/** Where manifest.json and the localization files differ from what the command table gives. */
export function findCommandListDrift(
  dir: string = MANIFEST_DIR,
  commands: readonly CommandSpec[] = COMMANDS,
): string[] {
  const problems: string[] = [];
  const manifest = JSON.parse(
    fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8'),
  ) as Partial<TeamsManifest>;
  const expected = expectedCommandLists('en', commands);
  if (JSON.stringify(manifest.bots?.[0]?.commandLists) !== JSON.stringify(expected)) {
    problems.push(`${MANIFEST_FILE}: bots[0].commandLists differ from the command table`);
  }
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    const data = readIfExists(path.join(dir, language.file));
    if (!data) continue;
    const content = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    const actual = Object.fromEntries(Object.entries(content).filter(([key]) => COMMAND_KEY.test(key)));
    const wanted = expectedLocalizedCommands(localeOf(language.languageTag), commands);
    if (JSON.stringify(actual) !== JSON.stringify(wanted)) {
      problems.push(`${language.file}: the command titles and descriptions differ from the command table`);
    }
  }
  return problems.map((p) => `${p} (run: npx tsx scripts/package-manifest.ts --sync-commands)`);
}

/** Rewrites the command lists of manifest.json and the localization files from the table. */
export async function syncCommandLists(dir: string = MANIFEST_DIR): Promise<string[]> {
  const prettier = await import('prettier');
  const write = async (file: string, value: unknown) => {
    const options = (await prettier.resolveConfig(file)) ?? {};
    fs.writeFileSync(file, await prettier.format(JSON.stringify(value), { ...options, parser: 'json' }));
  };
  const manifestPath = path.join(dir, MANIFEST_FILE);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Record<string, unknown> &
    Partial<TeamsManifest>;
  const bot = manifest.bots?.[0];
  if (!bot) throw new Error(`${manifestPath} has no bot`);
  (bot as { commandLists?: CommandList[] }).commandLists = expectedCommandLists('en');
  await write(manifestPath, manifest);
  const written = [manifestPath];
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    const file = path.join(dir, language.file);
    const content = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    const kept = Object.fromEntries(Object.entries(content).filter(([key]) => !COMMAND_KEY.test(key)));
    await write(file, { ...kept, ...expectedLocalizedCommands(localeOf(language.languageTag)) });
    written.push(file);
  }
  return written;
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, it, expect } from 'vitest';
import { COMMANDS, type CommandId, type CommandSpec, type Locale } from '../../src/bot/commands.js';
import { parseCommand } from '../../src/bot/parse-command.js';
import { DEMO_STAFF, NO_ROLE_USER } from '../../prisma/seed/staff.js';
import {
  BOT_ID_PLACEHOLDER,
  BOT_SCOPES,
  MANIFEST_DIR,
  ROOT_DIR,
  ZERO_GUID,
  buildManifest,
  commandTitle,
  commandsInManifest,
  findCommandListDrift,
  packageManifest,
  validateManifest,
  zipFiles,
  type CommandList,
  type PackageFile,
  type TeamsManifest,
} from '../../scripts/manifest-package.js';
import { drawColorIcon, drawOutlineIcon, encodePng } from '../../scripts/make-icons.js';

const APP_ID = '5d2b6a1e-3f4c-4b8a-9e21-7c6f0d9a1b23';
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, file), 'utf8'));

/** The command a typed line leads to, whether or not it still lacks its argument. */
function commandIdOf(text: string): CommandId | undefined {
  const result = parseCommand(text);
  if (result.ok) {
    const kind = result.value.kind;
    return kind === 'cancel-order'
      ? 'cancel'
      : kind === 'support-list'
        ? 'support'
        : kind === 'order'
          ? 'orders'
          : kind;
  }
  const { error } = result;
  return error.kind === 'missing-argument' || error.kind === 'bad-role' ? error.command : undefined;
}

const specForTitle = (title: string, locale: Locale): CommandSpec | undefined =>
  COMMANDS.find((spec) => spec.words[locale].includes(title));

/** Every command list as the user of each language sees it: manifest.json, with a localization file over it. */
function localizedLists(): Array<{ file: string; locale: Locale; lists: CommandList[] }> {
  const manifest = readJson('manifest.json');
  const english: CommandList[] = manifest.bots[0].commandLists;
  const translated = (file: string, locale: Locale) => {
    const entries: Record<string, string> = readJson(file);
    return {
      file,
      locale,
      lists: english.map((list, l) => ({
        scopes: list.scopes,
        commands: list.commands.map((command, c) => ({
          title:
            entries[`bots[0].commandLists[${l}].commands[${c}].title`] ?? `(no title for ${command.title})`,
          description: entries[`bots[0].commandLists[${l}].commands[${c}].description`] ?? '',
        })),
      })),
    };
  };
  return [
    { file: 'manifest.json', locale: 'en', lists: english },
    translated('ko-kr.json', 'ko'),
    translated('zh-cn.json', 'zh'),
  ];
}

describe('Teams app manifest', () => {
  it('is valid by validateManifest, icons and localization files included, once the bot id is filled in', () => {
    const built = buildManifest({ MicrosoftAppId: APP_ID });
    expect(built.warnings).toEqual([]);
    expect(validateManifest(built.manifest)).toEqual([]);
    expect(validateManifest(built.manifest, built.files)).toEqual([]);
    expect(built.manifest).toMatchObject({ id: APP_ID, bots: [{ botId: APP_ID }] });
  });

  it('keeps the ${{BOT_ID}} placeholder in the committed manifest.json, so no real app id is checked in', () => {
    const source = readJson('manifest.json');
    expect(source.id).toBe(BOT_ID_PLACEHOLDER);
    expect(source.bots[0].botId).toBe(BOT_ID_PLACEHOLDER);
  });

  it('still builds without MicrosoftAppId, with the zero GUID and a warning that the package is for local testing', () => {
    const built = buildManifest({ MicrosoftAppId: '' });
    expect(built.manifest).toMatchObject({ id: ZERO_GUID, bots: [{ botId: ZERO_GUID }] });
    expect(built.warnings.join(' ')).toMatch(/MicrosoftAppId is empty.*zero GUID.*local testing/);
    expect(validateManifest(built.manifest, built.files)).toEqual([]);
  });

  it('reports what Teams would reject: a bot id that is no GUID, a bad version, long names and titles, an 11th command', () => {
    const manifest = buildManifest({ MicrosoftAppId: 'my-bot' }).manifest as TeamsManifest;
    manifest.version = '1.0';
    manifest.name.short = 'A name far longer than thirty characters';
    const commands = Array.from({ length: 11 }, (_, i) => ({
      title: `command-${i}`,
      description: 'Does a thing',
    }));
    commands[0]!.title = 'a title that is longer than thirty-two characters';
    manifest.bots[0]!.commandLists![0]!.commands = commands;
    expect(validateManifest(manifest)).toEqual(
      expect.arrayContaining([
        'id: must be a GUID',
        'bots[0].botId: must be a GUID',
        'version: must be a semantic version (major.minor.patch)',
        'name.short: must be at most 30 characters',
        'bots[0].commandLists[0].commands[0].title: must be at most 32 characters',
        'bots[0].commandLists[0].commands: Teams allows at most 10 commands per list',
      ]),
    );
  });

  it('reports icons of the wrong size, an outline icon in colour and a missing localization file', () => {
    const built = buildManifest({ MicrosoftAppId: APP_ID });
    const blue = new Uint8Array(32 * 32 * 4);
    for (let i = 0; i < blue.length; i += 4) blue.set([0x00, 0x78, 0xd4, 0xff], i);
    const replaced: Record<string, Buffer> = {
      'color.png': drawColorIcon(96),
      'outline.png': encodePng(32, 32, blue),
    };
    const files: PackageFile[] = built.files
      .filter((file) => file.name !== 'zh-cn.json')
      .map((file) => ({ name: file.name, data: replaced[file.name] ?? file.data }));
    expect(validateManifest(built.manifest, files)).toEqual([
      'icons.color: color.png is 96×96; Teams needs 192×192',
      'icons.outline: outline.png has 1024 pixels that are neither white nor transparent',
      'localizationInfo: zh-cn.json (zh-cn) is missing from the package',
    ]);
  });

  it('accepts the icons that scripts/make-icons.ts draws', () => {
    const built = buildManifest({ MicrosoftAppId: APP_ID });
    const drawn: Record<string, Buffer> = { 'color.png': drawColorIcon(), 'outline.png': drawOutlineIcon() };
    const files = built.files.map((file) => ({ name: file.name, data: drawn[file.name] ?? file.data }));
    expect(validateManifest(built.manifest, files)).toEqual([]);
  });

  it('has command lists and translations that match the command table', () => {
    expect(findCommandListDrift()).toEqual([]);
  });

  it('gives every command title, in English, Korean and Chinese, a word that parses to that command', () => {
    for (const { file, locale, lists } of localizedLists()) {
      const english = localizedLists()[0]!.lists;
      lists.forEach((list, l) =>
        list.commands.forEach((command, c) => {
          const spec = specForTitle(command.title, locale);
          expect(spec, `${file}: "${command.title}" is no ${locale} word of the command table`).toBeDefined();
          expect(commandIdOf(command.title), `${file}: "${command.title}"`).toBe(spec!.id);
          // Localization keys are positions: the translation must be of the same command.
          expect(spec!.id, `${file}: position ${c} of list ${l}`).toBe(
            specForTitle(english[l]!.commands[c]!.title, 'en')?.id,
          );
        }),
      );
    }
  });

  it('lists every command of the table that is in the manifest in the personal, team and group chat lists', () => {
    const lists: CommandList[] = readJson('manifest.json').bots[0].commandLists;
    expect(lists.flatMap((list) => list.scopes).sort()).toEqual([...BOT_SCOPES].sort());
    const inManifest = commandsInManifest();
    expect(inManifest.length).toBe(Math.min(COMMANDS.length, 10));
    for (const scope of BOT_SCOPES) {
      const titles = lists
        .find((list) => list.scopes.includes(scope))!
        .commands.map((command) => command.title);
      expect(titles, scope).toEqual(inManifest.map((spec) => commandTitle(spec, 'en')));
    }
  });

  it('puts the first ten commands of a longer table into the manifest, in table order', () => {
    const longTable = Array.from({ length: 14 }, (_, i) => ({
      ...COMMANDS[0]!,
      id: `command-${i}` as CommandId,
    }));
    expect(commandsInManifest(longTable).map((spec) => spec.id)).toEqual(
      longTable.slice(0, 10).map((spec) => spec.id),
    );
  });
});

interface ZipEntry {
  readonly name: string;
  readonly crc: number;
  readonly data: Buffer;
}

/** Reads a ZIP the way an unzipper does: end record → central directory → local headers → inflate. */
function readZip(zip: Buffer): ZipEntry[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end, 'end of central directory record').toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(end + 10);
  const directoryOffset = zip.readUInt32LE(end + 16);
  expect(directoryOffset + zip.readUInt32LE(end + 12)).toBe(end);
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at), 'central directory header').toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);

    expect(zip.readUInt32LE(localOffset), `local header of ${name}`).toBe(0x04034b50);
    expect(zip.readUInt32LE(localOffset + 14), `local CRC of ${name}`).toBe(crc);
    const localName = zip.toString(
      'utf8',
      localOffset + 30,
      localOffset + 30 + zip.readUInt16LE(localOffset + 26),
    );
    expect(localName).toBe(name);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? zlib.inflateRawSync(body) : Buffer.from(body);
    expect([0, 8]).toContain(method);
    expect(data.length).toBe(size);
    entries.push({ name, crc, data });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('Teams app package', () => {
  const result = packageManifest({ MicrosoftAppId: APP_ID });

  it('builds a zip whose entries are exactly manifest.json, the icons and the localization files, with correct CRCs', () => {
    expect(result.problems).toEqual([]);
    const entries = readZip(result.zip!);
    expect(entries.map((entry) => entry.name).sort()).toEqual(
      ['manifest.json', 'color.png', 'outline.png', 'ko-kr.json', 'zh-cn.json'].sort(),
    );
    for (const entry of entries) {
      const source = result.files.find((file) => file.name === entry.name)!;
      expect(entry.crc, entry.name).toBe(zlib.crc32(entry.data));
      expect(entry.data.equals(source.data), entry.name).toBe(true);
    }
    const manifest = JSON.parse(
      entries.find((entry) => entry.name === 'manifest.json')!.data.toString('utf8'),
    );
    expect(manifest.bots[0].botId).toBe(APP_ID);
    for (const name of ['color.png', 'outline.png', 'ko-kr.json', 'zh-cn.json']) {
      expect(
        entries
          .find((entry) => entry.name === name)!
          .data.equals(fs.readFileSync(path.join(MANIFEST_DIR, name))),
      ).toBe(true);
    }
  });

  it('writes the same bytes for the same files, so a rebuild does not change the package', () => {
    expect(zipFiles(result.files).equals(result.zip!)).toBe(true);
  });

  it.skipIf(!hasUnzip)('is accepted by unzip -t (skipped when the unzip program is not installed)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-zip-'));
    const file = path.join(dir, 'package.zip');
    fs.writeFileSync(file, result.zip!);
    const output = execFileSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(output).toContain('No errors detected');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('Teams App Test Tool configuration (.teamsapptesttool.yml)', () => {
  const yml = fs.readFileSync(path.join(ROOT_DIR, '.teamsapptesttool.yml'), 'utf8');
  const lines = yml.split('\n');
  const activeIds = lines
    .filter((line) => /^\s+aadObjectId:/.test(line))
    .map((line) => line.split(':')[1]!.trim());
  const spareIds = lines
    .filter((line) => /^#\s+aadObjectId:/.test(line))
    .map((line) => line.split(':')[1]!.trim());

  it('lists every demo staff member and the user without a role, by aadObjectId and name', () => {
    for (const person of [...DEMO_STAFF, NO_ROLE_USER]) {
      expect([...activeIds, ...spareIds], person.displayName).toContain(person.aadObjectId);
      expect(yml).toContain(`name: ${person.displayName} #`);
      expect(yml).toContain(`email: ${person.email}`);
    }
  });

  it('acts as Grace Kim, the global admin, by default', () => {
    const currentUser = yml.slice(yml.indexOf('\ncurrentUser:'), yml.indexOf('\nusers:'));
    expect(currentUser).toContain(
      `aadObjectId: ${DEMO_STAFF.find((s) => s.displayName === 'Grace Kim')!.aadObjectId}`,
    );
  });

  it('keeps exactly five users besides the current one, the only number the Test Tool accepts', () => {
    const users = lines.slice(lines.indexOf('users:') + 1, lines.indexOf('personalChat:'));
    expect(users.filter((line) => /^ {2}- id:/.test(line))).toHaveLength(5);
    expect(activeIds).toHaveLength(6);
    expect(new Set([...activeIds, ...spareIds]).size).toBe(9);
  });
});

/**
 * The Teams app package: manifest/manifest.json, its icons and localization files → one zip.
 *
 * - The command lists come from the command table (src/bot/commands.ts): the first MAX_COMMANDS_PER_LIST
 *   commands in table order, one list per bot scope; title = the command's first word in the language,
 *   description = the help card's words for it plus the table's example. `findCommandListDrift` says where the
 *   files differ from the table; `syncCommandLists` rewrites them (only when asked).
 * - `buildManifest` puts the bot id in for `${{BOT_ID}}`; `validateManifest` lists what Teams would reject;
 *   `zipFiles` writes a plain ZIP (deflate from node:zlib); `packageManifest` does all of it.
 * Pure functions take their inputs; only the `read…`/`sync…` helpers touch the file system.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { z } from 'zod';
import { COMMANDS, type CommandSpec, type Locale } from '../src/bot/commands.js';
import { localeOf, messagesFor } from '../src/bot/i18n.js';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_DIR = path.join(ROOT_DIR, 'manifest');
export const PACKAGE_PATH = path.join(ROOT_DIR, 'dist', 'csp-partner-assistant.zip');
export const MANIFEST_FILE = 'manifest.json';

export const BOT_ID_PLACEHOLDER = '${{BOT_ID}}';
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** What Teams accepts (app manifest schema and store validation). */
export const LIMITS = {
  shortName: 30,
  fullName: 100,
  shortDescription: 80,
  fullDescription: 4000,
  developerName: 32,
  commandTitle: 32,
  commandDescription: 128,
  commandsPerList: 10,
} as const;
export const MAX_COMMANDS_PER_LIST = LIMITS.commandsPerList;
export const ICON_SIZES = { color: 192, outline: 32 } as const;

export const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;
export type BotScope = (typeof BOT_SCOPES)[number];

export type Env = Readonly<Record<string, string | undefined>>;
export interface PackageFile {
  readonly name: string;
  readonly data: Buffer;
}
export interface ManifestCommand {
  readonly title: string;
  readonly description: string;
}
export interface CommandList {
  readonly scopes: readonly BotScope[];
  readonly commands: readonly ManifestCommand[];
}

// ---------------------------------------------------------------------------------------------------------
// Commands: table → manifest

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

const COMMAND_KEY = /^bots\[(\d+)\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/;

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

// ---------------------------------------------------------------------------------------------------------
// Manifest shape and limits

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const atMost = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const guid = z.string().regex(GUID, 'must be a GUID');
const httpsUrl = z.string().url('must be a URL').startsWith('https://', 'must be an https URL');

const ManifestCommandSchema = z.object({
  title: atMost(LIMITS.commandTitle),
  description: atMost(LIMITS.commandDescription),
});
const CommandListSchema = z.object({
  scopes: z.array(z.enum(BOT_SCOPES)).min(1),
  commands: z
    .array(ManifestCommandSchema)
    .min(1)
    .max(LIMITS.commandsPerList, `Teams allows at most ${LIMITS.commandsPerList} commands per list`),
});

export const TeamsManifestSchema = z
  .object({
    $schema: z.string().url().optional(),
    manifestVersion: z.string().regex(/^1\.\d+$/, 'must be like "1.22"'),
    version: z.string().regex(SEMVER, 'must be a semantic version (major.minor.patch)'),
    id: guid,
    developer: z
      .object({
        name: atMost(LIMITS.developerName),
        websiteUrl: httpsUrl,
        privacyUrl: httpsUrl,
        termsOfUseUrl: httpsUrl,
      })
      .passthrough(),
    name: z.object({ short: atMost(LIMITS.shortName), full: atMost(LIMITS.fullName).optional() }),
    description: z.object({ short: atMost(LIMITS.shortDescription), full: atMost(LIMITS.fullDescription) }),
    icons: z.object({ color: z.string().min(1), outline: z.string().min(1) }),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0078D4'),
    bots: z
      .array(
        z
          .object({
            botId: guid,
            scopes: z.array(z.enum(BOT_SCOPES)).min(1).max(3),
            supportsFiles: z.boolean().optional(),
            isNotificationOnly: z.boolean().optional(),
            commandLists: z.array(CommandListSchema).max(3).optional(),
          })
          .passthrough(),
      )
      .max(1),
    validDomains: z.array(z.string()).optional(),
    localizationInfo: z
      .object({
        defaultLanguageTag: z.string().min(2),
        additionalLanguages: z
          .array(z.object({ languageTag: z.string().min(2), file: z.string().min(1) }))
          .optional(),
      })
      .optional(),
  })
  .passthrough();
export type TeamsManifest = z.infer<typeof TeamsManifestSchema>;

/** `bots.0.commandLists.1.title` → `bots[0].commandLists[1].title` (the notation of localization keys). */
const formatPath = (segments: ReadonlyArray<string | number>) =>
  segments.reduce<string>(
    (out, segment) =>
      typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment,
    '',
  ) || '(root)';

const LOCALIZABLE_LIMITS: Record<string, number> = {
  'name.short': LIMITS.shortName,
  'name.full': LIMITS.fullName,
  'description.short': LIMITS.shortDescription,
  'description.full': LIMITS.fullDescription,
};

/**
 * Everything in the manifest (and, when given, the package files) that Teams would reject, as sentences.
 * An empty list means the package can be uploaded.
 */
export function validateManifest(manifest: unknown, files?: readonly PackageFile[]): string[] {
  const problems: string[] = [];
  const text = JSON.stringify(manifest);
  if (text?.includes('${{'))
    problems.push(`an unreplaced placeholder is left: ${text.match(/\$\{\{[^}]*\}\}/)?.[0]}`);
  const parsed = TeamsManifestSchema.safeParse(manifest);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`));
    return problems;
  }
  const m = parsed.data;
  m.bots.forEach((bot, b) =>
    bot.commandLists?.forEach((list, l) => {
      for (const scope of list.scopes) {
        if (!bot.scopes.includes(scope)) {
          problems.push(`bots[${b}].commandLists[${l}].scopes: ${scope} is not one of the bot's scopes`);
        }
      }
      const seen = new Set<string>();
      list.commands.forEach((command, c) => {
        const key = command.title.toLowerCase();
        if (seen.has(key))
          problems.push(`bots[${b}].commandLists[${l}].commands[${c}].title: "${command.title}" repeats`);
        seen.add(key);
      });
    }),
  );
  const languages = m.localizationInfo?.additionalLanguages ?? [];
  if (
    languages.some(
      (l) => l.languageTag.toLowerCase() === m.localizationInfo?.defaultLanguageTag.toLowerCase(),
    )
  ) {
    problems.push('localizationInfo: an additional language repeats the default language');
  }
  if (!files) return problems;

  const byName = new Map(files.map((file) => [file.name, file.data]));
  problems.push(
    ...validateIcon('icons.color', m.icons.color, byName.get(m.icons.color), ICON_SIZES.color, false),
  );
  problems.push(
    ...validateIcon('icons.outline', m.icons.outline, byName.get(m.icons.outline), ICON_SIZES.outline, true),
  );
  for (const language of languages) {
    const data = byName.get(language.file);
    if (!data) {
      problems.push(
        `localizationInfo: ${language.file} (${language.languageTag}) is missing from the package`,
      );
      continue;
    }
    problems.push(...validateLocalization(language.file, data, m));
  }
  for (const file of files) {
    if (file.name.includes('/') || file.name.includes('\\'))
      problems.push(`${file.name}: files must sit at the zip root`);
  }
  return problems;
}

function validateLocalization(file: string, data: Buffer, manifest: TeamsManifest): string[] {
  let content: unknown;
  try {
    content = JSON.parse(data.toString('utf8'));
  } catch (error) {
    return [`${file}: is not JSON (${(error as Error).message})`];
  }
  if (!content || typeof content !== 'object' || Array.isArray(content))
    return [`${file}: must be a JSON object`];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(content)) {
    if (key === '$schema') continue;
    if (typeof value !== 'string' || !value) {
      problems.push(`${file}: ${key} must be a non-empty string`);
      continue;
    }
    const limit = LOCALIZABLE_LIMITS[key];
    const match = COMMAND_KEY.exec(key);
    if (limit !== undefined) {
      if (value.length > limit) problems.push(`${file}: ${key} must be at most ${limit} characters`);
    } else if (match) {
      const [, b, l, c, field] = match;
      const exists = manifest.bots[Number(b)]?.commandLists?.[Number(l)]?.commands[Number(c)];
      const max = field === 'title' ? LIMITS.commandTitle : LIMITS.commandDescription;
      if (!exists) problems.push(`${file}: ${key} has no command in manifest.json to translate`);
      else if (value.length > max) problems.push(`${file}: ${key} must be at most ${max} characters`);
    } else {
      problems.push(`${file}: ${key} is not a localizable key of this manifest`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------
// PNG: just enough of a reader to check sizes and outline pixels

export interface PngImage {
  readonly width: number;
  readonly height: number;
  /** 8-bit RGBA, row after row; undefined when the format is one this reader does not decode. */
  readonly rgba?: Uint8Array;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Reads IHDR and, for 8-bit non-interlaced images, the pixels. Returns undefined when it is not a PNG. */
export function readPng(data: Buffer): PngImage | undefined {
  if (
    data.length < 33 ||
    !data.subarray(0, 8).equals(PNG_SIGNATURE) ||
    data.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    return undefined;
  }
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const [bitDepth, colorType, , , interlace] = data.subarray(24, 29);
  const channels = CHANNELS[colorType ?? -1];
  const idat: Buffer[] = [];
  let palette: Buffer | undefined;
  let paletteAlpha: Buffer | undefined;
  for (let offset = 8; offset + 12 <= data.length;) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('latin1', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IDAT') idat.push(body);
    if (type === 'PLTE') palette = body;
    if (type === 'tRNS') paletteAlpha = body;
    offset += 12 + length;
  }
  if (bitDepth !== 8 || interlace !== 0 || !channels || (colorType === 3 && !palette))
    return { width, height };
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const predictor =
        filter === 1
          ? left
          : filter === 2
            ? up
            : filter === 3
              ? (left + up) >> 1
              : filter === 4
                ? paeth(left, up, upLeft)
                : 0;
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * channels, i * channels + channels);
    const [r, g, b, a] =
      colorType === 6
        ? [p[0]!, p[1]!, p[2]!, p[3]!]
        : colorType === 2
          ? [p[0]!, p[1]!, p[2]!, 255]
          : colorType === 4
            ? [p[0]!, p[0]!, p[0]!, p[1]!]
            : colorType === 0
              ? [p[0]!, p[0]!, p[0]!, 255]
              : [
                  palette![p[0]! * 3] ?? 0,
                  palette![p[0]! * 3 + 1] ?? 0,
                  palette![p[0]! * 3 + 2] ?? 0,
                  paletteAlpha?.[p[0]!] ?? 255,
                ];
    rgba.set([r, g, b, a], i * 4);
  }
  return { width, height, rgba };
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Teams: the outline icon has only white and transparent pixels. */
export const countNonWhiteOpaquePixels = (rgba: Uint8Array): number => {
  let count = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] !== 0 && (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255)) count++;
  }
  return count;
};

function validateIcon(
  field: string,
  name: string,
  data: Buffer | undefined,
  size: number,
  isOutline: boolean,
): string[] {
  if (!data) return [`${field}: ${name} is missing from the package`];
  const png = readPng(data);
  if (!png) return [`${field}: ${name} is not a PNG file`];
  if (png.width !== size || png.height !== size) {
    return [`${field}: ${name} is ${png.width}×${png.height}; Teams needs ${size}×${size}`];
  }
  if (!isOutline) return [];
  if (!png.rgba)
    return [`${field}: ${name} must be an 8-bit non-interlaced PNG so its pixels can be checked`];
  const stray = countNonWhiteOpaquePixels(png.rgba);
  return stray ? [`${field}: ${name} has ${stray} pixels that are neither white nor transparent`] : [];
}

// ---------------------------------------------------------------------------------------------------------
// Building and packaging

export interface BuiltManifest {
  readonly manifest: unknown;
  /** manifest.json (with the bot id in), the icons and the localization files, as they go into the zip. */
  readonly files: readonly PackageFile[];
  readonly warnings: readonly string[];
}

const readIfExists = (file: string): Buffer | undefined =>
  fs.existsSync(file) ? fs.readFileSync(file) : undefined;

/** The names of the files manifest.json points at (icons, localization files). */
const referencedFiles = (manifest: unknown): string[] => {
  const m = manifest as Partial<TeamsManifest> | undefined;
  return [
    m?.icons?.color,
    m?.icons?.outline,
    ...(m?.localizationInfo?.additionalLanguages ?? []).map((language) => language.file),
  ].filter((name): name is string => typeof name === 'string' && name.length > 0);
};

/**
 * Reads manifest/ and puts MicrosoftAppId in for `${{BOT_ID}}`. An empty id still builds, with the zero GUID
 * and a warning: such a package only suits local testing. Files that manifest.json names but that do not
 * exist are left out (validateManifest reports them).
 */
export function buildManifest(env: Env, dir: string = MANIFEST_DIR): BuiltManifest {
  const appId = env.MicrosoftAppId?.trim() ?? '';
  const warnings: string[] = [];
  if (!appId) {
    warnings.push(
      `MicrosoftAppId is empty, so ${BOT_ID_PLACEHOLDER} was replaced by the zero GUID ${ZERO_GUID}. ` +
        'This package is for local testing only; set MicrosoftAppId to the Azure Bot app id before uploading it to Teams.',
    );
  }
  const source = fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8');
  const manifest: unknown = JSON.parse(
    source.replaceAll(BOT_ID_PLACEHOLDER, JSON.stringify(appId || ZERO_GUID).slice(1, -1)),
  );
  const files: PackageFile[] = [
    { name: MANIFEST_FILE, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
  ];
  for (const name of [...new Set(referencedFiles(manifest))]) {
    const data = readIfExists(path.join(dir, name));
    if (data) files.push({ name, data });
  }
  return { manifest, files, warnings };
}

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

export interface PackageResult {
  readonly zip?: Buffer;
  readonly files: readonly PackageFile[];
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

/** Builds, validates and zips; no zip when there is any problem. */
export function packageManifest(env: Env, dir: string = MANIFEST_DIR): PackageResult {
  const built = buildManifest(env, dir);
  const problems = [...validateManifest(built.manifest, built.files), ...findCommandListDrift(dir)];
  return problems.length
    ? { files: built.files, problems, warnings: built.warnings }
    : { zip: zipFiles(built.files), files: built.files, problems, warnings: built.warnings };
}

// ---------------------------------------------------------------------------------------------------------
// ZIP: local file headers, central directory, end of central directory (no ZIP64; files stay small)

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

/** A ZIP archive of the files at its root: deflated where that is smaller, stored otherwise. Reproducible. */
export function zipFiles(files: readonly PackageFile[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const crc = zlib.crc32(file.data);
    const deflated = zlib.deflateRawSync(file.data, { level: 9 });
    const method = deflated.length < file.data.length ? 8 : 0;
    const body = method === 8 ? deflated : file.data;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time 00:00
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(file.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal and external attributes: all 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8); // entries on this disk
  end.writeUInt16LE(files.length, 10); // entries in all
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

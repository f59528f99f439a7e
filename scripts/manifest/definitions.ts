/** Where the Teams app package comes from and goes, what Teams accepts, and the shapes passed around. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
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

export const readIfExists = (file: string): Buffer | undefined =>
  fs.existsSync(file) ? fs.readFileSync(file) : undefined;

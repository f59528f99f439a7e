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
 * The pieces live in scripts/manifest/ (definitions, command lists, schema, checks, PNG reader, ZIP writer);
 * this module builds and packages, and re-exports them for the CLI and the tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { findCommandListDrift } from './manifest/command-lists.js';
import { validateManifest } from './manifest/check-manifest.js';
import {
  BOT_ID_PLACEHOLDER,
  MANIFEST_DIR,
  MANIFEST_FILE,
  ZERO_GUID,
  readIfExists,
  type Env,
  type PackageFile,
} from './manifest/definitions.js';
import type { TeamsManifest } from './manifest/manifest-schema.js';
import { zipFiles } from './manifest/zip.js';

export * from './manifest/definitions.js';
export * from './manifest/command-lists.js';
export { TeamsManifestSchema, type TeamsManifest } from './manifest/manifest-schema.js';
export { validateManifest } from './manifest/check-manifest.js';
export {
  bundledManifestVersions,
  checkLocalizationSchema,
  checkManifestSchema,
} from './manifest/check-schema.js';
export { readPng, type PngImage } from './manifest/png.js';
export { countNonWhiteOpaquePixels } from './manifest/check-icon.js';
export { zipFiles } from './manifest/zip.js';

export interface BuiltManifest {
  readonly manifest: unknown;
  /** manifest.json (with the bot id in), the icons and the localization files, as they go into the zip. */
  readonly files: readonly PackageFile[];
  readonly warnings: readonly string[];
}

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

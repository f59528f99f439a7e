/**
 * The manifest and its localization files checked against Microsoft's own JSON schemas for the manifest's
 * `manifestVersion`, offline: `@microsoft/app-manifest` bundles every published schema
 * (build/json-schemas/teams/v<version>/). The validators are the ones that package uses (ajv draft-04 and
 * ajv-formats, resolved from the package itself, so no second copy is needed). The localization schemas
 * hold patterns that are not valid Unicode regular expressions (`\[\b(...)\b]`), so they compile with
 * `unicodeRegExp: false`, as the Teams service reads them.
 *
 * These checks sit under the hand-written ones (check-manifest.ts), which stay: they know more than the
 * schema (icon pixels, command-list drift, duplicate titles, localization keys that name no command).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

type ValidateFunction = ((data: unknown) => boolean) & {
  errors?: readonly { instancePath: string; message?: string; params?: Record<string, unknown> }[] | null;
};
interface AjvInstance {
  compile(schema: object): ValidateFunction;
}
type AjvConstructor = new (options: Record<string, unknown>) => AjvInstance;

const require = createRequire(import.meta.url);
const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
const fromPackage = createRequire(path.join(packageDir, 'package.json'));
const AjvDraft04 = (fromPackage('ajv-draft-04') as { default: AjvConstructor }).default;
const addFormats = (fromPackage('ajv-formats') as { default: (ajv: AjvInstance, formats: string[]) => void })
  .default;

export const SCHEMA_ROOT = path.join(packageDir, 'build', 'json-schemas', 'teams');
export const MANIFEST_SCHEMA_FILE = 'MicrosoftTeams.schema.json';
export const LOCALIZATION_SCHEMA_FILE = 'MicrosoftTeams.Localization.schema.json';

/** The manifest versions whose schemas are bundled (e.g. "1.22"), oldest first. */
export function bundledManifestVersions(): string[] {
  return fs
    .readdirSync(SCHEMA_ROOT)
    .filter(
      (name) => /^v\d+\.\d+$/.test(name) && fs.existsSync(path.join(SCHEMA_ROOT, name, MANIFEST_SCHEMA_FILE)),
    )
    .map((name) => name.slice(1))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

const compiled = new Map<string, ValidateFunction>();

function validatorFor(version: string, file: string): ValidateFunction | undefined {
  const key = `${version}/${file}`;
  const known = compiled.get(key);
  if (known) return known;
  const schemaPath = path.join(SCHEMA_ROOT, `v${version}`, file);
  if (!/^\d+\.\d+$/.test(version) || !fs.existsSync(schemaPath)) return undefined;
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as object;
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  compiled.set(key, validate);
  return validate;
}

const describeErrors = (label: string, validate: ValidateFunction): string[] =>
  (validate.errors ?? []).map((error) => {
    const params = error.params ?? {};
    const detail =
      'additionalProperty' in params
        ? ` (${String(params.additionalProperty)})`
        : 'allowedValues' in params
          ? ` (${(params.allowedValues as unknown[]).map(String).join(', ')})`
          : '';
    return `${label}${error.instancePath}: ${error.message ?? 'is invalid'}${detail} [Teams schema]`;
  });

/** The manifest's version, as its schema folder names it; undefined when it has none. */
export const manifestVersionOf = (manifest: unknown): string | undefined => {
  const version = (manifest as { manifestVersion?: unknown } | undefined)?.manifestVersion;
  return typeof version === 'string' ? version : undefined;
};

/** What Microsoft's schema of the manifest's own version says about it; [] when it conforms. */
export function checkManifestSchema(manifest: unknown): string[] {
  const version = manifestVersionOf(manifest);
  if (!version)
    return ['manifest.json: manifestVersion is missing, so no Teams schema applies [Teams schema]'];
  const validate = validatorFor(version, MANIFEST_SCHEMA_FILE);
  if (!validate) {
    return [
      `manifest.json: no Teams schema is bundled for manifestVersion ${version} (known: ${bundledManifestVersions().join(', ')}) [Teams schema]`,
    ];
  }
  return validate(JSON.parse(JSON.stringify(manifest))) ? [] : describeErrors('manifest.json', validate);
}

/** What the localization schema of the manifest's version says about one localization file's JSON. */
export function checkLocalizationSchema(file: string, content: unknown, version: string): string[] {
  const validate = validatorFor(version, LOCALIZATION_SCHEMA_FILE);
  if (!validate)
    return [`${file}: no Teams localization schema is bundled for manifestVersion ${version} [Teams schema]`];
  return validate(content) ? [] : describeErrors(file, validate);
}

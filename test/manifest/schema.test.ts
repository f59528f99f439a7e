/**
 * The app package against Microsoft's own Teams manifest JSON schema of its manifestVersion (bundled by
 * @microsoft/app-manifest, so offline), for manifest.json and each localization file; and `npm run package`
 * refusing when the schema does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  MANIFEST_DIR,
  ROOT_DIR,
  buildManifest,
  bundledManifestVersions,
  checkLocalizationSchema,
  checkManifestSchema,
  packageManifest,
  validateManifest,
} from '../../scripts/manifest-package.js';

const APP_ID = '5d2b6a1e-3f4c-4b8a-9e21-7c6f0d9a1b23';
type Json = Record<string, unknown>;
const readJson = (file: string): Json => JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, file), 'utf8'));
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const built = buildManifest({ MicrosoftAppId: APP_ID });
const manifest = built.manifest as Json & { manifestVersion: string; developer: Json; bots: Json[] };
const localizationFiles = (
  (manifest.localizationInfo as { additionalLanguages: { file: string }[] }).additionalLanguages ?? []
).map((language) => language.file);

/** A copy of manifest/ with one file's JSON changed, for packaging it. */
function manifestDirWith(file: string, change: (json: Json) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-schema-'));
  for (const name of fs.readdirSync(MANIFEST_DIR))
    fs.copyFileSync(path.join(MANIFEST_DIR, name), path.join(dir, name));
  const json = readJson(file);
  change(json);
  fs.writeFileSync(path.join(dir, file), JSON.stringify(json, null, 2));
  return dir;
}

describe('Teams app package against the Teams JSON schema of its manifestVersion', () => {
  it('has a bundled schema for the manifest version in manifest/manifest.json', () => {
    expect(bundledManifestVersions()).toContain(manifest.manifestVersion);
    expect(readJson('manifest.json').$schema).toContain(
      `/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
  });

  it('finds manifest.json and every localization file valid by the schema', () => {
    expect(localizationFiles.length).toBeGreaterThan(0);
    expect(checkManifestSchema(manifest)).toEqual([]);
    for (const file of localizationFiles) {
      expect(checkLocalizationSchema(file, readJson(file), manifest.manifestVersion), file).toEqual([]);
      expect(readJson(file).$schema, file).toContain(
        `/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`,
      );
    }
  });

  it('reports what only the schema knows: a property Teams does not define, a scope that does not exist, a bad URL', () => {
    const changed = clone(manifest);
    changed.developer.phone = '+82 2 0000 0000';
    (changed.bots[0] as { scopes: string[] }).scopes = ['personal', 'everywhere'];
    changed.developer.websiteUrl = 'not a url';
    const problems = checkManifestSchema(changed);
    expect(problems).toEqual(
      expect.arrayContaining([
        'manifest.json/developer: must NOT have additional properties (phone) [Teams schema]',
        expect.stringMatching(
          /^manifest\.json\/bots\/0\/scopes\/1: must be equal to one of the allowed values \(.*personal.*\) \[Teams schema\]$/,
        ),
        expect.stringMatching(
          /^manifest\.json\/developer\/websiteUrl: must match (format "uri"|pattern .*) \[Teams schema\]$/,
        ),
      ]),
    );
    // validateManifest includes them, on top of its own checks.
    expect(validateManifest(changed)).toEqual(expect.arrayContaining(problems));
  });

  it('says when no schema is bundled for the manifest version, instead of passing it unchecked', () => {
    const changed = { ...clone(manifest), manifestVersion: '1.99' };
    expect(checkManifestSchema(changed)).toEqual([
      expect.stringMatching(
        /^manifest\.json: no Teams schema is bundled for manifestVersion 1\.99 \(known: .*1\.22.*\) \[Teams schema\]$/,
      ),
    ]);
  });

  it('reports a localization file that breaks the localization schema: a wrong type, a text over its length, a key it does not define', () => {
    const file = localizationFiles[0]!;
    const content = {
      ...readJson(file),
      $schema: 42,
      'name.short': 'x'.repeat(31),
      'name.nickname': 'Helper',
    };
    const problems = checkLocalizationSchema(file, content, manifest.manifestVersion);
    expect(problems).toEqual(
      expect.arrayContaining([
        `${file}/$schema: must be string [Teams schema]`,
        `${file}/name.short: must NOT have more than 30 characters [Teams schema]`,
        `${file}: must NOT have additional properties (name.nickname) [Teams schema]`,
      ]),
    );
  });

  it('refuses to package a manifest/ whose manifest.json or localization file breaks the schema', () => {
    const badManifest = manifestDirWith('manifest.json', (json) => {
      (json.developer as Json).phone = '+82 2 0000 0000';
    });
    const refused = packageManifest({ MicrosoftAppId: APP_ID }, badManifest);
    expect(refused.zip).toBeUndefined();
    expect(refused.problems).toContain(
      'manifest.json/developer: must NOT have additional properties (phone) [Teams schema]',
    );

    const file = localizationFiles[0]!;
    const badLocalization = manifestDirWith(file, (json) => {
      json.$schema = 42;
    });
    const refusedToo = packageManifest({ MicrosoftAppId: APP_ID }, badLocalization);
    expect(refusedToo.zip).toBeUndefined();
    expect(refusedToo.problems).toEqual([`${file}/$schema: must be string [Teams schema]`]);
  });

  it('lets `npm run package -- --check` pass on the committed manifest/, offline', () => {
    const output = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/package-manifest.ts', '--check'],
      {
        cwd: ROOT_DIR,
        env: { ...process.env, MicrosoftAppId: APP_ID },
        encoding: 'utf8',
      },
    );
    expect(output).toMatch(/The Teams app package is valid/);
  });
});

import { ICON_SIZES, type PackageFile } from './definitions.js';
import { checkIcon } from './check-icon.js';
import { checkLocalization } from './check-localization.js';
import { checkLocalizationSchema, checkManifestSchema } from './check-schema.js';
import { formatPath, TeamsManifestSchema } from './manifest-schema.js';

/**
 * Everything in the manifest (and, when given, the package files) that Teams would reject, as sentences.
 * An empty list means the package can be uploaded.
 */
export function validateManifest(manifest: unknown, files?: readonly PackageFile[]): string[] {
  const problems: string[] = [];
  const text = JSON.stringify(manifest);
  if (text?.includes('${{'))
    problems.push(`an unreplaced placeholder is left: ${text.match(/\$\{\{[^}]*\}\}/)?.[0]}`);
  // Microsoft's schema of this manifestVersion first; the stricter checks below add what it does not know.
  problems.push(...checkManifestSchema(manifest));
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
    ...checkIcon('icons.color', m.icons.color, byName.get(m.icons.color), ICON_SIZES.color, false),
  );
  problems.push(
    ...checkIcon('icons.outline', m.icons.outline, byName.get(m.icons.outline), ICON_SIZES.outline, true),
  );
  for (const language of languages) {
    const data = byName.get(language.file);
    if (!data) {
      problems.push(
        `localizationInfo: ${language.file} (${language.languageTag}) is missing from the package`,
      );
      continue;
    }
    problems.push(...checkLocalization(language.file, data, m));
    problems.push(...localizationSchemaProblems(language.file, data, m.manifestVersion));
  }
  for (const file of files) {
    if (file.name.includes('/') || file.name.includes('\\'))
      problems.push(`${file.name}: files must sit at the zip root`);
  }
  return problems;
}

/** The localization file against the schema of the manifest's version (a file that is no JSON is reported by checkLocalization). */
function localizationSchemaProblems(file: string, data: Buffer, version: string): string[] {
  let content: unknown;
  try {
    content = JSON.parse(data.toString('utf8'));
  } catch {
    return [];
  }
  return checkLocalizationSchema(file, content, version);
}

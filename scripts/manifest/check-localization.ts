import { COMMAND_KEY } from './command-lists.js';
import { LIMITS } from './definitions.js';
import { LOCALIZABLE_LIMITS, type TeamsManifest } from './manifest-schema.js';

/** What Teams would reject in one localization file: unknown keys, empty values, texts over the limits. */
export function checkLocalization(file: string, data: Buffer, manifest: TeamsManifest): string[] {
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

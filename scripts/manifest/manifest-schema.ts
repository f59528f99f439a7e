/** The shape and limits of manifest.json that Teams enforces, as a zod schema. */
import { z } from 'zod';
import { BOT_SCOPES, LIMITS } from './definitions.js';

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
export const formatPath = (segments: ReadonlyArray<string | number>) =>
  segments.reduce<string>(
    (out, segment) =>
      typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment,
    '',
  ) || '(root)';

export const LOCALIZABLE_LIMITS: Record<string, number> = {
  'name.short': LIMITS.shortName,
  'name.full': LIMITS.fullName,
  'description.short': LIMITS.shortDescription,
  'description.full': LIMITS.fullDescription,
};
